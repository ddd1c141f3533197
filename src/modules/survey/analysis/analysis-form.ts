/**
 * The analysis form's fields (GET: question × grouping, weighted or not) and
 * the publish form's (POST, the same fields), checked against the survey's
 * questionnaire: the analysed question is any choice question, the grouping
 * any single-choice question (respondent attributes first) other than it.
 */
import type { FieldError } from "../../../core/http/form.ts";
import { allQuestions, type ChoiceQuestion, type SurveyDefinition } from "../domain/definition.ts";

export const ANALYSIS_FIELDS = { question: "analysis-question", by: "analysis-by", weighted: "analysis-weighted" } as const;

export type AnalysisChoice = { question: ChoiceQuestion; by: ChoiceQuestion; weighted: boolean };

export const choiceQuestions = (d: SurveyDefinition) => allQuestions(d).filter((q): q is ChoiceQuestion => q.kind === "single" || q.kind === "multiple");

/** Grouping questions: attributes (age band first) then the other single-choice questions. */
export function groupingQuestions(d: SurveyDefinition): ChoiceQuestion[] {
  const singles = allQuestions(d).filter((q): q is Extract<ChoiceQuestion, { kind: "single" }> => q.kind === "single");
  const order = ["age_band", "sex", "area", "occupation"];
  const rank = (q: (typeof singles)[number]) => (q.attribute ? order.indexOf(q.attribute) : order.length);
  return [...singles].sort((a, b) => rank(a) - rank(b));
}

export function readAnalysisChoice(
  d: SurveyDefinition,
  values: { question?: string; by?: string; weighted?: string },
  weightsSet: boolean,
): { ok: true; choice: AnalysisChoice } | { ok: false; errors: FieldError[] } {
  const questions = choiceQuestions(d);
  const groupings = groupingQuestions(d);
  const errors: FieldError[] = [];
  const question = values.question === undefined ? questions.find((q) => !groupings.slice(0, 1).includes(q)) : questions.find((q) => q.code === values.question);
  if (!question) errors.push({ field: ANALYSIS_FIELDS.question, message: "集計する設問を一覧から選んでください" });
  const by = values.by === undefined ? groupings.find((q) => q !== question) : groupings.find((q) => q.code === values.by);
  if (!by) errors.push({ field: ANALYSIS_FIELDS.by, message: "集計軸（クロスする設問）を一覧から選んでください" });
  else if (question && by.code === question.code) errors.push({ field: ANALYSIS_FIELDS.by, message: "集計する設問と集計軸には別の設問を選んでください" });
  const weighted = values.weighted === "1";
  if (values.weighted !== undefined && values.weighted !== "1" && values.weighted !== "0") errors.push({ field: ANALYSIS_FIELDS.weighted, message: "集計方法を選んでください" });
  else if (weighted && !weightsSet) errors.push({ field: ANALYSIS_FIELDS.weighted, message: "重みがまだ設定されていません。先に「重み付け（レイキング）」で母集団の数を入力してください" });
  if (errors.length > 0 || !question || !by) return { ok: false, errors };
  return { ok: true, choice: { question, by, weighted } };
}

export const choiceQuery = (c: AnalysisChoice) => new URLSearchParams({ question: c.question.code, by: c.by.code, weighted: c.weighted ? "1" : "0" }).toString();
