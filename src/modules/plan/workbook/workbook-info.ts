/**
 * The hidden sheet that says what a plan workbook was made from: the format,
 * the municipality, the plan, the revision and a digest of the parts the
 * workbook holds. An upload is refused when any of them does not fit the
 * draft it is uploaded into — above all when the draft's policies or
 * initiatives changed after the workbook was made, since applying the
 * workbook would silently undo those edits.
 */
import { createHash } from "node:crypto";
import type { PlanFile } from "../plan-file-schema.ts";
import { PLAN_WORKBOOK_FORMAT } from "./layout.ts";
import type { InSheet, WorkbookProblem } from "./read-sheets.ts";

export type WorkbookInfo = { format: string; lgCode: string; planCode: string; madeFrom: string; partsDigest: string };

const LABELS: Record<keyof WorkbookInfo, string> = {
  format: "ブックの形式",
  lgCode: "全国地方公共団体コード",
  planCode: "計画コード",
  madeFrom: "書き出した版",
  partsDigest: "取組方針・取組項目の要約値（SHA-256）",
};

/** SHA-256 of the period, policies and initiatives, keys sorted: independent of how the database orders JSON keys. */
export function partsDigest(plan: PlanFile): string {
  return createHash("sha256").update(canonical({ period: plan.period, policies: plan.policies, initiatives: plan.initiatives })).digest("hex");
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function infoRows(info: WorkbookInfo): [string, string][] {
  return (Object.keys(LABELS) as (keyof WorkbookInfo)[]).map((k) => [LABELS[k], info[k]]);
}

export const INFO_HEADERS = ["項目", "値"] as const;

/** The info sheet's values, or problems when it is missing or altered. */
export function readInfo(sheet: InSheet | undefined, sheetName: string): { ok: true; info: WorkbookInfo } | { ok: false; problems: WorkbookProblem[] } {
  const missing = { ok: false as const, problems: [{ sheet: sheetName, cell: "", message: "このシステムで書き出した計画のブックではありません（非表示のシート「ブック情報」がないか、変更されています）。計画の画面から書き出したブックを使ってください" }] };
  if (!sheet) return missing;
  const byRow = new Map<number, Map<number, unknown>>();
  for (const c of sheet.cells) byRow.set(c.row, (byRow.get(c.row) ?? new Map()).set(c.col, c.value));
  const values = new Map<string, string>();
  for (const cells of byRow.values()) {
    const label = cells.get(1);
    const value = cells.get(2);
    if (typeof label === "string" && (typeof value === "string" || typeof value === "number")) values.set(label, String(value));
  }
  const info = {} as WorkbookInfo;
  for (const [key, label] of Object.entries(LABELS) as [keyof WorkbookInfo, string][]) {
    const value = values.get(label);
    if (value === undefined) return missing;
    info[key] = value;
  }
  if (info.format !== PLAN_WORKBOOK_FORMAT) {
    return { ok: false, problems: [{ sheet: sheetName, cell: "", message: `ブックの形式（${info.format}）が古いか異なります。計画の画面からブックを書き出し直してください` }] };
  }
  return { ok: true, info };
}
