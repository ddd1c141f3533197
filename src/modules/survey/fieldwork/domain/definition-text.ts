/**
 * The questionnaire as text (YAML or JSON) for large questionnaires, and the
 * structured editor's options list, both validated by surveyDefinitionSchema
 * with messages in Japanese that name where the problem is.
 */
import { stringify, parse } from "yaml";
import { z } from "zod";
import { surveyDefinitionSchema, type SurveyDefinition, type SurveyOption } from "../../domain/definition.ts";

z.config(z.locales.ja());

export function definitionToYaml(definition: SurveyDefinition): string {
  return stringify(definition, { lineWidth: 0 });
}

/** 'sections.0.questions.2.options.1.code' → 「第1部 問3 選択肢2 code」 */
export function placeOf(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = path[i + 1];
    if (key === "sections" && typeof next === "number") (parts.push(`第${next + 1}部`), i++);
    else if (key === "questions" && typeof next === "number") (parts.push(`設問${next + 1}`), i++);
    else if (key === "options" && typeof next === "number") (parts.push(`選択肢${next + 1}`), i++);
    else parts.push(String(key));
  }
  return parts.join(" ");
}

export function issuesToMessages(error: z.ZodError): string[] {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${placeOf(issue.path)}: ${issue.message}` : issue.message));
}

export function readDefinitionText(text: string): { ok: true; definition: SurveyDefinition } | { ok: false; messages: string[] } {
  if (text.trim() === "") return { ok: false, messages: ["調査票の定義が空です。"] };
  let data: unknown;
  try {
    data = text.trimStart().startsWith("{") ? JSON.parse(text) : parse(text);
  } catch (error) {
    const where = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    return { ok: false, messages: [`YAML/JSONとして読めません${where ? `（${where}行目付近）` : ""}。インデントや引用符を確かめてください。`] };
  }
  const parsed = surveyDefinitionSchema.safeParse(data);
  return parsed.success ? { ok: true, definition: parsed.data } : { ok: false, messages: issuesToMessages(parsed.error) };
}

/** The options textarea: one option a line, 「コード: 表示」, 「［記述］」 at the end for a text beside it. */
export const OTHER_MARK = "［記述］";

export function optionsToText(options: readonly SurveyOption[]): string {
  return options.map((o) => `${o.code}: ${o.label}${o.allowsText ? ` ${OTHER_MARK}` : ""}`).join("\n");
}

export function readOptionsText(text: string): { ok: true; options: SurveyOption[] } | { ok: false; message: string } {
  const options: SurveyOption[] = [];
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  for (const [i, line] of lines.entries()) {
    const m = /^([^:：]+)[:：]\s*(.+)$/.exec(line);
    if (!m) return { ok: false, message: `選択肢の${i + 1}行目「${line}」は「コード: 表示」の形で書いてください（例: 1: はい）` };
    let label = m[2]!.trim();
    const allowsText = label.endsWith(OTHER_MARK) || label.endsWith("[記述]");
    if (allowsText) label = label.replace(/\s*(［記述］|\[記述\])$/, "");
    options.push({ code: m[1]!.trim(), label, ...(allowsText ? { allowsText: true } : {}) });
  }
  return { ok: true, options };
}
