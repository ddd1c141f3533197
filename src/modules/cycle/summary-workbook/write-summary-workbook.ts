/**
 * The 集計表 as an .xlsx file through the shared spreadsheet writer: the
 * cover and notes first, then one locked table per sheet (the committee
 * reads it; nothing in it is uploaded back). Decimals are written as the
 * numbers they are; "no value" stays an empty cell.
 */
import { WorkbookBuilder, type CellValue } from "../../../core/spreadsheet/write.ts";
import { decimalToCell } from "../../plan/workbook/decimal-cell.ts";
import { SHEET_NAMES, type SummaryCell, type SummaryWorkbook } from "./summary-sheets.ts";

export async function writeSummaryWorkbook(workbook: SummaryWorkbook, municipalityName: string): Promise<Buffer> {
  const builder = new WorkbookBuilder({ creator: municipalityName, title: workbook.title }).textSheet(SHEET_NAMES.cover, workbook.title, [
    { text: workbook.title, heading: true },
    ...workbook.cover.map((note) => ({ text: `${note.label}：${note.text}` })),
  ]);
  for (const sheet of workbook.sheets) {
    const keys = sheet.columns.map((_, i) => `c${i}`);
    builder.dataSheet({
      name: sheet.name,
      printTitle: `${workbook.title}（${sheet.name}）`,
      columns: sheet.columns.map((c, i) => ({ key: keys[i]!, header: c.header, width: c.width, numberFormat: c.numberFormat, wrap: c.width >= 30 })),
      rows: sheet.rows.map((row) => Object.fromEntries(row.map((cell, i) => [keys[i]!, cellValue(cell)]))),
    });
  }
  return builder.toBuffer();
}

function cellValue(cell: SummaryCell): CellValue {
  if (cell === null || typeof cell === "string" || typeof cell === "number") return cell;
  if ("percent" in cell) return cell.percent;
  const written = decimalToCell(cell.decimal);
  return "value" in written ? written.value : written.text;
}
