import { parse } from "csv-parse/sync";
import { decodeCsvUpload, type CsvEncoding } from "./decode-upload.ts";
import { recoverCsvText } from "../format/csv-cell.ts";

/**
 * An uploaded CSV file as records keyed by its header row, each with the line
 * number a person sees in a text editor or Excel (the header is line 1), so
 * that every message can name the row. Problems with the file as a whole
 * (encoding, quoting, a missing or duplicated column, too many rows) come
 * back as messages; problems with values are the caller's to find, all at
 * once, before anything is applied.
 *
 * Cells are trimmed and a formula-neutralising apostrophe written by our own
 * exports is removed (recoverCsvText), so a downloaded file uploads as it was.
 */
export interface CsvRecord {
  /** Line in the file, 1 = header. */
  line: number;
  values: Record<string, string>;
}

export type CsvUpload =
  | { ok: true; encoding: CsvEncoding; header: string[]; records: CsvRecord[] }
  | { ok: false; messages: string[] };

export interface CsvUploadRules {
  /** Columns that must be in the header. */
  required: readonly string[];
  /** Further columns that may be present; any other column is refused. */
  optional?: readonly string[];
  /** Data rows at most (excluding the header). */
  maxRecords: number;
}

export function readCsvUpload(bytes: Uint8Array, rules: CsvUploadRules): CsvUpload {
  const decoded = decodeCsvUpload(bytes);
  if (!decoded.ok) return { ok: false, messages: [decoded.message] };

  // info: each record with the line it ends on (csv-parse skips empty lines,
  // so counting records would misname rows).
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(decoded.text, { relax_column_count: true, skip_empty_lines: true, bom: true, info: true }) as unknown as typeof rows;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { ok: false, messages: [`CSVとして読めません${line ? `（${line}行目付近）` : ""}。引用符（"）の対応を確かめてください。`] };
  }
  if (rows.length === 0) return { ok: false, messages: ["ファイルが空です。1行目に見出し、2行目からデータを書いてください。"] };

  const header = rows[0]!.record.map((cell) => cell.trim());
  const messages: string[] = [];
  const known = new Set([...rules.required, ...(rules.optional ?? [])]);
  for (const column of rules.required) {
    if (!header.includes(column)) messages.push(`1行目（見出し）に「${column}」の列がありません。`);
  }
  const seen = new Set<string>();
  header.forEach((column, index) => {
    const place = `1行目${index + 1}列目`;
    if (column === "") messages.push(`${place}の見出しが空です。`);
    else if (!known.has(column)) messages.push(`${place}の「${column}」は使えない列です。使える列: ${[...known].join("、")}`);
    else if (seen.has(column)) messages.push(`${place}の「${column}」の列が2つあります。`);
    seen.add(column);
  });
  const dataRows = rows.length - 1;
  if (dataRows > rules.maxRecords) {
    messages.push(`データが ${dataRows.toLocaleString("ja-JP")} 行あります。一度に読み込めるのは ${rules.maxRecords.toLocaleString("ja-JP")} 行までです。`);
  }
  if (messages.length > 0) return { ok: false, messages };

  const records: CsvRecord[] = [];
  for (const { record, info } of rows.slice(1)) {
    if (record.length !== header.length) {
      messages.push(`${info.lines}行目: 列の数が見出しと違います（見出し ${header.length} 列、この行 ${record.length} 列）。`);
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((column, index) => (values[column] = recoverCsvText(record[index]!.trim())));
    records.push({ line: info.lines, values });
  }
  if (messages.length > 0) return { ok: false, messages };
  return { ok: true, encoding: decoded.encoding, header, records };
}
