/**
 * Writing workbooks people fill in and the system reads back. The library
 * (exceljs, decision 023) stays inside src/core/spreadsheet/: callers describe
 * sheets as columns and rows, and get bytes.
 *
 * A data sheet is one table (machine-readability rules: header on row 1, one
 * value per cell, no merged cells, no blank rows or columns inside it).
 * Columns are either pre-filled (locked, greyed) or input (unlocked, white);
 * the sheet is protected without a password, so locked cells are not
 * changed by accident. That is a convenience, not security: anyone can lift
 * it, and the upload checks every cell it reads against the system anyway.
 *
 * Validations (dropdowns, numbers, dates) cover the table's rows and a
 * bounded margin, never a whole column: a validation over B2:B1048576 is
 * expanded cell by cell by some readers (decision 023).
 *
 * Text is always written as a string cell, never as a formula, so
 * "=HYPERLINK(…)" typed into the system stays text in the file; numbers stay
 * numbers. exceljs 4.4.0 cannot write the quotePrefix style that would keep
 * Excel from turning such text into a formula when someone re-edits the
 * cell; the upload therefore refuses any formula, naming its cell.
 */
import ExcelJS from "exceljs";

export type CellValue = string | number | boolean | Date | null;

export type ColumnSpec = {
  key: string;
  header: string;
  /** In characters (Japanese characters count about two). */
  width: number;
  /** An input column: unlocked and white; otherwise pre-filled, locked and grey. */
  input?: boolean;
  /** What the input column takes, for its validation. */
  accepts?: { list: readonly string[] } | { decimal: { min?: number; max?: number } } | { date: { from: Date; to: Date } } | "text";
  /** Shown when the cell is selected (Excel's input message). */
  prompt?: string;
  wrap?: boolean;
  /** Number format for numbers/dates written here, e.g. "yyyy-mm-dd". */
  numberFormat?: string;
};

export type DataSheetSpec = {
  name: string;
  /** Printed in the page header (A4 landscape; row 1 repeated on every page). */
  printTitle: string;
  columns: readonly ColumnSpec[];
  rows: readonly Record<string, CellValue>[];
  /** Extra empty input rows below the data that still carry the validations (0 when rows are fixed). */
  spareRows?: number;
};

export type TextLine = { text: string; heading?: boolean };

/** Greys and borders from the Digital Agency's palette (grey 50 / 420). */
const LOCKED_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } };
const INPUT_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFFFF" } };
const THIN = { style: "thin" as const, color: { argb: "FF949494" } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Options for protect(): locked cells cannot be selected into edit, columns may still be widened. */
const PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
  sort: false,
  autoFilter: false,
};

export class WorkbookBuilder {
  private readonly workbook = new ExcelJS.Workbook();

  constructor(meta: { creator: string; title: string }) {
    this.workbook.creator = meta.creator;
    this.workbook.title = meta.title;
    this.workbook.created = new Date(0); // the same data gives the same bytes of XML (no timestamp)
    this.workbook.modified = new Date(0);
  }

  /** A sheet of prose (instructions): column A only, wrapped, protected. */
  textSheet(name: string, printTitle: string, lines: readonly TextLine[]): this {
    const ws = this.workbook.addWorksheet(name, { pageSetup: pageSetup(), headerFooter: headerFooter(printTitle) });
    ws.getColumn(1).width = 110;
    lines.forEach((line, i) => {
      const cell = ws.getCell(i + 1, 1);
      cell.value = line.text;
      cell.alignment = { wrapText: true, vertical: "top" };
      if (line.heading) cell.font = { bold: true, size: 13 };
    });
    void ws.protect("", PROTECTION);
    return this;
  }

  dataSheet(spec: DataSheetSpec): this {
    const ws = this.workbook.addWorksheet(spec.name, {
      views: [{ state: "frozen", ySplit: 1, xSplit: 0 }],
      pageSetup: { ...pageSetup(), printTitlesRow: "1:1" },
      headerFooter: headerFooter(spec.printTitle),
    });
    ws.columns = spec.columns.map((c) => ({ key: c.key, width: c.width }));
    const header = ws.getRow(1);
    spec.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = BORDER;
      cell.alignment = { wrapText: true, vertical: "middle" };
      cell.protection = { locked: true };
    });
    const lastRow = 1 + spec.rows.length + (spec.spareRows ?? 0);
    for (let r = 2; r <= lastRow; r++) {
      const values = spec.rows[r - 2];
      const row = ws.getRow(r);
      spec.columns.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        const value = values?.[c.key] ?? null;
        if (value !== null) cell.value = value;
        cell.border = BORDER;
        cell.fill = c.input ? INPUT_FILL : LOCKED_FILL;
        cell.protection = { locked: !c.input };
        cell.alignment = { wrapText: c.wrap ?? false, vertical: "top" };
        if (c.numberFormat) cell.numFmt = c.numberFormat;
      });
    }
    spec.columns.forEach((c, i) => {
      if (!c.input || lastRow < 2) return;
      const validation = validationFor(c);
      if (!validation) return;
      // Bounded: the table's rows (and spare rows), one cell at a time, never the whole column.
      for (let r = 2; r <= lastRow; r++) ws.getCell(r, i + 1).dataValidation = validation;
    });
    void ws.protect("", PROTECTION);
    return this;
  }

  /**
   * A very hidden sheet of key/value pairs the upload reads back (which
   * municipality, cycle, division, format version…). Hidden to keep it out
   * of the way, protected so it is not changed by accident; not a secret.
   */
  hiddenSheet(name: string, pairs: readonly (readonly [string, CellValue])[]): this {
    const ws = this.workbook.addWorksheet(name, { state: "veryHidden" });
    ws.columns = [{ width: 30 }, { width: 40 }];
    pairs.forEach(([key, value], i) => {
      ws.getCell(i + 1, 1).value = key;
      if (value !== null) ws.getCell(i + 1, 2).value = value;
    });
    void ws.protect("", PROTECTION);
    return this;
  }

  async toBuffer(): Promise<Buffer> {
    return Buffer.from(await this.workbook.xlsx.writeBuffer());
  }
}

function validationFor(c: ColumnSpec): ExcelJS.DataValidation | undefined {
  const prompt = c.prompt ? { showInputMessage: true, promptTitle: c.header.slice(0, 32), prompt: c.prompt.slice(0, 255) } : {};
  const accepts = c.accepts;
  if (!accepts || accepts === "text") return undefined;
  if ("list" in accepts) {
    return {
      type: "list",
      allowBlank: true,
      formulae: [`"${accepts.list.join(",")}"`],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: "入力できない値です",
      error: `${accepts.list.join("・")} から選んでください`,
      ...prompt,
    };
  }
  if ("decimal" in accepts) {
    const { min = 0, max = 999_999_999_999 } = accepts.decimal;
    return {
      type: "decimal",
      operator: "between",
      allowBlank: true,
      formulae: [min, max],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: "数値を入力してください",
      error: "単位を付けずに数値で入力してください（例: 1234.5）",
      ...prompt,
    };
  }
  return {
    type: "date",
    operator: "between",
    allowBlank: true,
    formulae: [accepts.date.from, accepts.date.to],
    showErrorMessage: true,
    // A warning, not a stop: a date typed as text (令和7年3月31日) is accepted by the upload.
    errorStyle: "warning",
    errorTitle: "日付を確認してください",
    error: "2025/3/31 のように日付で入力してください",
    ...prompt,
  };
}

const pageSetup = (): Partial<ExcelJS.PageSetup> => ({
  paperSize: 9, // A4
  orientation: "landscape",
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  margins: { left: 0.5, right: 0.5, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
});

/** Excel's header/footer codes: &P page, &N pages; & in the title doubled. */
const headerFooter = (title: string): Partial<ExcelJS.HeaderFooter> => ({
  oddHeader: `&L${title.replace(/&/g, "&&")}`,
  oddFooter: "&C&P / &N",
});
