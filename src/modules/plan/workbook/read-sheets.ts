/**
 * The plan workbook's data sheets as records: the header row matched to the
 * layout's columns by name (columns may be moved; a missing, repeated or
 * unknown column is a problem), then each non-empty row's cells by column
 * key, with the address of each cell for messages. Pure.
 */
import type { Column, SheetLayout } from "./layout.ts";

/** One cell as the reader found it; value is a number, text, boolean or a date. */
export type InCell = { row: number; col: number; value: unknown; numFmt?: string };
export type InSheet = { name: string; cells: InCell[] };

/** Sheet, cell and a Japanese message: what the upload page lists. */
export type WorkbookProblem = { sheet: string; cell: string; message: string };

export type RecordCell = { value: unknown; numFmt?: string; address: string };
export type SheetRecord = { row: number; address: string; cells: Record<string, RecordCell>; at(key: string): string };

/** A plan has a few hundred rows per sheet; far more is not a plan workbook. */
export const MAX_ROWS_PER_SHEET = 5000;

export function columnLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export const address = (row: number, col: number) => `${columnLetters(col)}${row}`;

const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

export function readRecords(sheet: InSheet, layout: SheetLayout, problems: WorkbookProblem[]): SheetRecord[] {
  const colOf = new Map<string, number>();
  const problem = (cell: string, message: string) => problems.push({ sheet: layout.name, cell, message });
  const header = sheet.cells.filter((c) => c.row === 1 && !isEmpty(c.value));
  const byHeader = new Map(layout.columns.map((c) => [c.header, c]));
  const columnAt = new Map<number, Column>();
  const seen = new Set<string>();
  for (const cell of header) {
    const text = String(cell.value).trim();
    const column = byHeader.get(text);
    if (!column) problem(address(1, cell.col), `列「${text}」はこのブックの形式にありません。列を追加せず、書き出したときの列だけを使ってください`);
    else if (seen.has(column.key)) problem(address(1, cell.col), `列「${text}」が2回あります`);
    else {
      seen.add(column.key);
      columnAt.set(cell.col, column);
      colOf.set(column.key, cell.col);
    }
  }
  for (const column of layout.columns) {
    if (!seen.has(column.key)) problem("1行目", `列「${column.header}」がありません（1行目の項目名を書き出したときのままにしてください）`);
  }

  const rows = new Map<number, InCell[]>();
  for (const cell of sheet.cells) {
    if (cell.row === 1 || isEmpty(cell.value)) continue;
    rows.set(cell.row, [...(rows.get(cell.row) ?? []), cell]);
  }
  if (rows.size > MAX_ROWS_PER_SHEET) {
    problem("", `行が多すぎます（${rows.size}行）。1シート ${MAX_ROWS_PER_SHEET} 行までです`);
    return [];
  }
  const records: SheetRecord[] = [];
  for (const [row, cells] of [...rows].sort((a, b) => a[0] - b[0])) {
    // A cell's address, also for an empty one (a required value that is missing).
    const at = (key: string) => address(row, colOf.get(key) ?? 1);
    const record: SheetRecord = { row, address: address(row, 1), cells: {}, at };
    for (const cell of cells) {
      const column = columnAt.get(cell.col);
      if (!column) {
        if (header.length > 0) problem(address(row, cell.col), "項目名のない列に値があります。表の外には何も書かないでください");
        continue;
      }
      record.cells[column.key] = { value: cell.value, numFmt: cell.numFmt, address: address(row, cell.col) };
    }
    records.push(record);
  }
  return records;
}
