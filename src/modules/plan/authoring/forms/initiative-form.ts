/**
 * The form of one initiative (取組項目) and its mapping to and from the plan
 * file: everything an initiative holds is on the form (responsible divisions
 * in order, content and goal lines, schedule rows with a phase per fiscal
 * year, KPIs with a target per fiscal year), so the form, not the old
 * snapshot, is the whole truth of the initiative when it is saved.
 *
 * The form keeps exactly what was typed (strings), so a refused or stale
 * submission is shown again as it was; `initiativeFromForm` turns it into
 * plan-file values for the schema to judge.
 */
import type { FieldError, FormValues } from "../../../../core/http/form.ts";
import type { PlanFileInitiative } from "../../plan-file-schema.ts";
import { checkedOf, decimalOf, fiscalYearOf, integerOf, linesOf, optionalText, textOf } from "./form-input.ts";
import { idOf, nameOf } from "./field-paths.ts";
import { applyRowAction, rowIndexes, type RowAction } from "./row-actions.ts";

export type DivisionRowForm = { kind: string; name: string; unit: string; note: string };
export type ScheduleRowForm = { label: string; phases: Record<string, string>; assumed: boolean; note: string };
export type KpiForm = {
  code: string;
  label: string;
  unit: string;
  direction: string;
  cumulative: boolean;
  baseline: { fiscalYear: string; value: string; note: string };
  targets: Record<string, string>;
  note: string;
};
export type InitiativeForm = {
  number: string;
  policy: string;
  title: string;
  isNew: boolean;
  divisions: DivisionRowForm[];
  /** One line per item, as typed in the textarea. */
  content: string;
  goals: string;
  schedule: ScheduleRowForm[];
  kpis: KpiForm[];
};

const blankYears = (years: readonly string[]) => Object.fromEntries(years.map((y) => [y, ""]));

export const blankDivision = (): DivisionRowForm => ({ kind: "division", name: "", unit: "", note: "" });
export const blankScheduleRow = (years: readonly string[]): ScheduleRowForm => ({ label: "", phases: blankYears(years), assumed: false, note: "" });
export const blankKpi = (years: readonly string[]): KpiForm => ({
  code: "",
  label: "",
  unit: "",
  direction: "higher",
  cumulative: false,
  baseline: { fiscalYear: "", value: "", note: "" },
  targets: blankYears(years),
  note: "",
});

export function blankInitiativeForm(number: number, policy: number): InitiativeForm {
  return { number: String(number), policy: String(policy), title: "", isNew: true, divisions: [blankDivision()], content: "", goals: "", schedule: [], kpis: [] };
}

export function initiativeToForm(item: PlanFileInitiative): InitiativeForm {
  return {
    number: String(item.number),
    policy: String(item.policy),
    title: item.title,
    isNew: item.isNew,
    divisions: item.divisions.map((d) =>
      d.kind === "division" ? { kind: d.kind, name: d.name, unit: d.unit ?? "", note: d.note ?? "" } : { kind: d.kind, name: "", unit: "", note: "" },
    ),
    content: item.content.join("\n"),
    goals: item.goals.join("\n"),
    schedule: item.schedule.map((r) => ({
      label: r.label,
      phases: Object.fromEntries(Object.entries(r.phases).map(([y, p]) => [y, p ?? ""])),
      assumed: r.assumed,
      note: r.note ?? "",
    })),
    kpis: item.kpis.map((k) => ({
      code: k.code ?? "",
      label: k.label,
      unit: k.unit,
      direction: k.direction,
      cumulative: k.cumulative,
      baseline: {
        fiscalYear: k.baseline ? String(k.baseline.fiscalYear) : "",
        value: k.baseline?.value ?? "",
        note: k.baseline?.note ?? "",
      },
      targets: Object.fromEntries(Object.entries(k.targets).map(([y, v]) => [y, v ?? ""])),
      note: k.note ?? "",
    })),
  };
}

/** The submitted form, field by field; rows are read until the first missing index. */
export function readInitiativeForm(values: FormValues, years: readonly string[]): InitiativeForm {
  const t = (...path: (string | number)[]) => textOf(values, nameOf(path));
  const yearly = (...path: (string | number)[]) => Object.fromEntries(years.map((y) => [y, t(...path, y)]));
  return {
    number: t("number"),
    policy: t("policy"),
    title: t("title"),
    isNew: checkedOf(values, nameOf(["isNew"])),
    divisions: rowIndexes(values, (i) => nameOf(["divisions", i, "kind"])).map((i) => ({
      kind: t("divisions", i, "kind"),
      name: t("divisions", i, "name"),
      unit: t("divisions", i, "unit"),
      note: t("divisions", i, "note"),
    })),
    content: t("content"),
    goals: t("goals"),
    schedule: rowIndexes(values, (r) => nameOf(["schedule", r, "label"])).map((r) => ({
      label: t("schedule", r, "label"),
      phases: yearly("schedule", r, "phases"),
      assumed: checkedOf(values, nameOf(["schedule", r, "assumed"])),
      note: t("schedule", r, "note"),
    })),
    kpis: rowIndexes(values, (k) => nameOf(["kpis", k, "label"])).map((k) => ({
      code: t("kpis", k, "code"),
      label: t("kpis", k, "label"),
      unit: t("kpis", k, "unit"),
      direction: t("kpis", k, "direction"),
      cumulative: checkedOf(values, nameOf(["kpis", k, "cumulative"])),
      baseline: {
        fiscalYear: t("kpis", k, "baseline", "fiscalYear"),
        value: t("kpis", k, "baseline", "value"),
        note: t("kpis", k, "baseline", "note"),
      },
      targets: yearly("kpis", k, "targets"),
      note: t("kpis", k, "note"),
    })),
  };
}

/**
 * The initiative in plan-file shape, for the schema to validate. Blank
 * targets and phases are null (never 0); a KPI with no baseline year, value
 * or note has no baseline; a year with a blank value is printed as －.
 */
export function initiativeFromForm(form: InitiativeForm, years: readonly string[]): unknown {
  return {
    number: integerOf(form.number),
    policy: integerOf(form.policy),
    title: form.title,
    isNew: form.isNew,
    divisions: form.divisions.map((d) =>
      d.kind === "division"
        ? { kind: d.kind, name: d.name.trim(), ...optionalText("unit", d.unit), ...optionalText("note", d.note) }
        : { kind: d.kind },
    ),
    content: linesOf(form.content),
    goals: linesOf(form.goals),
    schedule: form.schedule.map((r) => ({
      label: r.label,
      phases: Object.fromEntries(years.map((y) => [y, r.phases[y] ? r.phases[y] : null])),
      assumed: r.assumed,
      ...optionalText("note", r.note),
    })),
    kpis: form.kpis.map((k) => ({
      code: k.code.trim() === "" ? null : k.code,
      label: k.label,
      unit: k.unit,
      direction: k.direction,
      cumulative: k.cumulative,
      baseline: baselineFromForm(k.baseline),
      targets: Object.fromEntries(years.map((y) => [y, decimalOf(k.targets[y] ?? "")])),
      ...optionalText("note", k.note),
    })),
  };
}

function baselineFromForm(b: KpiForm["baseline"]): unknown {
  if (b.fiscalYear.trim() === "" && b.value.trim() === "" && b.note.trim() === "") return null;
  return { fiscalYear: fiscalYearOf(b.fiscalYear), value: decimalOf(b.value), ...optionalText("note", b.note) };
}

/** The ids of every field and group on the form: where the schema's problems can be shown. */
export function initiativeFieldIds(form: InitiativeForm, years: readonly string[]): Set<string> {
  const ids = ["number", "policy", "title", "isNew", "divisions", "content", "goals", "schedule", "kpis"].map((f) => idOf([f]));
  form.divisions.forEach((_, i) => ids.push(...["", "kind", "name", "unit", "note"].map((f) => idOf(f ? ["divisions", i, f] : ["divisions", i]))));
  form.schedule.forEach((_, r) => {
    ids.push(idOf(["schedule", r]), idOf(["schedule", r, "label"]), idOf(["schedule", r, "assumed"]), idOf(["schedule", r, "note"]));
    ids.push(idOf(["schedule", r, "phases"]), ...years.map((y) => idOf(["schedule", r, "phases", y])));
  });
  form.kpis.forEach((_, k) => {
    ids.push(...["", "code", "label", "unit", "direction", "cumulative", "note"].map((f) => idOf(f ? ["kpis", k, f] : ["kpis", k])));
    ids.push(...["fiscalYear", "value", "note"].map((f) => idOf(["kpis", k, "baseline", f])));
    ids.push(idOf(["kpis", k, "targets"]), ...years.map((y) => idOf(["kpis", k, "targets", y])));
  });
  return new Set(ids);
}

/** Adds, removes or moves a division, schedule row or KPI; undefined for an action this form does not have. */
export function applyInitiativeAction(form: InitiativeForm, action: RowAction, years: readonly string[]): InitiativeForm | undefined {
  switch (action.list) {
    case "divisions":
      return { ...form, divisions: applyRowAction(form.divisions, action, blankDivision) };
    case "schedule":
      return { ...form, schedule: applyRowAction(form.schedule, action, () => blankScheduleRow(years)) };
    case "kpis":
      return { ...form, kpis: applyRowAction(form.kpis, action, () => blankKpi(years)) };
    default:
      return undefined;
  }
}

/**
 * Divisions are chosen from the organisation registry: a name that is not
 * registered would silently create a new division when the plan is
 * published, so it is refused here with a way forward.
 */
export function unregisteredDivisions(form: InitiativeForm, registered: ReadonlySet<string>): FieldError[] {
  return form.divisions.flatMap((d, i) => {
    const name = d.name.trim();
    if (d.kind !== "division" || name === "" || registered.has(name)) return [];
    return [{ field: idOf(["divisions", i, "name"]), message: `「${name}」は組織に登録されていない課です。一覧から選ぶか、先に組織管理で課を登録してください` }];
  });
}

/** A new initiative's number: a whole number that no initiative of the draft has yet. */
export function newNumberErrors(form: InitiativeForm, taken: ReadonlySet<number>): FieldError[] {
  const number = integerOf(form.number);
  const field = idOf(["number"]);
  if (typeof number !== "number" || number < 1) return [{ field, message: "取組項目の番号は1以上の整数で入力してください" }];
  if (taken.has(number)) return [{ field, message: `取組項目 ${number} はすでにあります。別の番号を入力してください` }];
  return [];
}
