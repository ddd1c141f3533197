/**
 * The correction form (訂正): the correctable part of a published result and
 * the reason, which is required (it is shown publicly with the correction).
 */
import { z } from "zod";
import type { FormValues } from "../../core/http/form.ts";
import { oneValue } from "../../core/http/form.ts";
import type { Kpi } from "../plan/plan.ts";
import { CORRECTION_FIELD_IDS } from "./commands/correct-result.ts";
import type { KpiActual, Report } from "./cycle.ts";
import { finalGrade } from "./cycle.ts";
import { typedActuals } from "./forms.ts";
import type { CorrectionValues } from "./views/publishing-pages.tsx";

const text = (label: string, max: number) =>
  z
    .string()
    .default("")
    .transform((v) => v.replace(/\r\n/g, "\n").trim())
    .pipe(z.string().max(max, { error: `${label}は${max}文字以内にしてください` }))
    .transform((v) => (v === "" ? null : v));

export const correctionForm = z.object({
  lockVersion: z.string().regex(/^\d{1,9}$/, { error: "ページを再読み込みしてから、もう一度操作してください" }).transform(Number),
  grade: z.enum(["S", "A", "B", "C"], { error: "評価を選んでください" }),
  gradeReasons: text("評価の理由", 4000),
  issues: text("課題", 4000),
  improvementMeasures: text("改善策", 4000),
  reason: z
    .string()
    .default("")
    .transform((v) => v.replace(/\r\n/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(1, { error: "訂正の理由を入力してください（市民向けページに表示されます）" })
        .max(1000, { error: "訂正の理由は1000文字以内にしてください" }),
    ),
});

/** Field name → element id, for the error summary. */
export const CORRECTION_FORM_IDS: Record<string, string> = { ...CORRECTION_FIELD_IDS };

export function correctionValuesOfForm(form: FormValues, kpis: readonly Kpi[]): CorrectionValues {
  const v = (name: string) => oneValue(form, name) ?? "";
  return {
    lockVersion: v("lockVersion"),
    grade: v("grade"),
    gradeReasons: v("gradeReasons"),
    issues: v("issues"),
    improvementMeasures: v("improvementMeasures"),
    actuals: typedActuals(form, kpis),
    reason: v("reason"),
  };
}

export function correctionValuesOfReport(report: Report, actuals: ReadonlyMap<number, KpiActual>, kpis: readonly Kpi[]): CorrectionValues {
  return {
    lockVersion: String(report.lockVersion),
    grade: finalGrade(report) ?? "",
    gradeReasons: report.gradeReasons ?? "",
    issues: report.issues ?? "",
    improvementMeasures: report.improvementMeasures ?? "",
    actuals: kpis.map((k) => {
      const a = actuals.get(k.id);
      return { kpiId: k.id, value: a?.value ?? "", asOf: a?.asOf ?? "", source: a?.source ?? "" };
    }),
    reason: "",
  };
}
