/**
 * Malformed division workbooks: each is refused with status 400 and a
 * Japanese message naming the sheet and cell (where there is one), every
 * problem of a file at once, and nothing is stored or changed.
 */
import ExcelJS from "exceljs";
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";
import { cycleId, INITIATIVE, LEAD, LG, loadPlans, openCycleAs, OTHER, person, reportRow, type Person } from "./cycle-support.ts";
import { col, download, edited, rowOf, upload, workbookPage, zipBomb } from "./workbook-support.ts";

describeEachDatabase("division workbook: malformed files", (ctx) => {
  let officer: Person;
  let good: Buffer;
  let otherDivisions: Buffer;
  let cycle = 0;

  beforeAll(async () => {
    await loadPlans(ctx.db);
    const secretariat = await person(ctx.db, ["secretariat"]);
    officer = await person(ctx.db, ["digital_officer"], { division: LEAD });
    const stranger = await person(ctx.db, ["digital_officer"], { division: OTHER });
    await openCycleAs(secretariat, 2022);
    cycle = await cycleId(ctx.db, LG, 2022);
    good = await download(officer, cycle);
    otherDivisions = await download(stranger, cycle);
  });

  const identityCell = (wb: ExcelJS.Workbook, key: string) => {
    const ws = wb.getWorksheet("識別情報")!;
    for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === key) return ws.getCell(r, 2);
    throw new Error(key);
  };

  /** Uploads and expects a 400 listing every expected line (sheet, cell, message as the table shows them). */
  const refused = async (bytes: Uint8Array, lines: string[]) => {
    const res = await upload(officer, cycle, bytes);
    expect(res.status).toBe(400);
    const text = visibleText(officer.browser.lastHtml);
    expect(text).toContain("入力内容を確認してください");
    for (const line of lines) expect(text).toContain(line);
    // Nothing kept, nothing changed.
    expect((await ctx.db.query<{ n: number }>("select count(*)::int as n from workbook_upload"))[0]!.n).toBe(0);
    expect(await reportRow(ctx.db, cycle, INITIATIVE)).toMatchObject({ lock_version: 1, self_grade: null });
  };

  it("refuses what is not an xlsx: a CSV renamed, an .xls, an empty file", async () => {
    await refused(Buffer.from("取組項目番号,自己評価\n6,A\n"), ["テキストファイル（CSVなど）です"]);
    await refused(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]), ["古い形式（Excel 97-2003 ブック .xls など）"]);
    const res = await upload(officer, cycle, new Uint8Array(0));
    expect(res.status).toBe(400);
    expect(visibleText(officer.browser.lastHtml)).toContain("アップロードするファイルを選んでください");
  });

  it("refuses a zip bomb from its declared sizes, without inflating it", async () => {
    await refused(zipBomb(40 * 1024 * 1024), ["圧縮爆弾の疑い"]);
  });

  it("refuses a file larger than the upload limit with 413, unread", async () => {
    const res = await upload(officer, cycle, Buffer.alloc(13 * 1024 * 1024, 1));
    expect(res.status).toBe(413);
    expect((await ctx.db.query<{ n: number }>("select count(*)::int as n from workbook_upload"))[0]!.n).toBe(0);
  });

  it("refuses renamed sheets and a missing identity sheet", async () => {
    await refused(await edited(good, (wb) => void (wb.getWorksheet("報告")!.name = "報告書")), ["報告—「報告」シートがありません"]);
    await refused(await edited(good, (wb) => wb.removeWorksheet(wb.getWorksheet("識別情報")!.id)), ["「識別情報」シート（非表示）がありません"]);
  });

  it("refuses another municipality's, another cycle's and another division's workbook, naming the identity cell", async () => {
    await refused(await edited(good, (wb) => void (identityCell(wb, "lg_code").value = "131016")), ["識別情報B3別の団体（団体コード 131016）のファイルです"]);
    await refused(await edited(good, (wb) => void (identityCell(wb, "cycle_id").value = cycle + 1000)), ["識別情報B4別の年度の評価のファイルです"]);
    await refused(otherDivisions, [`識別情報B6別の課（${OTHER}）のファイルです`]);
  });

  it("lists every problem of a file at once: a bad grade, text in a number cell, a bad date, a formula, a changed header", async () => {
    let at: Record<string, string> = {};
    const bytes = await edited(good, (wb) => {
      const reports = wb.getWorksheet("報告")!;
      const row = rowOf(reports, INITIATIVE);
      const grade = row.getCell(col(reports, "自己評価"));
      grade.value = "D";
      const issues = row.getCell(col(reports, "課題"));
      issues.value = { formula: "1+1", result: 2 } as ExcelJS.CellFormulaValue;
      const actuals = wb.getWorksheet("数値目標の実績")!;
      const kpi = rowOf(actuals, INITIATIVE);
      const value = kpi.getCell(col(actuals, "実績値"));
      value.value = "二十五件";
      const asOf = kpi.getCell(col(actuals, "時点"));
      asOf.value = "2023/2/30";
      kpi.getCell(col(actuals, "出典")).value = "調べ";
      actuals.getCell("F1").value = "累計か";
      at = { grade: grade.address, issues: issues.address, value: value.address, asOf: asOf.address };
    });
    await refused(bytes, [
      `報告${at.issues}数式は使えません`,
      `数値目標の実績F1見出しが「累計か」になっています（「累計」のはずです）`,
    ]);
    // With the header put back, the value problems are all listed together.
    const values = await edited(bytes, (wb) => void (wb.getWorksheet("数値目標の実績")!.getCell("F1").value = "累計"));
    await refused(values, [
      `報告${at.issues}数式は使えません`,
      `数値目標の実績${at.asOf}2023年2月30日という日付はありません`,
      `報告${at.grade}自己評価は S・A・B・C から選んでください（「D」は選べません）`,
      `数値目標の実績${at.value}「`,
      "の実績値は単位（基）を付けずに数値で入力してください",
    ]);
    expect(visibleText(officer.browser.lastHtml)).toMatch(/ファイルの問題（[4-9]件）/);
  });

  it("answers the page itself for the upload form (no problems shown)", async () => {
    const res = await officer.browser.get(workbookPage(cycle));
    expect(res.status).toBe(200);
    expect(officer.browser.lastHtml).toContain('enctype="multipart/form-data"');
  });
});
