/**
 * Helpers for the open data tests: a strict RFC 4180 reader that also
 * reports which fields were quoted (a quoted "" is an empty text, a bare
 * empty field is "no value"), and fetching a CSV as bytes so the BOM is seen
 * (Response.text() would silently drop it).
 */
import { expect } from "vitest";

export type CsvField = { value: string; quoted: boolean };

/** Parses CSV text (without BOM). Records end in CRLF; a bare CR or LF outside quotes is an error. */
export function parseCsv(text: string): CsvField[][] {
  const records: CsvField[][] = [];
  let record: CsvField[] = [];
  let i = 0;
  const endField = (field: CsvField) => record.push(field);
  while (i < text.length) {
    let field: CsvField;
    if (text[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) throw new Error("unterminated quoted field");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      field = { value, quoted: true };
    } else {
      let value = "";
      while (i < text.length && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
        if (text[i] === '"') throw new Error(`quote inside an unquoted field at ${i}`);
        value += text[i++];
      }
      field = { value, quoted: false };
    }
    endField(field);
    if (text[i] === ",") {
      i++;
      if (i === text.length) throw new Error("record ends with a comma");
      continue;
    }
    if (text.startsWith("\r\n", i)) {
      records.push(record);
      record = [];
      i += 2;
      continue;
    }
    if (i < text.length) throw new Error(`bare line break or stray character at ${i}: ${JSON.stringify(text.slice(i, i + 10))}`);
  }
  if (record.length > 0) throw new Error("last record is not terminated by CRLF");
  return records;
}

export type CsvFile = { bytes: Uint8Array; text: string; header: string[]; rows: CsvField[][]; response: Response };

type Requester = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

export async function fetchCsv(app: Requester, path: string): Promise<CsvFile> {
  const response = await app.request(path);
  expect(response.status, path).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const decoded = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true }).decode(bytes);
  const text = decoded.startsWith("\uFEFF") ? decoded.slice(1) : decoded;
  const [header, ...rows] = parseCsv(text);
  return { bytes, text, header: (header ?? []).map((f) => f.value), rows, response };
}

/** The rows as objects by column name; a bare empty field becomes null. */
export function records(file: Pick<CsvFile, "header" | "rows">): Record<string, string | null>[] {
  return file.rows.map((row) =>
    Object.fromEntries(file.header.map((name, i) => [name, row[i]!.value === "" && !row[i]!.quoted ? null : row[i]!.value])),
  );
}
