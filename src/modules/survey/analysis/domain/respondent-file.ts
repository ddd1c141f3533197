/**
 * The respondent-level file (個票データ) a survey run elsewhere is imported
 * from, and exported in: one row per respondent, one column per question,
 * headed by the question codes of the questionnaire (its codebook):
 *
 *   respondent_id  an identifier of the respondent in the source (unique)
 *   <single>       the chosen option's code, NA (無回答) or INVALID (無効回答)
 *   <multiple>_<option>, <multiple>_NA, <multiple>_INVALID
 *                  one column per option (the multiple dichotomy SPSS and R expect; one
 *                  value per cell, L1-07): 1 chosen, 0 not; all empty = not asked
 *   <numeric>      a number within the question's range
 *   <text>         free text: accepted on import and kept, but never exported (decision 030)
 *   (empty)        the question was not asked of this respondent (skip logic): no answer row
 *
 * Every value is checked here, all at once, with the line and column named;
 * the import applies nothing unless every row is right.
 */
import type { CsvRecord } from "../../../../core/csv/read-csv-upload.ts";
import { allQuestions, INVALID_ANSWER, NO_ANSWER, type SurveyDefinition, type SurveyQuestion } from "../../domain/definition.ts";

export const RESPONDENT_ID = "respondent_id";
/** The column of one option of a multiple-choice question. */
export const optionColumn = (questionCode: string, optionCode: string) => `${questionCode}_${optionCode}`;
/** Rows per import (a city survey has a few thousand). */
export const MAX_RESPONDENTS = 20_000;

export type ImportedAnswer = { questionCode: string; optionCode: string; numericValue: string | null; textValue: string | null };
export type ImportedRespondent = { externalId: string; line: number; answers: ImportedAnswer[] };

export type RespondentFileCheck = { ok: true; respondents: ImportedRespondent[] } | { ok: false; messages: string[] };

export function respondentFileColumns(definition: SurveyDefinition): { required: string[]; optional: string[] } {
  const questions = allQuestions(definition);
  return {
    required: [RESPONDENT_ID, ...questions.flatMap((q) => (q.kind === "single" ? [q.code] : q.kind === "multiple" ? multipleColumns(q) : []))],
    optional: questions.filter((q) => q.kind === "numeric" || q.kind === "text").map((q) => q.code),
  };
}

export function multipleColumns(question: Extract<SurveyQuestion, { kind: "multiple" }>): string[] {
  return [...question.options.map((o) => o.code), NO_ANSWER, INVALID_ANSWER].map((o) => optionColumn(question.code, o));
}

export function checkRespondentRecords(
  definition: SurveyDefinition,
  header: readonly string[],
  records: readonly CsvRecord[],
  alreadyImported: ReadonlySet<string>,
): RespondentFileCheck {
  const messages: string[] = [];
  const questions = allQuestions(definition).filter((q) => header.includes(q.kind === "multiple" ? optionColumn(q.code, NO_ANSWER) : q.code));
  const columnNumber = (code: string) => header.indexOf(code) + 1;
  const seen = new Map<string, number>();
  const respondents: ImportedRespondent[] = [];
  for (const record of records) {
    const where = (code: string) => `${record.line}行目${columnNumber(code)}列目（${code}）`;
    const id = record.values[RESPONDENT_ID] ?? "";
    if (id === "") messages.push(`${where(RESPONDENT_ID)}: 回答者IDが空です。`);
    else if (id.length > 64) messages.push(`${where(RESPONDENT_ID)}: 回答者IDは64文字以内にしてください。`);
    else if (seen.has(id)) messages.push(`${where(RESPONDENT_ID)}: 回答者ID「${id}」は${seen.get(id)}行目と重複しています。`);
    else if (alreadyImported.has(id)) messages.push(`${where(RESPONDENT_ID)}: 回答者ID「${id}」はこの調査に取り込み済みです。`);
    if (id !== "" && !seen.has(id)) seen.set(id, record.line);
    const answers: ImportedAnswer[] = [];
    for (const question of questions) {
      if (question.kind === "multiple") {
        messages.push(...readDichotomies(question, record.values, answers).map(([column, problem]) => `${where(column)}: ${problem}`));
        continue;
      }
      const value = record.values[question.code] ?? "";
      if (value === "") continue;
      const problem = readValue(question, value, answers);
      if (problem) messages.push(`${where(question.code)}: ${problem}`);
    }
    respondents.push({ externalId: id, line: record.line, answers });
  }
  return messages.length > 0 ? { ok: false, messages } : { ok: true, respondents };
}

/** A multiple-choice question's 1/0 columns: the answer rows, or [column, problem] pairs. */
function readDichotomies(question: Extract<SurveyQuestion, { kind: "multiple" }>, values: Record<string, string>, answers: ImportedAnswer[]): [string, string][] {
  const columns = multipleColumns(question);
  const cells = columns.map((column) => values[column] ?? "");
  if (cells.every((v) => v === "")) return []; // not asked
  const problems: [string, string][] = [];
  cells.forEach((v, i) => {
    if (v !== "0" && v !== "1") problems.push([columns[i]!, v === "" ? "空欄です。この設問のほかの列に値があるため、選んでいなければ 0 と書いてください。" : `「${v}」は使えません。選んだときは 1、選んでいないときは 0 と書いてください。`]);
  });
  if (problems.length > 0) return problems;
  const codes = [...question.options.map((o) => o.code), NO_ANSWER, INVALID_ANSWER].filter((_, i) => cells[i] === "1");
  const first = columns[0]!;
  if (codes.length === 0) return [[first, "どの列も 0 です。回答がないときは " + optionColumn(question.code, NO_ANSWER) + " を 1 にしてください。"]];
  if (codes.length > 1 && codes.some((c) => c === NO_ANSWER || c === INVALID_ANSWER)) return [[first, `${NO_ANSWER}・${INVALID_ANSWER} はほかの選択肢と一緒に 1 にできません。`]];
  if (question.maxChoices && codes.length > question.maxChoices) return [[first, `選べるのは${question.maxChoices}つまでです。`]];
  codes.forEach((optionCode) => answers.push({ questionCode: question.code, optionCode, numericValue: null, textValue: null }));
  return [];
}

/** Appends the answer rows for one cell, or returns what is wrong with it. */
function readValue(question: SurveyQuestion, value: string, answers: ImportedAnswer[]): string | undefined {
  const answer = (optionCode: string): ImportedAnswer => ({ questionCode: question.code, optionCode, numericValue: null, textValue: null });
  switch (question.kind) {
    case "single": {
      if (value === NO_ANSWER || value === INVALID_ANSWER || question.options.some((o) => o.code === value)) {
        answers.push(answer(value));
        return undefined;
      }
      return `「${value}」は設問の選択肢にないコードです。使えるコード: ${[...question.options.map((o) => o.code), NO_ANSWER, INVALID_ANSWER].join("、")}`;
    }
    case "numeric": {
      if (value === NO_ANSWER || value === INVALID_ANSWER) {
        answers.push(answer(value));
        return undefined;
      }
      if (!/^-?[0-9]+(\.[0-9]+)?$/.test(value)) return `「${value}」は数値ではありません（半角数字で書いてください）。`;
      const number = Number(value);
      if (question.min !== undefined && number < question.min) return `${question.min}以上の数値にしてください。`;
      if (question.max !== undefined && number > question.max) return `${question.max}以下の数値にしてください。`;
      answers.push({ questionCode: question.code, optionCode: "", numericValue: value, textValue: null });
      return undefined;
    }
    case "text": {
      if (question.maxLength && [...value].length > question.maxLength) return `${question.maxLength}文字以内にしてください。`;
      answers.push({ questionCode: question.code, optionCode: "", numericValue: null, textValue: value });
      return undefined;
    }
  }
}
