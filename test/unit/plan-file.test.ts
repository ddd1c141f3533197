import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { parsePlanText } from "../../src/modules/plan/read-plan-file.ts";
import { tokushimaPlan } from "../support/fixtures.ts";

const check = (data: unknown, file = "plan.yaml") => parsePlanText(stringify(data), file);

describe("plan file validation", () => {
  it("accepts the Tokushima plan: 37 initiatives, 4 policies, every KPI with four yearly targets", () => {
    const plan = tokushimaPlan();
    expect(plan.initiatives).toHaveLength(37);
    expect(plan.policies).toHaveLength(4);
    for (const item of plan.initiatives) for (const k of item.kpis) expect(Object.keys(k.targets)).toEqual(["2022", "2023", "2024", "2025"]);
  });

  it("names the file, the path inside it and the problem", () => {
    const plan = tokushimaPlan() as any;
    plan.initiatives[11].kpis[0].targets["2024"] = "160件";
    const result = check(plan, "tokushima.yaml");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0]).toMatchObject({ file: "tokushima.yaml", path: "initiatives[11].kpis[0].targets.2024" });
      expect(result.problems[0]!.message).toContain("単位は付けません");
    }
  });

  it("refuses a number written as a YAML number, which would lose its scale", () => {
    const plan = tokushimaPlan() as any;
    plan.initiatives[13].kpis[0].targets["2023"] = 38.0;
    const result = check(plan);
    expect(result.ok).toBe(false);
  });

  it("checks references and years across the file", () => {
    const plan = tokushimaPlan() as any;
    plan.initiatives[0].policy = 9;
    plan.nationalPriorityItems[0].initiatives.push(99);
    delete plan.initiatives[0].kpis[0].targets["2025"];
    plan.evaluationHistory.years[0].total = 28;
    const result = check(plan);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const messages = result.problems.map((p) => `${p.path}: ${p.message}`);
      expect(messages).toContain("initiatives[0].policy: 取組方針 9 は policies にありません");
      expect(messages.some((m) => m.startsWith("nationalPriorityItems[0].initiatives") && m.includes("取組項目 99"))).toBe(true);
      expect(messages.some((m) => m.startsWith("initiatives[0].kpis[0].targets"))).toBe(true);
      expect(messages.some((m) => m.includes("合計 28"))).toBe(true);
    }
  });

  it("reports YAML syntax errors with the line", () => {
    const result = parsePlanText("code: a\n  title: : :\n", "broken.yaml");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toContain("YAMLとして読めません");
  });
});
