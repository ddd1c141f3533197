import { describe, expect, it } from "vitest";
import { japanDate, daysBetween, isIsoDate, isOverdue, japanDateTimeLabel } from "../../src/modules/cycle/domain/deadlines.ts";
import { lowTwoYearsRunning, summariseGrades } from "../../src/modules/cycle/domain/evaluation-summary.ts";
import { kpiResults, suggestedGrade, achievementLabel } from "../../src/modules/cycle/domain/kpi-results.ts";
import { defaultLeadDivisionId, leadIsDesignated, resolvableCollectives, responsibleDivisionIds } from "../../src/modules/cycle/domain/responsibility.ts";
import type { Kpi } from "../../src/modules/plan/plan.ts";

const division = (id: number, role: "lead" | "co") => ({ kind: "division" as const, role, divisionId: id, name: `課${id}`, unit: null, note: null });

describe("responsible divisions", () => {
  it("resolves collectives: members for 関係各課, every division for 全部局", () => {
    const initiative = { divisions: [division(1, "lead"), division(2, "co"), { kind: "related_divisions" as const, role: "co" as const }] };
    expect(responsibleDivisionIds(initiative, new Map([["related_divisions", [5, 2]]]), [1, 2, 3, 4, 5])).toEqual([1, 2, 5]);
    expect(responsibleDivisionIds({ divisions: [division(1, "lead"), { kind: "all_bureaus", role: "co" }] }, new Map(), [1, 2, 3])).toEqual([1, 2, 3]);
    expect(resolvableCollectives(initiative)).toEqual(["related_divisions"]);
  });

  it("takes the first listed division as lead; a collective listed first is the secretariat's to designate", () => {
    expect(defaultLeadDivisionId({ divisions: [division(4, "lead"), division(2, "co")] })).toBe(4);
    const collectiveFirst = { divisions: [{ kind: "all_bureaus" as const, role: "lead" as const }, division(7, "co")] };
    expect(leadIsDesignated(collectiveFirst)).toBe(true);
    expect(defaultLeadDivisionId(collectiveFirst)).toBe(7);
    expect(defaultLeadDivisionId({ divisions: [{ kind: "all_bureaus", role: "lead" }] })).toBeNull();
  });
});

describe("deadlines in Japan time", () => {
  it("counts calendar days in Japan whatever the server's zone", () => {
    expect(japanDate(new Date("2023-05-23T14:59:59Z"))).toBe("2023-05-23");
    expect(japanDate(new Date("2023-05-23T15:00:00Z"))).toBe("2023-05-24");
    expect(daysBetween("2023-05-24", "2023-05-31")).toBe(7);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(japanDateTimeLabel(new Date("2023-05-23T15:05:00Z"))).toBe("2023年5月24日 00:05");
  });

  it("calls a report overdue after the day of its step", () => {
    const due = { reportDue: "2023-05-31", reviewDue: "2023-06-14" };
    expect(isOverdue("draft", due, "2023-05-31")).toBe(false);
    expect(isOverdue("returned", due, "2023-06-01")).toBe(true);
    expect(isOverdue("submitted", due, "2023-06-01")).toBe(false);
    expect(isOverdue("submitted", due, "2023-06-15")).toBe(true);
    expect(isOverdue("in_review", due, "2024-01-01")).toBe(false);
  });
});

describe("a report's KPI results", () => {
  const kpi = (id: number, targets: [number, string | null][], cumulative = false): Kpi => ({
    id, key: `1-${id}`, position: id, code: null, label: `指標${id}`, unit: "件", direction: "higher", cumulative, baseline: null, targets: new Map(targets), note: null,
  });

  it("compares the year's target with the actual (a running total for cumulative KPIs) and suggests the lowest grade", () => {
    const kpis = [kpi(1, [[2022, "27"]]), kpi(2, [[2022, "2"]], true), kpi(3, [[2022, null]])];
    const actuals = new Map([
      [1, { kpiId: 1, value: "25", asOf: "2023-03-31", source: "台帳" }],
      [2, { kpiId: 2, value: "3", asOf: "2023-03-31", source: "人事課" }],
      [3, { kpiId: 3, value: "4", asOf: "2023-03-31", source: "台帳" }],
    ]);
    const results = kpiResults(kpis, 2022, actuals);
    expect(results.map((r) => achievementLabel(r.achievement))).toEqual(["92.6%（未達成）", "150.0%（達成）", "目標値なし"]);
    expect(suggestedGrade(results)).toBe("B");
    expect(kpiResults([kpi(1, [[2022, "27"]])], 2022, new Map()).map((r) => achievementLabel(r.achievement))).toEqual(["実績未入力"]);
  });
});

describe("the yearly summary", () => {
  it("counts final grades in S-A-B-C order with shares that add up to 100%, none for an empty year", () => {
    const summary = summariseGrades(2023, ["A", "A", "B", "S", "A", "B", "C"]);
    expect(summary.counts).toEqual([
      { grade: "S", count: 1 },
      { grade: "A", count: 3 },
      { grade: "B", count: 2 },
      { grade: "C", count: 1 },
    ]);
    expect([...summary.shares!.values()]).toEqual([14, 43, 29, 14]);
    expect(summariseGrades(2024, []).shares).toBeNull();
  });

  it("finds B or C two years running", () => {
    const previous = new Map([[1, "B"], [2, "C"], [3, "A"], [4, "B"]] as const);
    const current = new Map([[1, "C"], [2, "B"], [3, "B"], [4, "A"], [5, "C"]] as const);
    expect(lowTwoYearsRunning(previous, current)).toEqual([1, 2]);
  });
});

