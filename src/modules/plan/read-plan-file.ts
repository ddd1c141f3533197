/**
 * Reads and validates a plan data file. Never touches the database: an
 * invalid file is rejected here, before any import begins, with messages that
 * name the file, the path inside it and the problem, in Japanese.
 *
 * A plan file is written by people and may come from anywhere, so it is
 * bounded before it is read (size, YAML aliases, number of messages), must be
 * UTF-8 (a Shift_JIS file would otherwise import as garbled titles), and may
 * hold no key the schema does not know (a misspelt `asumed` must not pass).
 */
import { open } from "node:fs/promises";
import { parseDocument } from "yaml";
import { planFile, type PlanFile } from "./plan-file-schema.ts";

export type PlanFileProblem = { file: string; path: string; message: string };

export type PlanFileResult =
  | { ok: true; plan: PlanFile; text: string }
  | { ok: false; problems: PlanFileProblem[] };

/** Tokushima's whole plan is 85 KB; a plan file 25 times larger is not a plan. */
export const MAX_PLAN_FILE_BYTES = 2 * 1024 * 1024;
/** Anchors and aliases are legitimate YAML, but an alias bomb expands to gigabytes. */
const MAX_ALIASES = 100;
/** One broken line can make a YAML parser report thousands of follow-on errors: the first ones tell. */
const MAX_PROBLEMS = 20;

export async function readPlanFile(file: string): Promise<PlanFileResult> {
  let bytes: Buffer;
  try {
    const handle = await open(file, "r");
    try {
      const { size } = await handle.stat();
      if (size > MAX_PLAN_FILE_BYTES) return refuse(file, `ファイルが大きすぎます（${megabytes(size)}）。計画ファイルの上限は ${megabytes(MAX_PLAN_FILE_BYTES)} です`);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "ファイルが見つかりません" : "ファイルを読めません";
    return refuse(file, reason);
  }
  return readPlanBytes(bytes, file);
}

/**
 * The same checks for a file's bytes already in memory (an upload, decision
 * 037): the size bound, UTF-8 only, then the schema. `file` is the name the
 * messages give.
 */
export function readPlanBytes(bytes: Uint8Array, file: string): PlanFileResult {
  if (bytes.byteLength > MAX_PLAN_FILE_BYTES) {
    return refuse(file, `ファイルが大きすぎます（${megabytes(bytes.byteLength)}）。計画ファイルの上限は ${megabytes(MAX_PLAN_FILE_BYTES)} です`);
  }
  const text = decodeUtf8(bytes);
  if (text === undefined) {
    return refuse(file, "文字コードがUTF-8ではありません（Shift_JIS などで保存されている可能性があります）。UTF-8 で保存し直してください");
  }
  return parsePlanText(text, file);
}

function refuse(file: string, message: string): PlanFileResult {
  return { ok: false, problems: [{ file, path: "", message }] };
}

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The text of UTF-8 bytes (a BOM is dropped), or undefined when they are not UTF-8. */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function parsePlanText(text: string, file: string): PlanFileResult {
  if (text.length > MAX_PLAN_FILE_BYTES) return refuse(file, `ファイルが大きすぎます。計画ファイルの上限は ${megabytes(MAX_PLAN_FILE_BYTES)} です`);
  const isJson = file.endsWith(".json");
  let data: unknown;
  if (isJson) {
    try {
      data = JSON.parse(text);
    } catch (error) {
      return { ok: false, problems: [{ file, path: "", message: `JSONとして読めません: ${(error as Error).message}` }] };
    }
  } else {
    const doc = parseDocument(text, { uniqueKeys: true });
    if (doc.errors.length > 0) {
      return {
        ok: false,
        problems: capped(
          file,
          doc.errors.map((e) => ({
            file,
            path: e.linePos ? `${e.linePos[0].line}行目` : "",
            message: `YAMLとして読めません（${yamlErrorLabel(e.code)}）: ${e.message.split("\n")[0]}`,
          })),
        ),
      };
    }
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch {
      return refuse(file, `YAMLの別名（エイリアス *名前）の展開が多すぎます（上限 ${MAX_ALIASES} 回）。アンカーと別名を使わずに書いてください`);
    }
  }
  const parsed = planFile.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      problems: capped(
        file,
        parsed.error.issues.map((issue) => ({
          file,
          path: formatPath(issue.path),
          message: issue.code === "unrecognized_keys" ? `この計画ファイルの形式にない項目です: ${issue.keys.join("、")}（綴りを確認してください）` : issue.message,
        })),
      ),
    };
  }
  return { ok: true, plan: parsed.data, text };
}

function capped(file: string, problems: PlanFileProblem[]): PlanFileProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), { file, path: "", message: `ほかに ${problems.length - MAX_PROBLEMS} 件の問題があります（最初の問題から直してください）` }];
}

/** The kind of a YAML syntax error, for the secretariat who edits the file. */
function yamlErrorLabel(code: string): string {
  const labels: Record<string, string> = {
    DUPLICATE_KEY: "同じ項目名が2回あります",
    BAD_INDENT: "字下げが揃っていません",
    MISSING_CHAR: "記号が足りません",
    MULTILINE_IMPLICIT_KEY: "項目名が複数行にわたっています",
    UNEXPECTED_TOKEN: "予期しない記号があります",
    BLOCK_AS_IMPLICIT_KEY: "項目名の書き方が正しくありません",
    TAB_AS_INDENT: "字下げにタブが使われています",
    BAD_ALIAS: "別名が正しくありません",
  };
  return labels[code] ?? "書式の誤り";
}

/** initiatives[11].kpis[0].targets.2024 — the way a reader finds it in the file. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join("");
}

export function formatProblems(problems: PlanFileProblem[]): string {
  return problems.map((p) => `${p.file}${p.path ? ` の ${p.path}` : ""}: ${p.message}`).join("\n");
}
