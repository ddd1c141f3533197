/**
 * The shared xlsx module (src/core/spreadsheet): what it writes is read back
 * cell for cell (text that looks like a formula stays text, numbers stay
 * numbers, dates are dates, sheet names and the hidden state survive), and
 * what it refuses before reading: wrong types, zip bombs, oversize, too many cells.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readWorkbook, type ReadCell } from "../../src/core/spreadsheet/read.ts";
import { WorkbookBuilder } from "../../src/core/spreadsheet/write.ts";
import { checkZip } from "../../src/core/spreadsheet/zip-check.ts";
import { zipBomb } from "../integration/workbook-support.ts";

async function sample(): Promise<Buffer> {
  return new WorkbookBuilder({ creator: "テスト", title: "テスト" })
    .textSheet("説明", "説明", [{ text: "見出し", heading: true }, { text: "本文" }])
    .dataSheet({
      name: "データ",
      printTitle: "データ",
      columns: [
        { key: "n", header: "番号", width: 8 },
        { key: "t", header: "名称", width: 20 },
        { key: "g", header: "評価", width: 8, input: true, accepts: { list: ["S", "A", "B", "C"] } },
        { key: "v", header: "値", width: 10, input: true, accepts: { decimal: { min: 0 } } },
        { key: "d", header: "時点", width: 12, input: true, accepts: { date: { from: new Date(Date.UTC(2000, 0, 1)), to: new Date(Date.UTC(2099, 0, 1)) } }, numberFormat: "yyyy-mm-dd" },
      ],
      rows: [
        { n: 1, t: '=HYPERLINK("http://x","y")', g: "A", v: -1.5, d: new Date(Date.UTC(2025, 2, 31)) },
        { n: 2, t: "@SUM(A1)", g: null, v: null, d: null },
      ],
      lockedInRow: (i, key) => i === 1 && key === "g",
    })
    .hiddenSheet("識別", [["key", "value"]])
    .toBuffer();
}

const cellsOf = (cells: ReadCell[]) => Object.fromEntries(cells.map((c) => [c.address, c.value]));

describe("spreadsheet module", () => {
  it("reads back what it wrote: text never a formula, numbers as numbers, dates as dates, blanks absent", async () => {
    const read = await readWorkbook(await sample());
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.sheets.map((s) => [s.name, s.hidden])).toEqual([["説明", false], ["データ", false], ["識別", true]]);
    const data = cellsOf(read.sheets[1]!.cells);
    expect(data.B2).toEqual({ kind: "text", text: '=HYPERLINK("http://x","y")' });
    expect(data.B3).toEqual({ kind: "text", text: "@SUM(A1)" });
    expect(data.D2).toEqual({ kind: "number", number: -1.5 });
    expect(data.E2).toEqual({ kind: "date", date: new Date(Date.UTC(2025, 2, 31)) });
    expect(data.D3).toBeUndefined(); // null stays blank, never 0
    expect(read.sheets[1]!.cells[0]).toMatchObject({ sheet: "データ", address: "A1", row: 1, col: 1 });
  });

  it("locks pre-filled cells and a row's locked input, unlocks inputs, validates bounded ranges only, prints A4 landscape with row 1 repeated", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await sample()) as never);
    const ws = wb.getWorksheet("データ")!;
    expect(ws.getCell("B2").protection?.locked ?? true).toBe(true);
    expect(ws.getCell("C2").protection?.locked).toBe(false);
    expect(ws.getCell("C3").protection?.locked ?? true).toBe(true); // lockedInRow
    expect(ws.getCell("C2").dataValidation).toMatchObject({ type: "list", formulae: ['"S,A,B,C"'] });
    expect(ws.getCell("C3").dataValidation).toBeUndefined();
    expect(ws.getCell("C4").dataValidation).toBeUndefined(); // nothing past the table
    expect(ws.getCell("D2").dataValidation).toMatchObject({ type: "decimal", operator: "between" });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", printTitlesRow: "1:1" });
    const protection = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(protection).toMatchObject({ sheet: true });
    expect(protection).not.toHaveProperty("hashValue"); // no password (decision 023)
    expect(wb.getWorksheet("識別")!.state).toBe("veryHidden");
  });

  it("refuses a CSV, an .xls, a PDF, an empty file and a Word document in Japanese, before reading", async () => {
    const refused = async (bytes: Uint8Array) => {
      const r = await readWorkbook(bytes);
      return r.ok ? "" : r.message;
    };
    expect(await refused(Buffer.from("a,b\n1,2\n"))).toContain("テキストファイル（CSVなど）です");
    expect(await refused(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]))).toContain("Excel 97-2003");
    expect(await refused(Buffer.from("%PDF-1.7\n"))).toContain("PDFファイルです");
    expect(await refused(new Uint8Array(0))).toContain("ファイルが空です");
    const word = zipBomb(100).toString("latin1").replaceAll("xl/worksheets/sheet1.xml", "word/document.xml.....");
    expect(await refused(Buffer.from(word, "latin1"))).toContain("Excelのブック（.xlsx）ではありません");
  });

  it("refuses a zip bomb by its declared sizes, a file over the size limit, and a file over the cell limit", async () => {
    expect(checkZip(zipBomb(5 * 1024 * 1024))).toMatchObject({ ok: false, message: expect.stringContaining("圧縮爆弾") });
    const bytes = await sample();
    const limits = { maxBytes: bytes.length - 1, maxCells: 1_000_000, zip: { maxEntries: 2000, maxUncompressedBytes: 1 << 30, maxRatio: 200 } };
    expect(await readWorkbook(bytes, limits)).toMatchObject({ ok: false, message: expect.stringContaining("ファイルが大きすぎます") });
    expect(await readWorkbook(bytes, { ...limits, maxBytes: bytes.length, maxCells: 5 })).toMatchObject({ ok: false, message: expect.stringContaining("セルが多すぎます") });
    expect(await readWorkbook(bytes, { ...limits, maxBytes: bytes.length, zip: { ...limits.zip, maxEntries: 3 } })).toMatchObject({ ok: false, message: expect.stringContaining("中身の数") });
  });
});
