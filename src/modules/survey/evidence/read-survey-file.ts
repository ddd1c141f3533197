/**
 * Reads and validates a survey data file, like a plan file (read-plan-file.ts):
 * bounded in size, UTF-8 only, YAML without alias bombs, strict schema, and
 * every problem named by file, place and what is wrong, in Japanese. Never
 * touches the database.
 */
import { readFile, stat } from "node:fs/promises";
import { parseDocument } from "yaml";
import { formatPath, type PlanFileProblem } from "../../plan/read-plan-file.ts";
import { surveyFileSchema, type SurveyFile } from "./domain/survey-file-schema.ts";

export type SurveyFileResult = { ok: true; survey: SurveyFile } | { ok: false; problems: PlanFileProblem[] };

const MAX_BYTES = 1024 * 1024;
const MAX_PROBLEMS = 20;

export async function readSurveyFile(file: string): Promise<SurveyFileResult> {
  let bytes: Buffer;
  try {
    if ((await stat(file)).size > MAX_BYTES) return refuse(file, "ファイルが大きすぎます（調査データファイルの上限は 1 MB です）");
    bytes = await readFile(file);
  } catch (error) {
    return refuse(file, (error as NodeJS.ErrnoException).code === "ENOENT" ? "ファイルが見つかりません" : "ファイルを読めません");
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return refuse(file, "文字コードがUTF-8ではありません（Shift_JIS などで保存されている可能性があります）。UTF-8 で保存し直してください");
  }
  return parseSurveyText(text, file);
}

export function parseSurveyText(text: string, file: string): SurveyFileResult {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    return capped(file, doc.errors.map((e) => ({ file, path: e.linePos ? `${e.linePos[0].line}行目` : "", message: `YAMLとして読めません: ${e.message.split("\n")[0]}` })));
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    return refuse(file, "YAMLの別名（エイリアス）の展開が多すぎます。アンカーと別名を使わずに書いてください");
  }
  const parsed = surveyFileSchema.safeParse(data);
  if (!parsed.success) {
    return capped(
      file,
      parsed.error.issues.map((issue) => ({
        file,
        path: formatPath(issue.path),
        message: issue.code === "unrecognized_keys" ? `調査データファイルの形式にない項目です: ${issue.keys.join("、")}（綴りを確認してください）` : issue.message,
      })),
    );
  }
  return { ok: true, survey: parsed.data };
}

function refuse(file: string, message: string): SurveyFileResult {
  return { ok: false, problems: [{ file, path: "", message }] };
}

function capped(file: string, problems: PlanFileProblem[]): SurveyFileResult {
  if (problems.length <= MAX_PROBLEMS) return { ok: false, problems };
  return { ok: false, problems: [...problems.slice(0, MAX_PROBLEMS), { file, path: "", message: `ほかに ${problems.length - MAX_PROBLEMS} 件の問題があります` }] };
}
