/**
 * One respondent's answers in the shape survey_answer stores them (one row
 * per question and chosen option; NA/INVALID explicit), and the checks both
 * channels share: options must exist, single choice takes one, multiple
 * choice at most maxChoices, numbers within the question's range, text
 * within its length, 「その他」 text only beside an option that allows it.
 */
import {
  allQuestions,
  INVALID_ANSWER,
  NO_ANSWER,
  SPECIAL_OPTION_LABELS,
  type SurveyDefinition,
  type SurveyQuestion,
} from "../../domain/definition.ts";

export type AnswerRow = {
  questionCode: string;
  /** Choice: the option's code (or NA/INVALID); numeric/text: '' unless NA/INVALID. */
  optionCode: string;
  numericValue: string | null;
  textValue: string | null;
};

/** The answers per question code; a question without rows was not answered (yet). */
export type AnswerSet = Map<string, AnswerRow[]>;

export type AnswerProblem = { questionCode: string; message: string };

export const isSpecial = (optionCode: string) => optionCode === NO_ANSWER || optionCode === INVALID_ANSWER;

export function toRows(answers: AnswerSet): AnswerRow[] {
  return [...answers.values()].flat();
}

export function fromRows(rows: readonly AnswerRow[]): AnswerSet {
  const set: AnswerSet = new Map();
  for (const row of rows) set.set(row.questionCode, [...(set.get(row.questionCode) ?? []), row]);
  return set;
}

export const special = (questionCode: string, optionCode: string): AnswerRow => ({ questionCode, optionCode, numericValue: null, textValue: null });

/** A number as people write it (全角 too), kept as its decimal string; undefined when it is not one. */
export function readNumber(typed: string): string | undefined {
  const s = typed.normalize("NFKC").replace(/,/g, "").trim();
  return /^-?\d{1,12}(\.\d{1,6})?$/.test(s) ? s : undefined;
}

export function rangeText(q: Extract<SurveyQuestion, { kind: "numeric" }>): string {
  if (q.min !== undefined && q.max !== undefined) return `${q.min}〜${q.max}${q.unit ?? ""}`;
  if (q.min !== undefined) return `${q.min}${q.unit ?? ""}以上`;
  if (q.max !== undefined) return `${q.max}${q.unit ?? ""}以下`;
  return "";
}

/** A numeric answer's range problem, if any. */
export function numericProblem(q: Extract<SurveyQuestion, { kind: "numeric" }>, value: string): string | undefined {
  const n = Number(value);
  if ((q.min !== undefined && n < q.min) || (q.max !== undefined && n > q.max)) return `問${q.number}は${rangeText(q)}の範囲で入力してください`;
  return undefined;
}

/** Problems of the answers themselves (not of completeness), one per question at most. */
export function answerProblems(definition: SurveyDefinition, answers: AnswerSet): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  for (const q of allQuestions(definition)) {
    const rows = answers.get(q.code) ?? [];
    if (rows.length === 0) continue;
    const problem = questionProblem(q, rows);
    if (problem) problems.push({ questionCode: q.code, message: problem });
  }
  return problems;
}

function questionProblem(q: SurveyQuestion, rows: AnswerRow[]): string | undefined {
  if (rows.some((r) => isSpecial(r.optionCode))) return rows.length === 1 ? undefined : `問${q.number}: 無回答・無効と他の回答を同時には記録できません`;
  switch (q.kind) {
    case "single":
    case "multiple": {
      const known = new Map(q.options.map((o) => [o.code, o]));
      if (rows.some((r) => !known.has(r.optionCode))) return `問${q.number}: 選択肢にない回答です`;
      if (q.kind === "single" && rows.length > 1) return `問${q.number}はひとつだけ選んでください`;
      if (q.kind === "multiple" && q.maxChoices !== undefined && rows.length > q.maxChoices) return `問${q.number}は${q.maxChoices}つまで選んでください`;
      const textWithout = rows.find((r) => r.textValue !== null && !known.get(r.optionCode)?.allowsText);
      if (textWithout) return `問${q.number}: 記述欄のない選択肢に記述があります`;
      if (rows.some((r) => (r.textValue ?? "").length > 400)) return `問${q.number}の記述は400文字以内にしてください`;
      return undefined;
    }
    case "numeric":
      return rows[0]!.numericValue === null ? `問${q.number}は数字で入力してください` : numericProblem(q, rows[0]!.numericValue);
    case "text": {
      const max = q.maxLength ?? 2000;
      return (rows[0]!.textValue ?? "").length > max ? `問${q.number}は${max}文字以内で入力してください` : undefined;
    }
  }
}

/** Required questions left without an answer (an explicit NA counts as none here: the resident must choose). */
export function missingRequired(definition: SurveyDefinition, answers: AnswerSet): AnswerProblem[] {
  return allQuestions(definition)
    .filter((q) => q.required && (answers.get(q.code) ?? []).filter((r) => !isSpecial(r.optionCode)).length === 0)
    .map((q) => ({ questionCode: q.code, message: `問${q.number}に回答してください（必須）` }));
}

/** On submission every question gets a row: those left blank are recorded as 無回答 (NA), never a gap. */
export function withNoAnswers(definition: SurveyDefinition, answers: AnswerSet): AnswerSet {
  const complete: AnswerSet = new Map();
  for (const q of allQuestions(definition)) complete.set(q.code, answers.get(q.code)?.length ? answers.get(q.code)! : [special(q.code, NO_ANSWER)]);
  return complete;
}

/** How an answer reads to a person checking it against the paper (option numbers as printed). */
export function describeAnswer(q: SurveyQuestion, rows: readonly AnswerRow[] | undefined): string {
  if (!rows || rows.length === 0) return "（未入力）";
  return rows
    .map((r) => {
      if (isSpecial(r.optionCode)) return SPECIAL_OPTION_LABELS[r.optionCode]!;
      if (q.kind === "single" || q.kind === "multiple") {
        const i = q.options.findIndex((o) => o.code === r.optionCode);
        const label = i >= 0 ? `${i + 1}. ${q.options[i]!.label}` : r.optionCode;
        return r.textValue ? `${label}（${r.textValue}）` : label;
      }
      return q.kind === "numeric" ? `${r.numericValue}${q.unit ?? ""}` : `「${r.textValue ?? ""}」`;
    })
    .join("、");
}

/** A canonical key of one question's answer, for comparing two entries. */
export function answerKey(rows: readonly AnswerRow[] | undefined): string {
  if (!rows || rows.length === 0) return "";
  return JSON.stringify(
    [...rows]
      .sort((a, b) => a.optionCode.localeCompare(b.optionCode))
      .map((r) => [r.optionCode, r.numericValue === null ? null : String(Number(r.numericValue)), r.textValue ?? null]),
  );
}

/** The questions on which two entries of the same paper disagree, in questionnaire order. */
export function disagreements(definition: SurveyDefinition, first: AnswerSet, second: AnswerSet): SurveyQuestion[] {
  return allQuestions(definition).filter((q) => answerKey(first.get(q.code)) !== answerKey(second.get(q.code)));
}

export { INVALID_ANSWER, NO_ANSWER };
