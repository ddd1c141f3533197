import { describe, expect, it } from "vitest";
import { gradeShares } from "../../src/modules/plan/domain/grade-shares.ts";
import { tokushimaPlan } from "../support/fixtures.ts";

const counts = (s: number, a: number, b: number, c: number) => [
  { grade: "S" as const, count: s },
  { grade: "A" as const, count: a },
  { grade: "B" as const, count: b },
  { grade: "C" as const, count: c },
];

describe("図表10 percentages (largest remainder method)", () => {
  it("always adds up to 100", () => {
    for (let s = 0; s <= 10; s++)
      for (let a = 0; a <= 10; a++)
        for (let b = 0; b <= 5; b++) {
          const shares = gradeShares(counts(s, a, b, 1))!;
          expect([...shares.values()].reduce((x, y) => x + y, 0)).toBe(100);
        }
  });

  it("reproduces the plan's printed 令和2年度 and 令和3年度 figures", () => {
    const years = tokushimaPlan().evaluationHistory.years;
    for (const year of years.filter((y) => y.fiscalYear !== 2019)) {
      const shares = gradeShares(year.results)!;
      for (const r of year.results) expect(shares.get(r.grade), `${year.fiscalYear} ${r.grade}`).toBe(r.printedPercent);
    }
  });

  it("differs by one point from the printed 令和元年度 figures, which the page explains", () => {
    const shares = gradeShares(counts(5, 15, 7, 0))!;
    expect([...shares.values()]).toEqual([18, 56, 26, 0]);
  });

  it("gives ties to the higher grade and treats an empty year as no value", () => {
    expect([...gradeShares(counts(1, 1, 1, 0))!.values()]).toEqual([34, 33, 33, 0]);
    expect(gradeShares(counts(0, 0, 0, 0))).toBeNull();
  });
});
