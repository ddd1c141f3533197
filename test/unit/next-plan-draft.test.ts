import { describe, expect, it } from "vitest";
import { planFile } from "../../src/modules/plan/plan-file-schema.ts";
import { kpiKey, nextPlanDraft } from "../../src/modules/plan/revisions/domain/next-plan-draft.ts";
import { tokushimaPlan } from "../support/fixtures.ts";

const options = { code: "dx-2026", title: "徳島市DX推進計画（令和8年度〜令和11年度）", startFiscalYear: 2026, endFiscalYear: 2029 };
const NEW_YEARS = ["2026", "2027", "2028", "2029"];

describe("nextPlanDraft", () => {
  it("is a valid plan file for 令和8年度〜令和11年度", () => {
    const draft = nextPlanDraft(tokushimaPlan(), options);
    expect(planFile.safeParse(draft).success).toBe(true);
    expect(draft).toMatchObject({ code: "dx-2026", title: options.title, period: { startFiscalYear: 2026, endFiscalYear: 2029 } });
  });

  it("keeps policies, initiatives, their wording, divisions and KPIs", () => {
    const current = tokushimaPlan();
    const draft = nextPlanDraft(current, options);
    expect(draft.policies).toEqual(current.policies);
    expect(draft.initiatives.map((i) => [i.number, i.policy, i.title, i.divisions, i.content, i.goals])).toEqual(
      current.initiatives.map((i) => [i.number, i.policy, i.title, i.divisions, i.content, i.goals]),
    );
    expect(draft.initiatives.flatMap((i) => i.kpis.map((k) => [k.code, k.label, k.unit, k.direction]))).toEqual(
      current.initiatives.flatMap((i) => i.kpis.map((k) => [k.code, k.label, k.unit, k.direction])),
    );
    expect(draft.glossary).toEqual(current.glossary);
    expect(draft.nationalPriorityItems).toEqual(current.nationalPriorityItems);
    expect(draft.dataUtilizationMeasures).toEqual(current.dataUtilizationMeasures);
    expect(draft.evaluationHistory).toEqual(current.evaluationHistory);
    // Everything continues from the previous plan; nothing is 新規 until the secretariat says so.
    expect(draft.initiatives.every((i) => !i.isNew)).toBe(true);
  });

  it("re-keys targets and schedule phases to the new years, all empty", () => {
    const draft = nextPlanDraft(tokushimaPlan(), options);
    for (const item of draft.initiatives) {
      for (const k of item.kpis) {
        expect(Object.keys(k.targets)).toEqual(NEW_YEARS);
        expect(Object.values(k.targets).every((v) => v === null)).toBe(true);
        expect(k.baseline).toBeNull();
      }
      for (const row of item.schedule) {
        expect(row.phases).toEqual({ "2026": null, "2027": null, "2028": null, "2029": null });
        expect(row.assumed).toBe(false);
        expect(row.note).toBeUndefined();
      }
    }
  });

  it("takes baselines that are provided, and only those", () => {
    const current = tokushimaPlan();
    const cashless = current.initiatives.find((i) => i.number === 14)!;
    const baselines = new Map([[kpiKey(14, cashless.kpis[0]!), { fiscalYear: 2025, value: "45.1" }]]);
    const draft = nextPlanDraft(current, { ...options, baselines });
    const kpis = draft.initiatives.find((i) => i.number === 14)!.kpis;
    expect(kpis[0]!.baseline).toEqual({ fiscalYear: 2025, value: "45.1" });
    expect(kpis[1]!.baseline).toBeNull();
  });

  it("does not change the plan it copies", () => {
    const current = tokushimaPlan();
    nextPlanDraft(current, options);
    expect(current).toEqual(tokushimaPlan());
  });

  it("keeps the current title when none is given, and invalid options give an invalid file", () => {
    expect(nextPlanDraft(tokushimaPlan(), { ...options, title: undefined }).title).toBe(tokushimaPlan().title);
    expect(planFile.safeParse(nextPlanDraft(tokushimaPlan(), { ...options, code: "DX 2026" })).success).toBe(false);
    expect(planFile.safeParse(nextPlanDraft(tokushimaPlan(), { ...options, endFiscalYear: 2025 })).success).toBe(false);
  });
});
