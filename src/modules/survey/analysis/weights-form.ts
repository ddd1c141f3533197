/**
 * The raking form: one text field per category of each raking attribute
 * (age band, sex, area) present in the questionnaire. An attribute whose
 * fields are all empty is not used; one partly filled is an error.
 */
import type { FieldError } from "../../../core/http/form.ts";
import { attributeQuestion, type SurveyDefinition, type SurveyQuestion } from "../domain/definition.ts";
import type { RakingMargin } from "./domain/raking.ts";

export type RakingQuestion = Extract<SurveyQuestion, { kind: "single" }>;
export const RAKING_ATTRIBUTES = ["age_band", "sex", "area"] as const;

export const totalField = (questionCode: string, optionCode: string) => `total-${questionCode}-${optionCode}`;

export function rakingQuestions(d: SurveyDefinition): RakingQuestion[] {
  return RAKING_ATTRIBUTES.flatMap((a) => attributeQuestion(d, a) ?? []);
}

export function readRakingMargins(questions: readonly RakingQuestion[], values: Record<string, string>): { ok: true; margins: RakingMargin[] } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const margins: RakingMargin[] = [];
  for (const q of questions) {
    const cells = q.options.map((o) => ({ id: totalField(q.code, o.code), code: o.code, label: o.label, text: (values[totalField(q.code, o.code)] ?? "").trim().replace(/,/g, "") }));
    if (cells.every((c) => c.text === "")) continue;
    const totals = new Map<string, number>();
    for (const c of cells) {
      if (!/^[0-9]{1,9}$/.test(c.text)) errors.push({ field: c.id, message: `${q.text}「${c.label}」の人数を0以上の整数で入力してください` });
      else totals.set(c.code, Number(c.text));
    }
    margins.push({ name: q.code, totals });
  }
  if (errors.length > 0) return { ok: false, errors };
  if (margins.length === 0) {
    const first = questions[0]!;
    return { ok: false, errors: [{ field: totalField(first.code, first.options[0]!.code), message: "少なくとも1つの属性について、母集団の人数を入力してください" }] };
  }
  return { ok: true, margins };
}
