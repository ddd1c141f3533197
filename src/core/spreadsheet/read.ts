/**
 * Reading an uploaded workbook: every non-empty cell with its sheet name and
 * A1 address, through exceljs's streaming reader (decision 023: loading a
 * workbook whole expands validations and styles cell by cell; streaming
 * reads rows as they come). Before the library sees a byte, the file's size
 * and its zip directory are checked (zip-check.ts), and reading stops at a
 * number of cells, so that no file makes the server work without bound.
 *
 * What a cell holds is told apart as the upload needs it: text, a number, a
 * date (a number in a date format), a boolean, a formula (which the caller
 * refuses: a formula's result is not what the person typed), an error.
 */
import { Readable } from "node:stream";
import "./exceljs-utf8-fix.ts"; // before exceljs: see that file
import ExcelJS from "exceljs";
import { checkZip, DEFAULT_ZIP_LIMITS, withSizesInLocalHeaders, type ZipLimits } from "./zip-check.ts";

export type ReadValue =
  | { kind: "text"; text: string }
  | { kind: "number"; number: number }
  | { kind: "date"; date: Date }
  | { kind: "boolean"; boolean: boolean }
  | { kind: "formula"; formula: string }
  | { kind: "error"; error: string };

export type ReadCell = { sheet: string; address: string; row: number; col: number; value: ReadValue };
export type ReadSheet = { name: string; hidden: boolean; cells: ReadCell[] };
export type ReadLimits = { maxBytes: number; maxCells: number; zip: ZipLimits };
export type ReadResult = { ok: true; sheets: ReadSheet[] } | { ok: false; message: string };

export const DEFAULT_READ_LIMITS: ReadLimits = { maxBytes: 12 * 1024 * 1024, maxCells: 2_000_000, zip: DEFAULT_ZIP_LIMITS };

export const sizeLabel = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.floor((bytes / (1024 * 1024)) * 10) / 10}MB` : `${Math.ceil(bytes / 1024)}KB`);

class TooManyCells extends Error {}

export async function readWorkbook(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<ReadResult> {
  if (bytes.byteLength > limits.maxBytes) {
    return { ok: false, message: `ファイルが大きすぎます（${sizeLabel(bytes.byteLength)}）。アップロードできるのは${sizeLabel(limits.maxBytes)}までです。` };
  }
  const zip = checkZip(bytes, limits.zip);
  if (!zip.ok) return zip;
  const sized = withSizesInLocalHeaders(bytes, zip.entries);
  if (!sized) return { ok: false, message: "ファイルが壊れています（中身の位置が正しくありません）。Excelで開いて .xlsx 形式で保存し直してから、もう一度アップロードしてください。" };

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(sized.buffer, sized.byteOffset, sized.byteLength)]), {
    sharedStrings: "cache",
    styles: "cache", // to tell a date (a number in a date format) from a number
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  // A sheet met before xl/workbook.xml has no name yet: resolved from the workbook's list at the end.
  const found: { reader: { id: unknown; name?: string; state?: string }; sheetNo: string; cells: ReadCell[] }[] = [];
  let cellCount = 0;
  try {
    for await (const worksheet of reader as AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader & { id: unknown; name?: string; state?: string }>) {
      const entry = { reader: worksheet, sheetNo: String(worksheet.id), cells: [] as ReadCell[] };
      found.push(entry);
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          const value = readValue(cell.value);
          if (!value) return;
          if (++cellCount > limits.maxCells) throw new TooManyCells();
          entry.cells.push({ sheet: "", address: cell.address, row: row.number, col, value });
        });
      }
    }
  } catch (error) {
    if (error instanceof TooManyCells) return { ok: false, message: `セルが多すぎます（${limits.maxCells.toLocaleString("ja-JP")}個まで）。このシステムからダウンロードしたファイルを使ってください。` };
    return { ok: false, message: "ファイルを読み込めませんでした（ファイルが壊れているか、Excelのブックではありません）。Excelで開いて .xlsx 形式で保存し直してから、もう一度アップロードしてください。" };
  }
  const model = (reader as unknown as { model?: { sheets?: { id: number; name: string; state?: string; rId: string }[] } }).model;
  const rels = (reader as unknown as { workbookRels?: { Id: string; Target: string }[] }).workbookRels ?? [];
  const sheets = found.map(({ reader: ws, sheetNo, cells }) => {
    let name = ws.name;
    let state = ws.state;
    if (name === undefined) {
      const rel = rels.find((r) => r.Target === `worksheets/sheet${sheetNo}.xml` || r.Target === `/xl/worksheets/sheet${sheetNo}.xml`);
      const sheet = rel && model?.sheets?.find((s) => s.rId === rel.Id);
      name = sheet?.name ?? `sheet${sheetNo}`;
      state = sheet?.state;
    }
    for (const cell of cells) cell.sheet = name;
    return { name, hidden: state === "hidden" || state === "veryHidden", cells };
  });
  return { ok: true, sheets };
}

function readValue(value: ExcelJS.CellValue): ReadValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") return value === "" ? undefined : { kind: "text", text: value };
  if (typeof value === "number") return { kind: "number", number: value };
  if (typeof value === "boolean") return { kind: "boolean", boolean: value };
  if (value instanceof Date) return { kind: "date", date: value };
  if (typeof value === "object") {
    if ("formula" in value || "sharedFormula" in value) {
      const v = value as { formula?: string; sharedFormula?: string };
      return { kind: "formula", formula: v.formula ?? v.sharedFormula ?? "" };
    }
    if ("richText" in value) {
      const text = value.richText.map((r) => r.text).join("");
      return text === "" ? undefined : { kind: "text", text };
    }
    if ("error" in value) return { kind: "error", error: String(value.error) };
    if ("text" in value) return { kind: "text", text: String((value as { text: unknown }).text) };
  }
  return { kind: "text", text: String(value) };
}

/** A cell's value as the person would read it (for messages). */
export function shownValue(value: ReadValue): string {
  switch (value.kind) {
    case "text":
      return value.text;
    case "number":
      return String(value.number);
    case "date":
      return value.date.toISOString().slice(0, 10);
    case "boolean":
      return value.boolean ? "TRUE" : "FALSE";
    case "formula":
      return `=${value.formula}`;
    case "error":
      return value.error;
  }
}
