/**
 * The statistics behind a crosstab, as pure functions of counts (no SQL, no
 * HTTP): percentages, the 95% margin of error, the chi-square test of
 * independence with adjusted standardised residuals, and the Kish design
 * effect of a set of weights. Thresholds are in docs/decisions/030-survey-statistics.md.
 */
// jstat is CommonJS: its module object is jStat itself (a named import fails under plain Node).
import jStat from "jstat";

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;
/** A column (group) with fewer respondents than this has its percentages marked 参考値. */
export const SMALL_BASE = 30;
/** Cochran's rule: expected counts below this make the chi-square approximation doubtful. */
export const SMALL_EXPECTED = 5;
/** |adjusted residual| at or above this is marked (5% two-sided). */
export const RESIDUAL_MARK = 1.96;

/** count / base as a percentage, or null when the base is 0 (no one to take a share of). */
export function percent(count: number, base: number): number | null {
  return base > 0 ? (count / base) * 100 : null;
}

/**
 * A percentage with one decimal, rounded half up on its decimal value (so
 * 12.25 → "12.3", not "12.2" as binary floating point would give), or 「－」.
 */
export function formatPercent(value: number | null, digits = 1): string {
  if (value === null) return "－";
  const scale = 10 ** digits;
  // The tiny nudge undoes binary representation error (12.25 is stored as 12.2499999…).
  const rounded = Math.round(value * scale + Math.sign(value) * 1e-9) / scale;
  return rounded.toFixed(digits);
}

/**
 * Half-width of the 95% confidence interval of a proportion, in percentage
 * points: z·√(p(1−p)/n_eff). With p = 0.5 it is the largest possible, the
 * figure surveys quote (506 answers: ±4.4). n_eff = n / deff for weighted
 * figures (Kish). No finite population correction: samples here are a
 * small fraction of the population (decision 030).
 */
export function marginOfError(n: number, p = 0.5, deff = 1): number | null {
  const effective = n / deff;
  if (!(effective > 0)) return null;
  return Z95 * Math.sqrt((p * (1 - p)) / effective) * 100;
}

/** Kish's design effect of weighting: n·Σw² / (Σw)² (1 = no loss of precision). */
export function kishDesignEffect(weights: readonly number[]): number | null {
  if (weights.length === 0) return null;
  let sum = 0;
  let squares = 0;
  for (const w of weights) {
    sum += w;
    squares += w * w;
  }
  return (weights.length * squares) / (sum * sum);
}

export type ChiSquareTest = {
  statistic: number;
  df: number;
  pValue: number;
  /** Adjusted standardised residuals, [row][column], of the table tested. */
  residuals: number[][];
  expected: number[][];
  /** Cells whose expected count is below SMALL_EXPECTED, and their share. */
  smallExpectedCells: number;
  smallExpectedShare: number;
  /** Cochran: no expected count below 1 and at most 20% below 5. */
  approximationReliable: boolean;
};

/**
 * Pearson's chi-square test of independence on an r×c table of counts
 * (rows and columns that are all zero must be removed first: they have no
 * expected counts). Adjusted residuals (Haberman):
 * (O − E) / √(E·(1 − rowTotal/N)·(1 − columnTotal/N)), approximately standard
 * normal under independence.
 */
export function chiSquareTest(table: readonly (readonly number[])[]): ChiSquareTest | null {
  const rows = table.length;
  const columns = table[0]?.length ?? 0;
  if (rows < 2 || columns < 2) return null;
  const rowTotals = table.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = Array.from({ length: columns }, (_, j) => table.reduce((sum, row) => sum + row[j]!, 0));
  const n = rowTotals.reduce((a, b) => a + b, 0);
  if (n === 0 || rowTotals.some((t) => t === 0) || columnTotals.some((t) => t === 0)) return null;
  let statistic = 0;
  let smallExpectedCells = 0;
  let belowOne = false;
  const expected: number[][] = [];
  const residuals: number[][] = [];
  for (let i = 0; i < rows; i++) {
    expected.push([]);
    residuals.push([]);
    for (let j = 0; j < columns; j++) {
      const e = (rowTotals[i]! * columnTotals[j]!) / n;
      const o = table[i]![j]!;
      statistic += ((o - e) * (o - e)) / e;
      if (e < SMALL_EXPECTED) smallExpectedCells++;
      if (e < 1) belowOne = true;
      expected[i]!.push(e);
      residuals[i]!.push((o - e) / Math.sqrt(e * (1 - rowTotals[i]! / n) * (1 - columnTotals[j]! / n)));
    }
  }
  const df = (rows - 1) * (columns - 1);
  const smallExpectedShare = smallExpectedCells / (rows * columns);
  return {
    statistic,
    df,
    pValue: 1 - jStat.chisquare.cdf(statistic, df),
    residuals,
    expected,
    smallExpectedCells,
    smallExpectedShare,
    approximationReliable: !belowOne && smallExpectedShare <= 0.2,
  };
}
