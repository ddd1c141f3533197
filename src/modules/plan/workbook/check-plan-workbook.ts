/**
 * An uploaded plan workbook, from bytes to a plan file ready to be saved in
 * the draft — or every problem found, each with its sheet, its cell and a
 * Japanese message. Nothing here writes: applyPlanWorkbook saves the result.
 *
 * The file is read by the shared bounded reader (size, zip directory, cell
 * count: core/spreadsheet/read.ts); the hidden information sheet must say
 * this municipality, this plan and the draft's present policies and
 * initiatives; then the cells are read (workbook-to-plan.ts) and the whole
 * plan is validated like a plan file, the schema's problems placed on cells.
 */
import { readWorkbook, shownValue, type ReadSheet } from "../../../core/spreadsheet/read.ts";
import { DEFAULT_ZIP_LIMITS } from "../../../core/spreadsheet/zip-check.ts";
import type { PlanFile } from "../plan-file-schema.ts";
import { fiscalYearsOf } from "../plan.ts";
import { validateContent } from "../revisions/commands/publishing.ts";
import { INFO_SHEET, META_SHEET, sheetLayouts } from "./layout.ts";
import type { InSheet, WorkbookProblem } from "./read-sheets.ts";
import { partsDigest, readInfo } from "./workbook-info.ts";
import { workbookToPlan } from "./workbook-to-plan.ts";

/** Tokushima's plan is about 60 KB as a workbook; re-saved by a spreadsheet program, a few times that. */
export const MAX_PLAN_WORKBOOK_BYTES = 4 * 1024 * 1024;
const LIMITS = { maxBytes: MAX_PLAN_WORKBOOK_BYTES, maxCells: 200_000, zip: { ...DEFAULT_ZIP_LIMITS, maxUncompressedBytes: 64 * 1024 * 1024 } };
/** One broken column can cause a message per row: the list shows this many, and says how many more. */
export const MAX_PROBLEMS_SHOWN = 300;

export type CheckedWorkbook = { ok: true; content: PlanFile } | { ok: false; problems: WorkbookProblem[] };

export async function checkPlanWorkbook(bytes: Uint8Array, draftContent: PlanFile, lgCode: string): Promise<CheckedWorkbook> {
  const read = await readWorkbook(bytes, LIMITS);
  if (!read.ok) return { ok: false, problems: [{ sheet: "", cell: "", message: read.message }] };
  const problems: WorkbookProblem[] = [];
  const sheets = read.sheets.map((s) => toInSheet(s, problems));

  const info = readInfo(sheets.find((s) => s.name === META_SHEET), META_SHEET);
  if (!info.ok) return { ok: false, problems: info.problems };
  if (info.info.lgCode !== lgCode) {
    return refuse(`別の自治体（全国地方公共団体コード ${info.info.lgCode}）の計画のブックです。この自治体の計画から書き出したブックを使ってください`);
  }
  if (info.info.planCode !== draftContent.code) {
    return refuse(`別の計画（計画コード ${info.info.planCode}）のブックです。この下書きの計画（${draftContent.code}）から書き出したブックを使ってください`);
  }
  if (info.info.partsDigest !== partsDigest(draftContent)) {
    return refuse(
      "このブックを書き出した後に、下書きの取組方針・取組項目が変更されています（画面での編集や別のブックの取り込み）。取り込むとその変更が失われるため、何も取り込んでいません。下書きからブックを書き出し直し、変更を入力し直してください",
    );
  }

  const result = workbookToPlan(draftContent, sheets);
  if (!result.ok) return { ok: false, problems: sorted([...problems, ...result.problems], draftContent) };
  if (problems.length > 0) return { ok: false, problems: sorted(problems, draftContent) };
  const valid = validateContent(result.candidate, draftContent.code);
  if (!valid.ok) {
    return { ok: false, problems: sorted(valid.problems.map((p) => ({ ...result.locate(p.path), message: p.message })), draftContent) };
  }
  return { ok: true, content: valid.plan };
}

function refuse(message: string): CheckedWorkbook {
  return { ok: false, problems: [{ sheet: META_SHEET, cell: "", message }] };
}

/** Text, numbers and booleans as the reader found them; a formula, a date or an error value is a problem at its cell. */
function toInSheet(sheet: ReadSheet, problems: WorkbookProblem[]): InSheet {
  const cells: InSheet["cells"] = [];
  for (const cell of sheet.cells) {
    const v = cell.value;
    if (v.kind === "text") cells.push({ row: cell.row, col: cell.col, value: v.text });
    else if (v.kind === "number") cells.push({ row: cell.row, col: cell.col, value: v.number });
    else if (v.kind === "boolean") cells.push({ row: cell.row, col: cell.col, value: v.boolean });
    else if (sheet.name !== INFO_SHEET) {
      const why = v.kind === "formula" ? "数式は取り込めません。計算結果ではなく値を入力してください" : v.kind === "date" ? "日付は入力できない列です" : "エラー値です";
      problems.push({ sheet: sheet.name, cell: cell.address, message: `${why}（${shownValue(v)}）` });
    }
  }
  return { name: sheet.name, cells };
}

/** In the workbook's order: sheet, then row, then column. */
function sorted(problems: WorkbookProblem[], plan: PlanFile): WorkbookProblem[] {
  const order = [META_SHEET, ...sheetLayouts(fiscalYearsOf(plan)).map((l) => l.name)];
  const key = (p: WorkbookProblem) => {
    const m = /^([A-Z]+)(\d+)$/.exec(p.cell);
    const col = m ? [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : 0;
    return [order.indexOf(p.sheet), m ? Number(m[2]) : 0, col];
  };
  return problems
    .map((p) => ({ p, k: key(p) }))
    .sort((a, b) => a.k[0]! - b.k[0]! || a.k[1]! - b.k[1]! || a.k[2]! - b.k[2]!)
    .map((x) => x.p);
}
