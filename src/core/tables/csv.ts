/**
 * CSV as the Digital Agency's machine-readability rules ask: UTF-8 with a
 * BOM (so spreadsheet software on Windows does not guess Shift_JIS), CRLF
 * record separators (RFC 4180), the header on the first line and data from
 * the second, one record per line. The one CSV writer of the product: the
 * open data files, their codebooks and the audit log export all use it.
 *
 * Text is always quoted, so a comma or quote inside it can never shift the
 * columns (L1-15), and text that a spreadsheet would run as a formula gets a
 * leading apostrophe (core/format/csv-cell.ts, decision 015); numbers and
 * booleans are bare and unchanged so programs read them as such (L2-01). A
 * missing value is an empty, unquoted field — distinct from "0" (L1-09) and
 * from an empty text, which is "".
 */
import { csvText } from "../format/csv-cell.ts";
import type { Cell, Column, Row } from "./table.ts";

export const BOM = "\uFEFF";
const CRLF = "\r\n";

export function encodeCsv(columns: readonly Column[], rows: readonly Row[]): string {
  const header = columns.map((c) => csvText(c.name)).join(",");
  const records = rows.map((row) => columns.map((c) => field(row[c.name] ?? null, c)).join(","));
  return BOM + [header, ...records].map((line) => line + CRLF).join("");
}

function field(value: Cell, column: Column): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return String(value);
  // Decimals are stored without units or separators ("38.0", "-1.5"); written as stored, never neutralised.
  if (column.type === "decimal" || column.type === "integer") return value;
  return csvText(value);
}
