/**
 * Keying a paper questionnaire: one short field per question, typed without
 * looking up (the option NUMBERS as printed on the paper, not codes):
 *   choice   "2" or, for multiple choice, "1 3 5" (spaces or commas)
 *   numeric  the number as written
 *   text     the text as written
 * and for every kind the explicit marks n = 無回答 (NA) and x = 無効 (INVALID).
 * An empty field is refused (no answer must be keyed as n), except free
 * text, where empty means 無回答 — most people leave it blank.
 */
import { oneValue, type FormValues } from "../../../../core/http/form.ts";
import { allQuestions, INVALID_ANSWER, NO_ANSWER, type SurveyDefinition, type SurveyQuestion } from "../../domain/definition.ts";
import { isSpecial, numericProblem, readNumber, special, type AnswerRow, type AnswerSet } from "./answers.ts";

export const paperFieldName = (q: Pick<SurveyQuestion, "code">) => `p.${q.code}`;
export const paperOtherFieldName = (q: Pick<SurveyQuestion, "code">) => `p.${q.code}.other`;
export const paperInputId = (q: Pick<SurveyQuestion, "code">) => `p-${q.code}`;
export const paperOtherInputId = (q: Pick<SurveyQuestion, "code">) => `p-${q.code}-other`;

export type PaperProblem = { questionCode: string; field: string; message: string };

function specialMark(typed: string): string | undefined {
  const t = typed.normalize("NFKC").trim().toLowerCase();
  if (t === "n" || t === "na") return NO_ANSWER;
  if (t === "x" || t === "invalid") return INVALID_ANSWER;
  return undefined;
}

export function readPaperEntry(definition: SurveyDefinition, form: FormValues): { answers: AnswerSet; problems: PaperProblem[] } {
  const answers: AnswerSet = new Map();
  const problems: PaperProblem[] = [];
  for (const q of allQuestions(definition)) {
    const typed = (oneValue(form, paperFieldName(q)) ?? "").trim();
    const field = paperInputId(q);
    const fail = (message: string) => problems.push({ questionCode: q.code, field, message });
    const mark = specialMark(typed);
    if (mark) {
      answers.set(q.code, [special(q.code, mark)]);
      continue;
    }
    if (q.kind === "text") {
      answers.set(q.code, [typed === "" ? special(q.code, NO_ANSWER) : { questionCode: q.code, optionCode: "", numericValue: null, textValue: typed }]);
      continue;
    }
    if (typed === "") {
      fail(`問${q.number}を入力してください（無回答は n、無効は x）`);
      continue;
    }
    if (q.kind === "numeric") {
      const value = readNumber(typed);
      if (value === undefined) fail(`問${q.number}は数字、n（無回答）または x（無効）で入力してください`);
      else {
        const range = numericProblem(q, value);
        if (range) fail(`${range}（範囲外の記入は x）`);
        else answers.set(q.code, [{ questionCode: q.code, optionCode: "", numericValue: value, textValue: null }]);
      }
      continue;
    }
    const numbers = typed.normalize("NFKC").split(/[\s,、]+/).filter(Boolean);
    const bad = numbers.find((n) => !/^\d+$/.test(n) || Number(n) < 1 || Number(n) > q.options.length);
    if (bad !== undefined) {
      fail(`問${q.number}の「${bad}」は選択肢の番号（1〜${q.options.length}）ではありません`);
      continue;
    }
    const unique = [...new Set(numbers.map(Number))];
    if (q.kind === "single" && unique.length > 1) {
      fail(`問${q.number}はひとつだけです。複数に○がある場合は x（無効）で入力してください`);
      continue;
    }
    if (q.kind === "multiple" && q.maxChoices !== undefined && unique.length > q.maxChoices) {
      fail(`問${q.number}は${q.maxChoices}つまでです。超えている場合は x（無効）で入力してください`);
      continue;
    }
    const other = (oneValue(form, paperOtherFieldName(q)) ?? "").trim();
    const rows: AnswerRow[] = unique.map((n) => {
      const option = q.options[n - 1]!;
      return { questionCode: q.code, optionCode: option.code, numericValue: null, textValue: option.allowsText && other !== "" ? other : null };
    });
    answers.set(q.code, rows);
  }
  return { answers, problems };
}

/** The keyed value of a question as it is typed back into the entry screen (to show an entry again). */
export function paperFieldValue(q: SurveyQuestion, rows: readonly AnswerRow[] | undefined): { main: string; other: string } {
  if (!rows || rows.length === 0) return { main: "", other: "" };
  const first = rows[0]!;
  if (isSpecial(first.optionCode)) return { main: first.optionCode === NO_ANSWER ? "n" : "x", other: "" };
  if (q.kind === "numeric") return { main: first.numericValue ?? "", other: "" };
  if (q.kind === "text") return { main: first.textValue ?? "", other: "" };
  const numbers = rows.map((r) => q.options.findIndex((o) => o.code === r.optionCode) + 1);
  return { main: numbers.join(" "), other: rows.find((r) => r.textValue)?.textValue ?? "" };
}
