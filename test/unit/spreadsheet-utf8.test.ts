/**
 * exceljs's streaming reader cut multi-byte characters at chunk boundaries
 * (core/spreadsheet/exceljs-utf8-fix.ts). A text of 20,000 「日」 (60,000
 * bytes of UTF-8) crosses the 16 KB inflate chunks at three different
 * offsets modulo 3, so at least two boundaries fall inside a character.
 */
import { describe, expect, it } from "vitest";
import { utf8FixApplied } from "../../src/core/spreadsheet/exceljs-utf8-fix.ts";
import { readWorkbook } from "../../src/core/spreadsheet/read.ts";
import { WorkbookBuilder } from "../../src/core/spreadsheet/write.ts";

describe("reading Japanese text from a workbook", () => {
  it("keeps every character of a long text, wherever the chunks end", async () => {
    expect(utf8FixApplied).toBe(true);
    const long = "日".repeat(20_000);
    const shifted = `x${"本".repeat(20_000)}`;
    const bytes = await new WorkbookBuilder({ creator: "テスト", title: "テスト" })
      .dataSheet({
        name: "表",
        printTitle: "表",
        columns: [{ key: "text", header: "本文", width: 40, input: true }],
        rows: [{ text: long }, { text: shifted }],
      })
      .toBuffer();
    const read = await readWorkbook(bytes);
    if (!read.ok) throw new Error(read.message);
    const texts = read.sheets[0]!.cells.flatMap((c) => (c.value.kind === "text" ? [c.value.text] : []));
    expect(texts).toEqual(["本文", long, shifted]);
  });
});
