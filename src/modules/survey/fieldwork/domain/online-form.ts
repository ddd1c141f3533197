/**
 * The resident's form ⇄ answers. Field names: `q.<question>` (the chosen
 * option codes, or the number or text typed), `q.<question>.other.<option>`
 * (the text beside 「その他」). Ids are what the error summary links to: the
 * first radio/checkbox of a choice question, the input of the others.
 */
import { allValues, oneValue, type FormValues } from "../../../../core/http/form.ts";
import { allQuestions, type SurveyDefinition, type SurveyQuestion } from "../../domain/definition.ts";
import { readNumber, type AnswerRow, type AnswerSet } from "./answers.ts";

export const fieldName = (q: Pick<SurveyQuestion, "code">) => `q.${q.code}`;
export const otherFieldName = (q: Pick<SurveyQuestion, "code">, optionCode: string) => `q.${q.code}.other.${optionCode}`;
export const inputId = (q: Pick<SurveyQuestion, "code">, index?: number) => (index === undefined ? `q-${q.code}` : `q-${q.code}-${index}`);
export const otherInputId = (q: Pick<SurveyQuestion, "code">, optionCode: string) => `q-${q.code}-other-${optionCode}`;
/** Where the error summary's link for a question lands. */
export const questionAnchor = (q: SurveyQuestion) => (q.kind === "single" || q.kind === "multiple" ? inputId(q, 0) : inputId(q));

export type ReadOnlineForm = { answers: AnswerSet; problems: { questionCode: string; message: string }[] };

/** What was typed, read as answers; what cannot be read (a non-number) is a problem, the rest is checked later. */
export function readOnlineForm(definition: SurveyDefinition, form: FormValues): ReadOnlineForm {
  const answers: AnswerSet = new Map();
  const problems: ReadOnlineForm["problems"] = [];
  for (const q of allQuestions(definition)) {
    const rows: AnswerRow[] = [];
    if (q.kind === "single" || q.kind === "multiple") {
      for (const optionCode of new Set(allValues(form, fieldName(q)))) {
        const option = q.options.find((o) => o.code === optionCode);
        const text = option?.allowsText ? (oneValue(form, otherFieldName(q, optionCode)) ?? "").trim() : "";
        rows.push({ questionCode: q.code, optionCode, numericValue: null, textValue: text === "" ? null : text });
      }
    } else {
      const typed = (oneValue(form, fieldName(q)) ?? "").trim();
      if (typed !== "" && q.kind === "numeric") {
        const value = readNumber(typed);
        if (value === undefined) problems.push({ questionCode: q.code, message: `問${q.number}は半角数字で入力してください（例: 3）` });
        else rows.push({ questionCode: q.code, optionCode: "", numericValue: value, textValue: null });
      } else if (typed !== "") {
        rows.push({ questionCode: q.code, optionCode: "", numericValue: null, textValue: typed });
      }
    }
    if (rows.length > 0) answers.set(q.code, rows);
  }
  return { answers, problems };
}
