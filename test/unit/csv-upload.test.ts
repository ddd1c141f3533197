import { describe, expect, it } from "vitest";
import { readCsvUpload } from "../../src/core/csv/read-csv-upload.ts";
import { decodeCsvUpload } from "../../src/core/csv/decode-upload.ts";

const rules = { required: ["ログインID", "氏名"], optional: ["所属"], maxRecords: 3 };
const utf8 = (text: string) => new TextEncoder().encode(text);
/** 髙﨑 ① in CP932, written out byte by byte (Node has no CP932 encoder). */
const SJIS_TAKASAKI = [0xfb, 0xfc, 0xfa, 0xb1, 0x87, 0x40];
/** "ログインID,氏名\r\nu1,髙﨑①\r\n" in CP932. */
const sjisFile = Uint8Array.from([
  0x83, 0x8d, 0x83, 0x4f, 0x83, 0x43, 0x83, 0x93, 0x49, 0x44, 0x2c, 0x8e, 0x81, 0x96, 0xbc, 0x0d, 0x0a,
  0x75, 0x31, 0x2c, ...SJIS_TAKASAKI, 0x0d, 0x0a,
]);

describe("readCsvUpload: CSV files as offices save them", () => {
  it("reads UTF-8 with a BOM, naming each record's line", () => {
    const upload = readCsvUpload(utf8("\uFEFFログインID,氏名\n\nu1,山田\nu2,'=1+1\n"), rules);
    expect(upload).toMatchObject({ ok: true, encoding: "utf-8", header: ["ログインID", "氏名"] });
    if (upload.ok) {
      expect(upload.records).toEqual([
        { line: 3, values: { ログインID: "u1", 氏名: "山田" } },
        { line: 4, values: { ログインID: "u2", 氏名: "=1+1" } },
      ]);
    }
  });

  it("reads Shift_JIS (CP932) including 髙﨑 and ①", () => {
    const upload = readCsvUpload(sjisFile, rules);
    expect(upload).toMatchObject({ ok: true, encoding: "shift_jis" });
    if (upload.ok) expect(upload.records[0]!.values["氏名"]).toBe("髙﨑①");
  });

  it("refuses UTF-16 and bytes that are neither UTF-8 nor Shift_JIS", () => {
    expect(decodeCsvUpload(Uint8Array.from([0xff, 0xfe, 0x41, 0x00]))).toMatchObject({ ok: false, message: expect.stringContaining("UTF-16") });
    expect(decodeCsvUpload(Uint8Array.from([0x80, 0x80, 0xff]))).toMatchObject({ ok: false, message: expect.stringContaining("Shift_JIS") });
  });

  it("lists every header problem at once", () => {
    const upload = readCsvUpload(utf8("氏名,氏名,部署\nx,y,z\n"), rules);
    expect(upload.ok).toBe(false);
    if (!upload.ok) {
      expect(upload.messages).toEqual([
        "1行目（見出し）に「ログインID」の列がありません。",
        "1行目2列目の「氏名」の列が2つあります。",
        "1行目3列目の「部署」は使えない列です。使える列: ログインID、氏名、所属",
      ]);
    }
  });

  it("refuses too many rows, ragged rows and broken quoting", () => {
    expect(readCsvUpload(utf8("ログインID,氏名\na,b\nc,d\ne,f\ng,h\n"), rules)).toMatchObject({ ok: false, messages: [expect.stringContaining("3 行まで")] });
    expect(readCsvUpload(utf8("ログインID,氏名\na,b,c\n"), rules)).toMatchObject({ ok: false, messages: ["2行目: 列の数が見出しと違います（見出し 2 列、この行 3 列）。"] });
    expect(readCsvUpload(utf8('ログインID,氏名\n"a,b\n'), rules)).toMatchObject({ ok: false, messages: [expect.stringContaining("引用符")] });
  });
});
