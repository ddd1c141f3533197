/** The rule for a year's published figures (decision 022) and the change from the year before. */
import { describe, expect, it } from "vitest";
import {
  gradeChangeLabel,
  publicationLabel,
  summarisePublishedYear,
  summarisePublishedYears,
} from "../../src/modules/cycle/domain/published-summary.ts";
import type { Grade } from "../../src/modules/plan/plan.ts";

const repeat = (grade: Grade, n: number): Grade[] => Array.from({ length: n }, () => grade);

describe("summarisePublishedYear", () => {
  it("gives shares with their base only when every initiative is published with a grade", () => {
    const complete = summarisePublishedYear(2023, 37, [...repeat("S", 6), ...repeat("A", 22), ...repeat("B", 5), ...repeat("C", 4)]);
    expect(complete).toMatchObject({ published: 37, complete: true });
    expect([...complete.shares!.values()].reduce((a, b) => a + b, 0)).toBe(100);
    expect(publicationLabel(complete)).toBe("全37項目を公表");
  });

  it("gives counts but no shares while a year is partly published — one item graded A is not 'A 100%'", () => {
    const one = summarisePublishedYear(2023, 37, ["A"]);
    expect(one).toMatchObject({ published: 1, complete: false, shares: null });
    expect(one.counts.find((c) => c.grade === "A")!.count).toBe(1);
    expect(publicationLabel(one)).toBe("37項目中1項目を公表");
    expect(publicationLabel(summarisePublishedYear(2023, 37, repeat("B", 12)))).toBe("37項目中12項目を公表");
  });

  it("never counts a published item without a grade as a grade, and gives no shares then", () => {
    const year = summarisePublishedYear(2023, 3, ["A", "B", null]);
    expect(year).toMatchObject({ published: 3, ungraded: 1, complete: false, shares: null });
    expect(year.counts.reduce((sum, c) => sum + c.count, 0)).toBe(2);
  });

  it("summarises each year with anything published, oldest first", () => {
    const years = summarisePublishedYears(2, [
      { fiscalYear: 2023, initiativeId: 1, grade: "A" },
      { fiscalYear: 2022, initiativeId: 1, grade: "S" },
      { fiscalYear: 2022, initiativeId: 2, grade: "C" },
    ]);
    expect(years.map((y) => [y.fiscalYear, y.published, y.complete])).toEqual([
      [2022, 2, true],
      [2023, 1, false],
    ]);
  });
});

describe("gradeChangeLabel", () => {
  it("says up, down or unchanged, and when there is nothing to compare with", () => {
    expect(gradeChangeLabel("B", "A")).toBe("B → A（上昇）");
    expect(gradeChangeLabel("S", "C")).toBe("S → C（低下）");
    expect(gradeChangeLabel("A", "A")).toBe("A → A（変化なし）");
    expect(gradeChangeLabel(undefined, "A")).toBe("前年度の公表なし");
    expect(gradeChangeLabel(null, "A")).toBe("評価なし → A");
  });
});
