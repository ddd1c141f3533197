/**
 * Reads and validates a plan data file. Never touches the database: an
 * invalid file is rejected here, before any import begins, with messages that
 * name the file, the path inside it and the problem.
 */
import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";
import { planFile, type PlanFile } from "./plan-file-schema.ts";

export type PlanFileProblem = { file: string; path: string; message: string };

export type PlanFileResult =
  | { ok: true; plan: PlanFile; text: string }
  | { ok: false; problems: PlanFileProblem[] };

export async function readPlanFile(file: string): Promise<PlanFileResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "ファイルが見つかりません" : "ファイルを読めません";
    return { ok: false, problems: [{ file, path: "", message: reason }] };
  }
  return parsePlanText(text, file);
}

export function parsePlanText(text: string, file: string): PlanFileResult {
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
        problems: doc.errors.map((e) => ({
          file,
          path: e.linePos ? `${e.linePos[0].line}行目` : "",
          message: `YAMLとして読めません: ${e.message.split("\n")[0]}`,
        })),
      };
    }
    data = doc.toJS();
  }
  const parsed = planFile.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        file,
        path: formatPath(issue.path),
        message: issue.message,
      })),
    };
  }
  return { ok: true, plan: parsed.data, text };
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
