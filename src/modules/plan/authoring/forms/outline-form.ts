/**
 * The form of the plan's own fields (計画の概要): its title, subtitle, goal
 * and period. Moving the period re-keys every target and schedule phase
 * (draft-edits.ts withPeriod); the diff preview shows what that changes.
 */
import type { FormValues } from "../../../../core/http/form.ts";
import type { PlanFile } from "../../plan-file-schema.ts";
import { withPeriod } from "./draft-edits.ts";
import { idOf, nameOf } from "./field-paths.ts";
import { fiscalYearOf, optionalText, textOf } from "./form-input.ts";

export type OutlineForm = { title: string; subtitle: string; goal: string; startFiscalYear: string; endFiscalYear: string };

export const OUTLINE_PATHS = {
  title: ["title"],
  subtitle: ["subtitle"],
  goal: ["goal"],
  startFiscalYear: ["period", "startFiscalYear"],
  endFiscalYear: ["period", "endFiscalYear"],
} as const;

export const OUTLINE_FIELD_IDS: ReadonlySet<string> = new Set([...Object.values(OUTLINE_PATHS).map(idOf), idOf(["period"])]);

export function outlineToForm(plan: PlanFile): OutlineForm {
  return {
    title: plan.title,
    subtitle: plan.subtitle ?? "",
    goal: plan.goal,
    startFiscalYear: String(plan.period.startFiscalYear),
    endFiscalYear: String(plan.period.endFiscalYear),
  };
}

export function readOutlineForm(values: FormValues): OutlineForm {
  const t = (key: keyof typeof OUTLINE_PATHS) => textOf(values, nameOf(OUTLINE_PATHS[key]));
  return { title: t("title"), subtitle: t("subtitle"), goal: t("goal"), startFiscalYear: t("startFiscalYear"), endFiscalYear: t("endFiscalYear") };
}

export function outlineFromForm(plan: PlanFile, form: OutlineForm): unknown {
  const { subtitle: _old, ...rest } = plan;
  const edited = { ...rest, title: form.title, goal: form.goal, ...optionalText("subtitle", form.subtitle) } as PlanFile;
  return withPeriod(edited, fiscalYearOf(form.startFiscalYear), fiscalYearOf(form.endFiscalYear));
}
