/**
 * A crosstab as the pages, downloads and publication show it: the counts
 * PostgreSQL returned, laid out by the questionnaire's option order, with
 * every derived figure (row and column percentages, bases, margins of error,
 * the chi-square test) computed here from those counts.
 *
 * Rows are the options of the analysed question, then 無回答 (NA) and 無効回答
 * (INVALID) as rows of their own; columns are the options of the grouping
 * question, then its 無回答 (respondents with NA or no answer to it). The base
 * of a column is the number of respondents in it who answered the question
 * (NA and INVALID included): for a multiple-choice question the rows add up
 * to more than the base, and percentages are of respondents, not of answers.
 */
import { INVALID_ANSWER, NO_ANSWER, SPECIAL_OPTION_LABELS, type ChoiceQuestion } from "../../domain/definition.ts";
import { chiSquareTest, marginOfError, percent, SMALL_BASE, type ChiSquareTest } from "./statistics.ts";

export type CrosstabCountRow = {
  rowCode: string;
  columnCode: string;
  /** Respondents (unweighted). */
  count: number;
  /** Sum of their weights (equals count when unweighted). */
  weighted: number;
};

export type CrosstabBaseRow = { columnCode: string; count: number; weighted: number; sumSquares: number };

export type Category = { code: string; label: string; special: boolean };

export type Crosstab = {
  question: ChoiceQuestion;
  by: ChoiceQuestion;
  weighted: boolean;
  rows: Category[];
  columns: Category[];
  /** [row][column] unweighted respondents. */
  counts: number[][];
  /** [row][column] the figures shown: weighted sums when weighted, else counts. */
  values: number[][];
  /** Per column: respondents (unweighted) and the shown base. */
  bases: number[];
  valueBases: number[];
  /** Whole table. */
  total: { count: number; value: number };
  /** Per row: the sum across columns (shown), and its unweighted count. */
  rowTotals: number[];
  rowCounts: number[];
  /** Kish design effect per column and overall (1 when unweighted). */
  designEffects: number[];
  designEffect: number;
  /** 95% margin of error at p = 50%, points: per column and overall. */
  margins: (number | null)[];
  margin: number | null;
  smallColumns: boolean[];
  /** Single choice only; on unweighted counts of the answered options by the known groups. */
  test: (ChiSquareTest & { rowIndexes: number[]; columnIndexes: number[] }) | null;
};

/** The grouping question's 無回答 column also takes respondents with no answer row at all. */
export const NO_GROUP = NO_ANSWER;

export function buildCrosstab(input: {
  question: ChoiceQuestion;
  by: ChoiceQuestion;
  weighted: boolean;
  cells: readonly CrosstabCountRow[];
  bases: readonly CrosstabBaseRow[];
}): Crosstab {
  const { question, by, weighted } = input;
  const special = (code: string): Category => ({ code, label: SPECIAL_OPTION_LABELS[code]!, special: true });
  const rows: Category[] = [...question.options.map((o) => ({ code: o.code, label: o.label, special: false })), special(NO_ANSWER), special(INVALID_ANSWER)];
  const columns: Category[] = [...by.options.map((o) => ({ code: o.code, label: o.label, special: false })), special(NO_GROUP)];
  // INVALID in the grouping question counts as unknown group too.
  const columnIndex = (code: string) => {
    const i = columns.findIndex((c) => c.code === code);
    return i >= 0 ? i : columns.length - 1;
  };
  const zeros = () => rows.map(() => columns.map(() => 0));
  const counts = zeros();
  const values = zeros();
  for (const cell of input.cells) {
    const i = rows.findIndex((r) => r.code === cell.rowCode);
    if (i < 0) continue; // an option no longer in this version of the questionnaire
    const j = columnIndex(cell.columnCode);
    counts[i]![j]! += cell.count;
    values[i]![j]! += weighted ? cell.weighted : cell.count;
  }
  const bases = columns.map(() => 0);
  const valueBases = columns.map(() => 0);
  const squares = columns.map(() => 0);
  for (const base of input.bases) {
    const j = columnIndex(base.columnCode);
    bases[j]! += base.count;
    valueBases[j]! += weighted ? base.weighted : base.count;
    squares[j]! += weighted ? base.sumSquares : base.count;
  }
  // Kish from sums: n·Σw²/(Σw)², per column and overall.
  const deffOf = (n: number, sum: number, sumSquares: number) => (n > 0 && sum > 0 ? (n * sumSquares) / (sum * sum) : 1);
  const designEffects = columns.map((_, j) => deffOf(bases[j]!, valueBases[j]!, squares[j]!));
  const totalCount = bases.reduce((a, b) => a + b, 0);
  const totalValue = valueBases.reduce((a, b) => a + b, 0);
  const designEffect = deffOf(totalCount, totalValue, squares.reduce((a, b) => a + b, 0));

  // The test: answered options (not NA/INVALID) by known groups (not 無回答), unweighted, empty lines dropped.
  let test: Crosstab["test"] = null;
  if (question.kind === "single") {
    const rowIndexes = rows.map((r, i) => (r.special ? -1 : i)).filter((i) => i >= 0 && counts[i]!.some((n, j) => n > 0 && !columns[j]!.special));
    const columnIndexes = columns.map((c, j) => (c.special ? -1 : j)).filter((j) => j >= 0 && rowIndexes.some((i) => counts[i]![j]! > 0));
    const result = chiSquareTest(rowIndexes.map((i) => columnIndexes.map((j) => counts[i]![j]!)));
    test = result ? { ...result, rowIndexes, columnIndexes } : null;
  }
  return {
    question,
    by,
    weighted,
    rows,
    columns,
    counts,
    values,
    bases,
    valueBases,
    total: { count: totalCount, value: totalValue },
    rowTotals: values.map((row) => row.reduce((a, b) => a + b, 0)),
    rowCounts: counts.map((row) => row.reduce((a, b) => a + b, 0)),
    designEffects,
    designEffect,
    margins: columns.map((_, j) => marginOfError(bases[j]!, 0.5, designEffects[j])),
    margin: marginOfError(totalCount, 0.5, designEffect),
    smallColumns: bases.map((n) => n < SMALL_BASE),
    test,
  };
}

/** Column percentage: the share of the column's respondents (the base) in this row. */
export const columnPercent = (t: Crosstab, i: number, j: number) => percent(t.values[i]![j]!, t.valueBases[j]!);
/** Whole-sample percentage of a row (the 合計 column). */
export const totalPercent = (t: Crosstab, i: number) => percent(t.rowTotals[i]!, t.total.value);
/** Row percentage: the share of the row's total in this column. */
export const rowPercent = (t: Crosstab, i: number, j: number) => percent(t.values[i]![j]!, t.rowTotals[i]!);

/** The adjusted residual of a cell when the cell was in the test, else undefined. */
export function residualOf(t: Crosstab, i: number, j: number): number | undefined {
  if (!t.test) return undefined;
  const r = t.test.rowIndexes.indexOf(i);
  const c = t.test.columnIndexes.indexOf(j);
  return r < 0 || c < 0 ? undefined : t.test.residuals[r]![c];
}

