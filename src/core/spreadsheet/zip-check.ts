/**
 * A look at an uploaded file before any spreadsheet library reads it: is it a
 * zip at all (an .xls, a CSV renamed to .xlsx, a PDF are told apart and
 * refused in Japanese), and do the sizes its central directory declares stay
 * within bounds (a zip bomb declares gigabytes in a few kilobytes). Only the
 * central directory is read — a few bytes per entry — nothing is inflated.
 *
 * A zip may lie about its sizes; the reader (read.ts) therefore also stops at
 * a number of cells, so that what the declared sizes let through is bounded
 * twice.
 */

export type ZipLimits = {
  /** Entries in the archive (an xlsx has a few dozen). */
  maxEntries: number;
  /** Sum of the declared uncompressed sizes. */
  maxUncompressedBytes: number;
  /** Declared uncompressed ÷ compressed, for entries above 1 MB uncompressed (XML compresses 10–30 times). */
  maxRatio: number;
};

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxUncompressedBytes: 200 * 1024 * 1024, maxRatio: 200 };

export type ZipEntry = { name: string; compressedBytes: number; uncompressedBytes: number; centralOffset: number; centralLength: number };
export type ZipCheck = { ok: true; entries: ZipEntry[] } | { ok: false; message: string };

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;

const NOT_XLSX = "Excelのブック（.xlsx）ではありません。このシステムからダウンロードしたファイルに入力し、.xlsx 形式のまま保存してアップロードしてください。";

/** What the first bytes say the file is, when it is not a zip. */
function kindOfNonZip(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 8);
  const starts = (...sig: number[]) => sig.every((b, i) => head[i] === b);
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    return "古い形式（Excel 97-2003 ブック .xls など）のファイルは読み込めません。Excelで「名前を付けて保存」から「Excel ブック (*.xlsx)」を選んで保存し直してください。";
  }
  if (starts(0x25, 0x50, 0x44, 0x46)) return `PDFファイルです。${NOT_XLSX}`;
  if (bytes.length === 0) return "ファイルが空です。ダウンロードしたExcelファイルを選んでください。";
  // Text (CSV renamed to .xlsx): printable bytes only in the first 512.
  const sample = bytes.subarray(0, 512);
  if (sample.every((b) => b === 9 || b === 10 || b === 13 || b >= 0x20)) return `テキストファイル（CSVなど）です。${NOT_XLSX}`;
  return NOT_XLSX;
}

export function checkZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipCheck {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 22 || view.getUint32(0, true) !== LOCAL_HEADER) return { ok: false, message: kindOfNonZip(bytes) };

  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === END_OF_CENTRAL) {
      end = i;
      break;
    }
  }
  if (end < 0) return { ok: false, message: `ファイルが壊れているか、途中までしかありません。${NOT_XLSX}` };
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  // 0xFFFF / 0xFFFFFFFF mean zip64: far beyond any workbook this system writes.
  if (count === 0xffff || directoryOffset === 0xffffffff) return { ok: false, message: "ファイルが大きすぎるか、対応していない形式（ZIP64）です。" };
  if (count > limits.maxEntries) return { ok: false, message: `ファイルの中身の数（${count}）が多すぎます。このシステムからダウンロードしたファイルを使ってください。` };
  if (directoryOffset + directorySize > end) return { ok: false, message: `ファイルが壊れています。${NOT_XLSX}` };

  const entries: ZipEntry[] = [];
  let total = 0;
  let at = directoryOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL_HEADER) return { ok: false, message: `ファイルが壊れています。${NOT_XLSX}` };
    const compressedBytes = view.getUint32(at + 20, true);
    const uncompressedBytes = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (uncompressedBytes === 0xffffffff || compressedBytes === 0xffffffff) return { ok: false, message: "ファイルが大きすぎるか、対応していない形式（ZIP64）です。" };
    total += uncompressedBytes;
    const tooDense = uncompressedBytes > 1024 * 1024 && uncompressedBytes / Math.max(1, compressedBytes) > limits.maxRatio;
    if (total > limits.maxUncompressedBytes || tooDense) {
      return { ok: false, message: "展開すると極端に大きくなるファイル（圧縮爆弾の疑い）のため、読み込みを中止しました。このシステムからダウンロードしたファイルを使ってください。" };
    }
    const centralLength = 46 + nameLength + extraLength + commentLength;
    if (at + centralLength > end) return { ok: false, message: `ファイルが壊れています。${NOT_XLSX}` };
    entries.push({ name, compressedBytes, uncompressedBytes, centralOffset: at, centralLength });
    at += centralLength;
  }
  const names = new Set(entries.map((e) => e.name));
  if (!names.has("[Content_Types].xml") || !names.has("xl/workbook.xml")) {
    const word = names.has("word/document.xml") ? "Wordの文書です。" : names.has("content.xml") ? "OpenDocument形式（.ods など）です。" : "";
    return { ok: false, message: `${word}${NOT_XLSX}` };
  }
  return { ok: true, entries };
}

/**
 * The same archive with every entry's sizes in its local header and no data
 * descriptors. Zip writers that stream (Excel, exceljs's archiver) leave the
 * sizes out of the local header and put them after the data; a streaming
 * unzipper (exceljs's reader uses unzipper's Parse) then finds the end of an
 * entry by searching for the descriptor's signature, which compressed data
 * contains by chance now and then — the file is then "broken" at random.
 * The central directory, checked by checkZip, has the true sizes: they are
 * written where the streaming reader looks first.
 *
 * The entries are also put in the order the reader wants: the workbook, its
 * relations, shared strings and styles before the worksheets. A worksheet
 * met before them is spooled by exceljs to a temporary file and read at the
 * end (LibreOffice and Excel write that order); in this order every sheet
 * is read straight from memory, with its name known.
 */
export function withSizesInLocalHeaders(bytes: Uint8Array, entries: readonly ZipEntry[]): Uint8Array | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of [...entries].sort((a, b) => readingOrder(a.name) - readingOrder(b.name))) {
    const c = e.centralOffset;
    const nameLength = view.getUint16(c + 28, true);
    const localOffset = view.getUint32(c + 42, true);
    if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== LOCAL_HEADER) return undefined;
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataStart + e.compressedBytes > bytes.length) return undefined;
    const flags = view.getUint16(c + 8, true) & ~0x0008;
    const header = new Uint8Array(30 + nameLength);
    const h = new DataView(header.buffer);
    h.setUint32(0, LOCAL_HEADER, true);
    h.setUint16(4, view.getUint16(c + 6, true), true); // version needed
    h.setUint16(6, flags, true);
    h.setUint16(8, view.getUint16(c + 10, true), true); // method
    h.setUint32(10, view.getUint32(c + 12, true), true); // time and date
    h.setUint32(14, view.getUint32(c + 16, true), true); // crc-32
    h.setUint32(18, e.compressedBytes, true);
    h.setUint32(22, e.uncompressedBytes, true);
    h.setUint16(26, nameLength, true);
    header.set(bytes.subarray(c + 46, c + 46 + nameLength), 30);
    const central = bytes.slice(c, c + e.centralLength);
    const cv = new DataView(central.buffer);
    cv.setUint16(8, flags, true);
    cv.setUint32(42, offset, true);
    locals.push(header, bytes.subarray(dataStart, dataStart + e.compressedBytes));
    centrals.push(central);
    offset += header.length + e.compressedBytes;
  }
  const directorySize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, END_OF_CENTRAL, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, directorySize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + directorySize + 22);
  let at = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const FIRST = ["_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/workbook.xml", "xl/sharedStrings.xml", "xl/styles.xml"];
/** Sort key: the parts the reader needs before any sheet, in this order, then the rest as they were (sort is stable). */
const readingOrder = (name: string) => {
  const i = FIRST.indexOf(name);
  return i < 0 ? FIRST.length : i;
};
