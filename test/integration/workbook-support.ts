/**
 * Helpers for the division workbook tests: download as a signed-in person,
 * fill cells the way a person would (exceljs, in the test only), upload as
 * multipart with the page's CSRF token, and build malformed files.
 */
import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { expect } from "vitest";
import { STAFF, type Person } from "./cycle-support.ts";

export const workbookPage = (cycle: number) => `${STAFF}/cycles/${cycle}/workbook`;

export async function download(who: Person, cycle: number): Promise<Buffer> {
  const res = await who.browser.get(`${workbookPage(cycle)}/download`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  return Buffer.from(await res.arrayBuffer());
}

/** Posts the file from the workbook page (its CSRF token), as a browser's file input would. */
export async function upload(who: Person, cycle: number, bytes: Uint8Array, name = "入力済み.xlsx"): Promise<Response> {
  await who.browser.get(workbookPage(cycle));
  const form = new FormData();
  form.set("_csrf", who.browser.csrfToken()!);
  form.set("workbook", new File([new Uint8Array(bytes)], name, { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  return who.browser.request(workbookPage(cycle), { method: "POST", body: form });
}

/** Opens the workbook, lets `edit` change it, and writes it again. */
export async function edited(bytes: Uint8Array, edit: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  edit(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The row of a data sheet whose column A holds the initiative number (and column B the KPI key, if given). */
export function rowOf(ws: ExcelJS.Worksheet, number: number, kpiKey?: string): ExcelJS.Row {
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (row.getCell(1).value === number && (kpiKey === undefined || row.getCell(2).value === kpiKey)) return row;
  }
  throw new Error(`no row for ${number} ${kpiKey ?? ""} in ${ws.name}`);
}

/** Column numbers of the reports sheet and the actuals sheet, by header. */
export function col(ws: ExcelJS.Worksheet, header: string): number {
  for (let c = 1; c <= ws.columnCount; c++) if (ws.getRow(1).getCell(c).value === header) return c;
  throw new Error(`no column ${header} in ${ws.name}`);
}

/** A zip with one stored-deflated entry of `size` zero bytes: tiny on disk, huge when inflated. */
export function zipBomb(size: number): Buffer {
  const data = deflateRawSync(Buffer.alloc(size));
  const name = Buffer.from("xl/worksheets/sheet1.xml");
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const directoryOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}
