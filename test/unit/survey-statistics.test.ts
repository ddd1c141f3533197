/**
 * The survey analysis's pure statistics against values worked out
 * independently of this code (each test says where its numbers come from).
 */
import { describe, expect, it } from "vitest";
import { rake } from "../../src/modules/survey/analysis/domain/raking.ts";
import { chiSquareTest, formatPercent, kishDesignEffect, marginOfError, percent } from "../../src/modules/survey/analysis/domain/statistics.ts";
import { suppressSmallCells } from "../../src/modules/survey/analysis/domain/suppression.ts";

describe("chi-square test of independence", () => {
  it("reproduces Agresti's party identification by gender example", () => {
    // Agresti, An Introduction to Categorical Data Analysis (2nd ed., 2007), Table 2.5 and §2.4.5:
    // females 762 / 327 / 468 (Democrat / Independent / Republican), males 484 / 239 / 477;
    // X² = 30.1 on df = 2; adjusted (standardized) residuals 4.50, 0.70, −5.32 for females.
    // R: chisq.test(matrix(c(762,484,327,239,468,477), nrow = 2))
    //    → X-squared = 30.07, df = 2, p-value = 2.954e-07
    const test = chiSquareTest([
      [762, 327, 468],
      [484, 239, 477],
    ])!;
    expect(test.statistic).toBeCloseTo(30.07, 2);
    expect(test.df).toBe(2);
    // For df = 2 the chi-square survival function is exactly exp(−x/2): an independent check of jstat's tail.
    expect(test.pValue).toBeCloseTo(Math.exp(-test.statistic / 2), 12);
    expect(test.pValue).toBeCloseTo(2.954e-7, 9);
    expect(test.residuals.map((row) => row.map((r) => Number(r.toFixed(2))))).toEqual([
      [4.5, 0.7, -5.32],
      [-4.5, -0.7, 5.32],
    ]);
    expect(test.smallExpectedCells).toBe(0);
    expect(test.approximationReliable).toBe(true);
  });

  it("counts expected counts under 5 and says when the approximation is doubtful", () => {
    // Row totals 6 and 6, column totals 6 and 6, N = 12: every expected count is 3.
    const test = chiSquareTest([
      [5, 1],
      [1, 5],
    ])!;
    expect(test.expected.flat()).toEqual([3, 3, 3, 3]);
    expect(test.smallExpectedCells).toBe(4);
    expect(test.approximationReliable).toBe(false);
    // X² = 4·(2²/3) = 16/3; df = 1.
    expect(test.statistic).toBeCloseTo(16 / 3, 12);
  });

  it("refuses a table with an empty row or fewer than two rows", () => {
    expect(chiSquareTest([[1, 2]])).toBeNull();
    expect(chiSquareTest([[1, 2], [0, 0]])).toBeNull();
  });
});

describe("percentages and margins of error", () => {
  it("rounds half up on the decimal value, and keeps no base distinct from 0%", () => {
    expect(formatPercent(12.25)).toBe("12.3"); // 12.25 is 12.2499… in binary
    expect(formatPercent(percent(420, 506))).toBe("83.0"); // 83.0039…: the plan's 「約83%」
    expect(formatPercent(percent(35, 90))).toBe("38.9"); // 70歳以上 internet use, the plan's 「39%」
    expect(formatPercent(percent(0, 4))).toBe("0.0");
    expect(formatPercent(percent(0, 0))).toBe("－");
  });

  it("gives ±4.4 points for 506 answers at p = 50% and widens with the design effect", () => {
    // 1.959964 · √(0.25 / 506) · 100 = 4.3565…
    expect(marginOfError(506)!).toBeCloseTo(4.3565, 3);
    // n = 100: 1.959964 · 0.05 · 100 = 9.80; deff 2 halves the effective n: 9.80 · √2 = 13.86.
    expect(marginOfError(100)!).toBeCloseTo(9.7998, 3);
    expect(marginOfError(100, 0.5, 2)!).toBeCloseTo(13.859, 2);
    expect(marginOfError(0)).toBeNull();
  });

  it("computes Kish's design effect n·Σw²/(Σw)²", () => {
    expect(kishDesignEffect([1, 1, 1])).toBe(1);
    // Σw = 4, Σw² = 1 + 9 = 10, n = 2: 2·10/16 = 1.25.
    expect(kishDesignEffect([1, 3])).toBe(1.25);
  });
});

describe("raking", () => {
  /**
   * A worked example with a closed-form answer. Sample of 100 by sex (M/F) ×
   * area (north/south): M-north 40, M-south 10, F-north 20, F-south 30.
   * Population: M 60, F 40; north 50, south 50. Raking to two margins of a
   * 2×2 table keeps the sample's odds ratio (40·30)/(10·20) = 6 and matches
   * both margins, so the fitted M-north count x solves
   * x(x−10) = 6(60−x)(50−x) → x² − 130x + 3600 = 0 → x = 40 (90 exceeds 50).
   * Fitted cells: 40, 20, 10, 30 → weights 40/40 = 1, 20/10 = 2, 10/20 = 0.5, 30/30 = 1,
   * and Kish's deff = 100·(40·1 + 10·4 + 20·0.25 + 30·1)/100² = 1.15.
   */
  const cell = (sex: string, area: string, n: number) => Array.from({ length: n }, () => ({ categories: { sex, area } }));
  const respondents = [...cell("M", "north", 40), ...cell("M", "south", 10), ...cell("F", "north", 20), ...cell("F", "south", 30)];
  const margins = [
    { name: "sex", totals: new Map([["M", 60], ["F", 40]]) },
    { name: "area", totals: new Map([["north", 50], ["south", 50]]) },
  ];

  it("converges to the known weights", () => {
    const result = rake(respondents, margins);
    if (!result.ok) throw new Error(result.message);
    const weightOf = (index: number) => result.weights[index]!;
    expect(weightOf(0)).toBeCloseTo(1, 8); // M-north
    expect(weightOf(40)).toBeCloseTo(2, 8); // M-south
    expect(weightOf(50)).toBeCloseTo(0.5, 8); // F-north
    expect(weightOf(70)).toBeCloseTo(1, 8); // F-south
    expect(kishDesignEffect(result.weights)!).toBeCloseTo(1.15, 8);
  });

  it("uses totals as proportions and scales the weights to average 1", () => {
    // The same population ten times larger gives the same weights.
    const scaled = margins.map((m) => ({ name: m.name, totals: new Map([...m.totals].map(([k, v]) => [k, v * 10])) }));
    const result = rake(respondents, scaled);
    if (!result.ok) throw new Error(result.message);
    expect(result.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 8);
    expect(result.weights[40]).toBeCloseTo(2, 8);
  });

  it("refuses a category with population but no respondent", () => {
    const result = rake(respondents, [{ name: "sex", totals: new Map([["M", 60], ["F", 40], ["X", 5]]) }]);
    expect(result).toEqual({ ok: false, message: expect.stringContaining("「X」に回答者がいない") });
  });
});

describe("small cell suppression", () => {
  it("suppresses counts of 1–4 and one more cell where a line would give it away", () => {
    const suppressed = suppressSmallCells([
      [10, 3, 20],
      [15, 12, 30],
    ]);
    // 3 is small; its row and its column then hold one suppressed cell each, so
    // the smallest other cell of each is suppressed too (10 in the row, 12 in
    // the column), and then 15 (column of 10) pairs with 12 in row 2.
    expect(suppressed).toEqual([
      [true, true, false],
      [true, true, false],
    ]);
  });

  it("publishes zeros and leaves a table without small cells alone", () => {
    expect(suppressSmallCells([[0, 10], [12, 30]])).toEqual([
      [false, false],
      [false, false],
    ]);
  });
});
