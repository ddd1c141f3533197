import { describe, expect, it } from "vitest";
import { csvText, neutraliseFormula, recoverCsvText } from "../../src/core/format/csv-cell.ts";
import { BOM, encodeCsv } from "../../src/core/tables/csv.ts";
import type { Column } from "../../src/core/tables/table.ts";
import { parseCsv } from "../integration/opendata-support.ts";

const columns: Column[] = [
  { name: "lg_code", label: "全国地方公共団体コード", definition: "", type: "string" },
  { name: "label", label: "指標", definition: "", type: "string", nullable: true },
  { name: "count", label: "件数", definition: "", type: "integer", nullable: true },
  { name: "value", label: "値", definition: "", type: "decimal", nullable: true },
  { name: "flag", label: "真偽", definition: "", type: "boolean" },
];

describe("encodeCsv", () => {
  const csv = encodeCsv(columns, [
    { lg_code: "362018", label: 'A, "B"\r\nC\nD', count: 0, value: "38.0", flag: true },
    { lg_code: "362018", label: "", count: null, value: null, flag: false },
    { lg_code: "362018", label: null, count: 12, value: "0", flag: false },
  ]);

  it("starts with a BOM and ends every record, the header included, with CRLF", () => {
    expect(csv.startsWith(BOM)).toBe(true);
    const body = csv.slice(1);
    expect(body.split("\r\n")).toHaveLength(5);
    expect(body.endsWith("\r\n")).toBe(true);
    expect(body.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("writes the header first, then the data", () => {
    expect(csv.slice(1).split("\r\n")[0]).toBe('"lg_code","label","count","value","flag"');
  });

  it("quotes text, doubles quotes, and turns line breaks inside text into spaces (L1-14)", () => {
    const [, first] = parseCsv(csv.slice(1));
    expect(first!.map((f) => f.value)).toEqual(["362018", 'A, "B" C D', "0", "38.0", "true"]);
    expect(first!.map((f) => f.quoted)).toEqual([true, true, false, false, false]);
  });

  it("keeps no value (bare empty) distinct from 0 and from empty text (L1-09)", () => {
    const [, , second, third] = parseCsv(csv.slice(1));
    expect(second).toEqual([
      { value: "362018", quoted: true },
      { value: "", quoted: true },
      { value: "", quoted: false },
      { value: "", quoted: false },
      { value: "false", quoted: false },
    ]);
    expect(third![3]).toEqual({ value: "0", quoted: false });
    expect(third![1]).toEqual({ value: "", quoted: false });
  });

  it("writes decimals exactly as stored, without separators", () => {
    const out = encodeCsv([columns[3]!], [{ value: "2600000" }, { value: "38.0" }]);
    expect(out).toBe(`${BOM}"value"\r\n2600000\r\n38.0\r\n`);
  });
});

describe("formula injection (decision 015)", () => {
  const formula = '=HYPERLINK("http://x","y")';

  it("neutralises text that a spreadsheet would run, and only text: -1.5 in a numeric column stays -1.5", () => {
    const out = encodeCsv(columns, [{ lg_code: "362018", label: formula, count: -3, value: "-1.5", flag: false }]);
    const [, row] = parseCsv(out.slice(1));
    expect(row!.map((f) => f.value)).toEqual(["362018", `'${formula}`, "-3", "-1.5", "false"]);
    expect(out).toContain(`,"'=HYPERLINK(""http://x"",""y"")",-3,-1.5,false\r\n`);
  });

  it("neutralises every trigger, and a line break before one cannot hide it", () => {
    const cells = ["+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "\n=1", "1-1", "a=b", "", "－1", "'plain"];
    const out = encodeCsv([columns[1]!], cells.map((label) => ({ label })));
    const values = parseCsv(out.slice(1)).slice(1).map((r) => r[0]!.value);
    expect(values).toEqual(["'+1", "'-1", "'@SUM(A1)", "'\t=1", " =1", " =1", "1-1", "a=b", "", "－1", "'plain"]);
  });
});

describe("csv cell helpers", () => {
  it("round-trips any one-line text through neutraliseFormula and recoverCsvText, apostrophes included", () => {
    for (const text of ["=1+1", "'=1+1", "''@x", "'plain", "plain", "-", "", "@", "\t", "'"]) {
      const written = neutraliseFormula(text);
      expect(written, JSON.stringify(text)).not.toMatch(/^[=+\-@\t\r]/);
      expect(recoverCsvText(written), JSON.stringify(text)).toBe(text);
    }
    expect(neutraliseFormula("'=1")).toBe("''=1");
  });

  it("writes one quoted field with quotes doubled", () => {
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText("-x")).toBe(`"'-x"`);
  });
});

describe("parseCsv (the tests' own reader)", () => {
  it("refuses bare LF records and unterminated files", () => {
    expect(() => parseCsv('"a"\n"b"\r\n')).toThrow();
    expect(() => parseCsv('"a"')).toThrow();
  });
});
