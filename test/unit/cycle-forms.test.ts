import { describe, expect, it } from "vitest";
import { normaliseDate, normaliseDecimal, openCycleForm, parseActuals, reportForm } from "../../src/modules/cycle/forms.ts";
import type { Kpi } from "../../src/modules/plan/plan.ts";

const kpi = (id: number, unit = "件"): Kpi => ({
  id,
  key: `1-${id}`,
  position: id,
  code: null,
  label: `指標${id}`,
  unit,
  direction: "higher",
  cumulative: false,
  baseline: null,
  targets: new Map([[2022, "10"]]),
  note: null,
});

describe("the report form", () => {
  it("normalises what a Japanese input method types", () => {
    expect(normaliseDecimal("１，２３４．５")).toBe("1234.5");
    expect(normaliseDate("２０２３/３/３１")).toBe("2023-03-31");
    expect(normaliseDate("2023年3月31日")).toBe("2023-03-31");
    // As written in a city office (core/format/japanese-date.ts); what cannot be read is returned as typed and refused later.
    expect(normaliseDate("令和5年3月31日")).toBe("2023-03-31");
    expect(normaliseDate("R5.3.31")).toBe("2023-03-31");
    expect(normaliseDate("来年の3月")).toBe("来年の3月");
  });

  it("accepts decimals without units, each with its date and source; empty is not reported (never 0)", () => {
    const kpis = [kpi(1), kpi(2), kpi(3)];
    const result = parseActuals(
      [
        { kpiId: 1, value: "38.0", asOf: "2023-03-31", source: "台帳" },
        { kpiId: 2, value: "", asOf: "", source: "" },
        { kpiId: 3, value: "12件", asOf: "2023-02-30", source: "" },
      ],
      kpis,
    );
    expect(result.actuals).toEqual([
      { kpiId: 1, value: "38.0", asOf: "2023-03-31", source: "台帳" },
      { kpiId: 2, value: null, asOf: null, source: null },
    ]);
    expect(result.errors.map((e) => e.field)).toEqual(["kpi-3-actual", "kpi-3-as-of", "kpi-3-source"]);
    expect(result.errors[0]!.message).toContain("単位（件）を付けずに");
  });

  it("requires reasons for a grade, and issues and improvement measures for B or C", () => {
    const base = { lockVersion: "3", planText: "", selfGrade: "", gradeReasons: "", issues: "", improvementMeasures: "", nextYearPlan: "" };
    expect(reportForm.safeParse(base).success).toBe(true);
    const a = reportForm.safeParse({ ...base, selfGrade: "A" });
    expect(a.success ? [] : a.error.issues.map((i) => i.path[0])).toEqual(["gradeReasons"]);
    const c = reportForm.safeParse({ ...base, selfGrade: "C", gradeReasons: "理由" });
    expect(c.success ? [] : c.error.issues.map((i) => i.message)).toEqual(["C評価の場合は、課題を入力してください", "C評価の場合は、改善策を入力してください"]);
    const ok = reportForm.safeParse({ ...base, selfGrade: "B", gradeReasons: " 理由 ", issues: "課題", improvementMeasures: "改善策", planText: "  " });
    expect(ok.success && ok.data).toMatchObject({ lockVersion: 3, selfGrade: "B", gradeReasons: "理由", planText: null, targetsConfirmed: false });
    expect(reportForm.safeParse({ ...base, selfGrade: "D" }).success).toBe(false);
  });

  it("orders the deadlines of a new cycle and keeps it in the plan period", () => {
    const form = openCycleForm([2022, 2023]);
    expect(form.safeParse({ fiscalYear: "2022", reportDue: "2023-05-31", reviewDue: "2023-06-14", committeeDue: "2023-06-28" }).success).toBe(true);
    const wrong = form.safeParse({ fiscalYear: "2021", reportDue: "2023-05-31", reviewDue: "2023-05-01", committeeDue: "2023-06-28" });
    expect(wrong.success ? [] : wrong.error.issues.map((i) => i.path[0])).toEqual(["fiscalYear", "reviewDue"]);
    const order = form.safeParse({ fiscalYear: "2022", reportDue: "2023-05-31", reviewDue: "2023-05-01", committeeDue: "2023-04-28" });
    expect(order.success ? [] : order.error.issues.map((i) => i.path[0])).toEqual(["reviewDue", "committeeDue"]);
  });
});
