/** Pure parts of publishing (issue #6): the preview's fingerprint and counts, a correction's diff and rules, 和暦 days, confirmed readings. */
import { describe, expect, it } from "vitest";
import { warekiDateLabel, warekiDateWithWestern } from "../../src/core/format/wareki-date.ts";
import type { Report } from "../../src/modules/cycle/cycle.ts";
import { correctionDiff, correctionProblems, isEmptyCorrection } from "../../src/modules/cycle/domain/correction.ts";
import { publicationCounts, publicationFingerprint, publicationSummary } from "../../src/modules/cycle/domain/publication.ts";
import { readingsOf, scheduleKey, withConfirmedReadings } from "../../src/modules/plan/readings/readings.ts";
import type { Plan } from "../../src/modules/plan/plan.ts";

const report = (over: Partial<Report>): Report => ({
  id: 1, cycleId: 1, initiativeId: 1, leadDivisionId: null, state: "finalised", lockVersion: 3, planText: null, targetsConfirmed: false,
  selfGrade: "A", gradeReasons: "理由", issues: null, improvementMeasures: null, nextYearPlan: null, cioGrade: null, cioGradeReason: null,
  updatedAt: new Date(0), updatedByLabel: null, ...over,
});

describe("publication preview", () => {
  it("counts n of the cycle's reports and words it", () => {
    const reports = [report({ id: 1 }), report({ id: 2, state: "draft" }), report({ id: 3, state: "published" })];
    const counts = publicationCounts(reports);
    expect(counts).toEqual({ total: 3, finalised: 1, published: 1, unfinished: 1 });
    expect(publicationSummary(counts)).toBe("3項目中1項目を公表します（確定済み1件、未確定1件は公表されません。公表済みの1件はそのまま掲載されます）");
  });

  it("the fingerprint changes when a report is finalised or changed, not with drafts or order", () => {
    const a = [report({ id: 1 }), report({ id: 2, state: "draft" })];
    expect(publicationFingerprint(a)).toBe(publicationFingerprint([...a].reverse()));
    expect(publicationFingerprint(a)).toBe(publicationFingerprint([report({ id: 1 }), report({ id: 2, state: "draft", lockVersion: 9 })]));
    expect(publicationFingerprint(a)).not.toBe(publicationFingerprint([report({ id: 1, lockVersion: 4 }), report({ id: 2, state: "draft" })]));
    expect(publicationFingerprint(a)).not.toBe(publicationFingerprint([report({ id: 1 }), report({ id: 2 })]));
  });
});

describe("corrections", () => {
  const current = { report: report({ state: "published", cioGrade: "B", cioGradeReason: "CIO" }), actuals: new Map([[7, { kpiId: 7, value: "25", asOf: "2023-03-31", source: "台帳" }]]) };
  it("keeps only what changed; the grade is the one that counts", () => {
    const diff = correctionDiff(current, { grade: "A", gradeReasons: "理由", issues: null, improvementMeasures: null, actuals: [{ kpiId: 7, value: "27", asOf: "2023-03-31", source: "台帳" }] });
    expect(diff.before).toEqual({ grade: "B", kpi: { "7": { value: "25", asOf: "2023-03-31", source: "台帳" } } });
    expect(diff.after).toEqual({ grade: "A", kpi: { "7": { value: "27", asOf: "2023-03-31", source: "台帳" } } });
    const none = correctionDiff(current, { grade: "B", gradeReasons: "理由", issues: null, improvementMeasures: null, actuals: [{ kpiId: 7, value: "25", asOf: "2023-03-31", source: "台帳" }] });
    expect(isEmptyCorrection(none.after)).toBe(true);
  });
  it("B and C need the issues and the improvement measures", () => {
    expect(correctionProblems({ grade: "C", gradeReasons: "x", issues: null, improvementMeasures: "y", actuals: [] })).toEqual([{ field: "issues", message: "C評価の場合は、課題を入力してください" }]);
    expect(correctionProblems({ grade: "A", gradeReasons: null, issues: null, improvementMeasures: null, actuals: [] })[0]!.field).toBe("gradeReasons");
  });
});

describe("和暦 days", () => {
  it("prints days and months in 令和 and 平成", () => {
    expect(warekiDateLabel("2026-12-06")).toBe("令和8年12月6日");
    expect(warekiDateLabel("2019-05-01")).toBe("令和元年5月1日");
    expect(warekiDateLabel("2019-04-30")).toBe("平成31年4月30日");
    expect(warekiDateWithWestern("2022-03")).toBe("令和4年3月（2022年3月）");
  });
});

describe("confirmed readings", () => {
  const plan = {
    period: { startFiscalYear: 2022, endFiscalYear: 2023 },
    phaseLegend: [{ phase: "implement", label: "実施", description: "" }],
    initiatives: [{ number: 4, schedule: [{ label: "運用", phases: new Map([[2022, "implement"]]), assumed: true, note: "読んだ" }] }],
    nationalPriorityItems: [{ code: "1-(1)", title: "標準化", initiativeNumbers: [24], assumed: true, note: "対応付け", group: null, detail: null }],
    dataUtilizationMeasures: [],
  } as unknown as Plan;
  it("lists every reading and unmarks only those confirmed with the same note", () => {
    expect(readingsOf(plan).map((r) => [r.key, r.reading])).toEqual([
      ["schedule:4:運用", "令和4年度 実施、令和5年度 －"],
      ["priority:1-(1)", "取組項目 24"],
    ]);
    expect(withConfirmedReadings(plan, new Map([[scheduleKey(4, "運用"), "読んだ"]])).initiatives[0]!.schedule[0]!.assumed).toBe(false);
    expect(withConfirmedReadings(plan, new Map([[scheduleKey(4, "運用"), "前の読み"]])).initiatives[0]!.schedule[0]!.assumed).toBe(true);
    expect(withConfirmedReadings(plan, new Map()).nationalPriorityItems[0]!.assumed).toBe(true);
  });
});
