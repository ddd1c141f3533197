/**
 * The mapping between the authoring forms and the plan-file snapshot: what is
 * typed becomes plan-file values (and back, unchanged), numbers are
 * normalised but units refused, and the schema's problems land on the fields.
 */
import { describe, expect, it } from "vitest";
import type { FormValues } from "../../src/core/http/form.ts";
import { planFile, type PlanFile } from "../../src/modules/plan/plan-file-schema.ts";
import { validateContent } from "../../src/modules/plan/revisions/commands/publishing.ts";
import { putInitiative, removeInitiative, withPeriod } from "../../src/modules/plan/authoring/forms/draft-edits.ts";
import { FORM_ID, idOf, nameOf, parseProblemPath, problemsToFieldErrors } from "../../src/modules/plan/authoring/forms/field-paths.ts";
import { decimalOf, fiscalYearOf, linesOf } from "../../src/modules/plan/authoring/forms/form-input.ts";
import {
  applyInitiativeAction,
  initiativeFieldIds,
  initiativeFromForm,
  initiativeToForm,
  readInitiativeForm,
  unregisteredDivisions,
  type InitiativeForm,
} from "../../src/modules/plan/authoring/forms/initiative-form.ts";
import { glossaryFromForm, glossaryToForm } from "../../src/modules/plan/authoring/forms/glossary-form.ts";
import { outlineFromForm, outlineToForm } from "../../src/modules/plan/authoring/forms/outline-form.ts";
import { policiesFromForm, policiesToForm } from "../../src/modules/plan/authoring/forms/policies-form.ts";
import { parseRowAction } from "../../src/modules/plan/authoring/forms/row-actions.ts";
import { renameDivisionInPlan } from "../../src/modules/organisation/domain/rename-division.ts";
import { tokushimaPlan } from "../support/fixtures.ts";

const YEARS = ["2022", "2023", "2024", "2025"];

/** The form as a browser would send it: every field under its plan-file path. */
function asSubmitted(form: InitiativeForm): FormValues {
  const values: FormValues = { number: form.number, policy: form.policy, title: form.title, content: form.content, goals: form.goals };
  if (form.isNew) values.isNew = "on";
  form.divisions.forEach((d, i) => Object.entries(d).forEach(([k, v]) => (values[nameOf(["divisions", i, k])] = v)));
  form.schedule.forEach((r, i) => {
    values[nameOf(["schedule", i, "label"])] = r.label;
    values[nameOf(["schedule", i, "note"])] = r.note;
    if (r.assumed) values[nameOf(["schedule", i, "assumed"])] = "on";
    Object.entries(r.phases).forEach(([y, p]) => (values[nameOf(["schedule", i, "phases", y])] = p));
  });
  form.kpis.forEach((k, i) => {
    for (const f of ["code", "label", "unit", "direction", "note"] as const) values[nameOf(["kpis", i, f])] = k[f];
    if (k.cumulative) values[nameOf(["kpis", i, "cumulative"])] = "on";
    Object.entries(k.baseline).forEach(([f, v]) => (values[nameOf(["kpis", i, "baseline", f])] = v));
    Object.entries(k.targets).forEach(([y, v]) => (values[nameOf(["kpis", i, "targets", y])] = v));
  });
  return values;
}

const item12 = () => tokushimaPlan().initiatives.find((i) => i.number === 12)!;

describe("numbers and years as typed", () => {
  it("normalises full-width digits and digit grouping, and leaves units for the schema to refuse", () => {
    expect(decimalOf("170")).toBe("170");
    expect(decimalOf("１７０")).toBe("170");
    expect(decimalOf(" 2,600,000 ")).toBe("2600000");
    expect(decimalOf("２，６００，０００")).toBe("2600000");
    expect(decimalOf("38.0")).toBe("38.0");
    expect(decimalOf("−5")).toBe("-5");
    expect(decimalOf("170件")).toBe("170件");
    expect(decimalOf("1,60")).toBe("1,60");
    expect(decimalOf("約170")).toBe("約170");
  });

  it("reads blank and a lone dash as no value, never 0", () => {
    for (const blank of ["", "  ", "—", "－", "-", "ー"]) expect(decimalOf(blank), blank).toBeNull();
  });

  it("reads fiscal years in 西暦 or 和暦", () => {
    expect(fiscalYearOf("2024")).toBe(2024);
    expect(fiscalYearOf("２０２４年度")).toBe(2024);
    expect(fiscalYearOf("令和6年度")).toBe(2024);
    expect(fiscalYearOf("令和元年度")).toBe(2019);
    expect(fiscalYearOf("R8")).toBe(2026);
    expect(fiscalYearOf("平成30年度")).toBe(2018);
    expect(fiscalYearOf("")).toBeUndefined();
    expect(fiscalYearOf("来年度")).toBe("来年度");
  });

  it("splits lines, dropping blank ones", () => {
    expect(linesOf(" (1) 一つ目\r\n\n  (2) 二つ目  \n")).toEqual(["(1) 一つ目", "(2) 二つ目"]);
  });
});

describe("the initiative form", () => {
  it("gives back every initiative of the plan unchanged: snapshot → form → submitted → snapshot", () => {
    for (const item of tokushimaPlan().initiatives) {
      const read = readInitiativeForm(asSubmitted(initiativeToForm(item)), YEARS);
      expect(initiativeFromForm(read, YEARS), `initiative ${item.number}`).toEqual(item);
    }
  });

  it("turns blank targets into null (no target), not 0, and keeps the years of the period", () => {
    const form = initiativeToForm(item12());
    form.kpis[0]!.targets["2024"] = "";
    form.kpis[0]!.targets["2025"] = "１，２００";
    const item = initiativeFromForm(form, YEARS) as { kpis: { targets: Record<string, string | null> }[] };
    expect(item.kpis[0]!.targets).toEqual({ "2022": "60", "2023": "110", "2024": null, "2025": "1200" });
  });

  it("has no baseline when year, value and note are blank, and － for a year without a value", () => {
    const form = initiativeToForm(item12());
    form.kpis[0]!.baseline = { fiscalYear: "", value: "", note: "" };
    form.kpis[1]!.baseline = { fiscalYear: "令和3年度", value: "", note: "" };
    const item = initiativeFromForm(form, YEARS) as { kpis: { baseline: unknown }[] };
    expect(item.kpis[0]!.baseline).toBeNull();
    expect(item.kpis[1]!.baseline).toEqual({ fiscalYear: 2021, value: null });
  });

  it("drops the name of a collective kind and leaves optional texts out when blank", () => {
    const form = initiativeToForm(item12());
    form.divisions[0] = { kind: "related_divisions", name: "行財政経営課", unit: "x", note: "" };
    form.divisions[1] = { kind: "division", name: " デジタル推進課 ", unit: " ", note: "" };
    const item = initiativeFromForm(form, YEARS) as { divisions: unknown[] };
    expect(item.divisions.slice(0, 2)).toEqual([{ kind: "related_divisions" }, { kind: "division", name: "デジタル推進課" }]);
  });

  it("adds, removes and moves rows", () => {
    const form = initiativeToForm(item12());
    const moved = applyInitiativeAction(form, parseRowAction({ _action: "up:divisions:1" })!, YEARS)!;
    expect(moved.divisions.slice(0, 2).map((d) => d.name)).toEqual(["デジタル推進課", "行財政経営課"]);
    const added = applyInitiativeAction(form, parseRowAction({ _action: "add:kpis:0" })!, YEARS)!;
    expect(added.kpis).toHaveLength(3);
    expect(added.kpis[2]!.targets).toEqual({ "2022": "", "2023": "", "2024": "", "2025": "" });
    const removed = applyInitiativeAction(form, parseRowAction({ _action: "remove:schedule:0" })!, YEARS)!;
    expect(removed.schedule.map((r) => r.label)[0]).toBe(form.schedule[1]!.label);
    expect(applyInitiativeAction(form, parseRowAction({ _action: "add:glossary:0" })!, YEARS)).toBeUndefined();
    expect(parseRowAction({ _action: "save" })).toBeUndefined();
    expect(parseRowAction({ _action: "drop:kpis:0" })).toBeUndefined();
  });

  it("refuses divisions that the organisation registry does not have", () => {
    const form = initiativeToForm(item12());
    form.divisions[2]!.name = "未登録課";
    const registered = new Set(["行財政経営課", "デジタル推進課", "高齢介護課", "消防局予防課"]);
    expect(unregisteredDivisions(form, registered)).toEqual([
      { field: "f-divisions-2-name", message: "「未登録課」は組織に登録されていない課です。一覧から選ぶか、先に組織管理で課を登録してください" },
    ]);
  });
});

describe("problems at their fields", () => {
  it("parses the commands' problem paths", () => {
    expect(parseProblemPath("initiatives[11].kpis[0].targets.2024")).toEqual(["initiatives", 11, "kpis", 0, "targets", "2024"]);
    expect(parseProblemPath("period.endFiscalYear")).toEqual(["period", "endFiscalYear"]);
    expect(parseProblemPath("")).toEqual([]);
  });

  it("puts the schema's message for 170件 on the target's field of initiative 12's form", () => {
    const plan = tokushimaPlan();
    const form = initiativeToForm(item12());
    form.kpis[0]!.targets["2024"] = "170件";
    form.kpis[1]!.baseline.fiscalYear = "昨年";
    const { content, index } = putInitiative(plan, 12, initiativeFromForm(form, YEARS));
    const result = validateContent(content);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(problemsToFieldErrors(result.problems, ["initiatives", index], initiativeFieldIds(form, YEARS))).toEqual([
      { field: "f-kpis-0-targets-2024", message: "数値は半角数字と小数点だけで書いてください（桁区切りや単位は付けません）" },
      { field: "f-kpis-1-baseline-fiscalYear", message: "年度は西暦の開始年（例: 2022）で書いてください" },
    ]);
  });

  it("falls back to the nearest group, and to the form for problems elsewhere in the plan", () => {
    const ids = new Set([idOf(["kpis"]), idOf(["kpis", 0])]);
    const problems = [
      { path: "initiatives[3].kpis[0].baseline", message: "基準値" },
      { path: "initiatives[3].kpis", message: "重複" },
      { path: "nationalPriorityItems[0].initiatives[1]", message: "取組項目 12 は initiatives にありません" },
    ];
    expect(problemsToFieldErrors(problems, ["initiatives", 3], ids)).toEqual([
      { field: "f-kpis-0", message: "基準値" },
      { field: "f-kpis", message: "重複" },
      { field: FORM_ID, message: "取組項目 12 は initiatives にありません（nationalPriorityItems[0].initiatives[1]）" },
    ]);
  });
});

describe("the other parts of a draft", () => {
  const valid = (content: unknown): PlanFile => {
    const parsed = planFile.safeParse(content);
    if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
    return parsed.data;
  };

  it("gives back the outline, policies and glossary unchanged", () => {
    const plan = tokushimaPlan();
    expect(valid(outlineFromForm(plan, outlineToForm(plan)))).toEqual(plan);
    expect(valid(policiesFromForm(plan, policiesToForm(plan)))).toEqual(plan);
    expect(valid(glossaryFromForm(plan, glossaryToForm(plan)))).toEqual(plan);
  });

  it("moves the period, keeping the values of the years both periods share", () => {
    const moved = valid(withPeriod(tokushimaPlan(), 2024, 2027));
    const kpi = moved.initiatives.find((i) => i.number === 12)!.kpis[0]!;
    expect(kpi.targets).toEqual({ "2024": "160", "2025": "200", "2026": null, "2027": null });
    expect(moved.initiatives.find((i) => i.number === 12)!.schedule[3]!.phases).toEqual({ "2024": "implement", "2025": "implement", "2026": null, "2027": null });
    expect(withPeriod(tokushimaPlan(), 2025, "x")).toMatchObject({ period: { startFiscalYear: 2025, endFiscalYear: "x" } });
  });

  it("puts a new initiative in number order and removes one with its mapping references", () => {
    const plan = tokushimaPlan();
    const { content, index } = putInitiative(plan, 0.5 as number, { number: 0.5 });
    expect(index).toBe(0);
    expect((content as PlanFile).initiatives).toHaveLength(plan.initiatives.length + 1);
    const removed = valid(removeInitiative(plan, 12));
    expect(removed.initiatives.map((i) => i.number)).not.toContain(12);
    expect(removed.nationalPriorityItems.flatMap((m) => m.initiatives)).not.toContain(12);
  });

  it("renames a division in a draft, and reports a draft that does not name it", () => {
    const plan = tokushimaPlan();
    const renamed = renameDivisionInPlan(plan, "行財政経営課", "行政経営課")!;
    expect(renamed.initiatives.find((i) => i.number === 12)!.divisions[0]).toEqual({ kind: "division", name: "行政経営課" });
    expect(JSON.stringify(renamed)).not.toContain("行財政経営課");
    expect(renameDivisionInPlan(plan, "存在しない課", "別の課")).toBeUndefined();
  });
});
