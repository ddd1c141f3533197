/**
 * The text of an uploaded CSV file. Offices save CSV from Excel in two
 * encodings: UTF-8 (with or without a BOM, "CSV UTF-8") and Shift_JIS
 * (Windows' CP932, Excel's plain "CSV"). Both are accepted and told apart
 * from the bytes alone; anything else is refused with a message saying what
 * to do, never decoded into garbled text.
 *
 * Detection: a UTF-8 BOM, or bytes that are valid UTF-8, mean UTF-8 (plain
 * ASCII is both, and reads the same either way). Otherwise the bytes must be
 * valid CP932: Node's WHATWG "shift_jis" decoder is CP932 (it reads ①, ㈱,
 * 髙, 﨑) and, with `fatal`, refuses byte sequences that are not. EUC-JP and
 * UTF-16 files fail both and are refused.
 */
export type CsvEncoding = "utf-8" | "shift_jis";

export type DecodedUpload =
  | { ok: true; text: string; encoding: CsvEncoding }
  | { ok: false; message: string };

export function decodeCsvUpload(bytes: Uint8Array): DecodedUpload {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, message: UNSUPPORTED("UTF-16") };
  }
  const utf8 = tryDecode("utf-8", bytes);
  if (utf8 !== undefined) return { ok: true, text: utf8, encoding: "utf-8" };
  const sjis = tryDecode("shift_jis", bytes);
  if (sjis !== undefined) return { ok: true, text: sjis, encoding: "shift_jis" };
  return { ok: false, message: UNSUPPORTED() };
}

const UNSUPPORTED = (found?: string) =>
  `ファイルの文字コードを読み取れません${found ? `（${found} のようです）` : ""}。` +
  "CSVは UTF-8 または Shift_JIS で保存してください（Excel では「CSV UTF-8（コンマ区切り）」または「CSV（コンマ区切り）」）。";

function tryDecode(encoding: CsvEncoding, bytes: Uint8Array): string | undefined {
  try {
    // ignoreBOM: false drops a leading BOM from the text.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** 「UTF-8」「Shift_JIS」 for messages and audit details. */
export function encodingLabel(encoding: CsvEncoding): string {
  return encoding === "utf-8" ? "UTF-8" : "Shift_JIS";
}
