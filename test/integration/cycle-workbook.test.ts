/**
 * The division workbook (issue #7 §1): export → fill → upload → preview →
 * apply → export again gives the same data; the same file twice changes
 * nothing; a report saved after the download is a conflict the user settles
 * per report; reports the user may not edit now are listed and untouched;
 * every change is audited with the file's SHA-256; access per role and
 * municipality.
 */
import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";
import { CO, cycleId, INITIATIVE, LEAD, LG, loadPlans, lockVersionOf, openCycleAs, OTHER_LG, person, reportRow, STAFF, type Person } from "./cycle-support.ts";
import { col, download, edited, rowOf, upload, workbookPage } from "./workbook-support.ts";

const load = async (bytes: Uint8Array) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  return wb;
};

describeEachDatabase("division workbook: round trip", (ctx) => {
  let officer: Person;
  let head: Person;
  let colleague: Person;
  let coOfficer: Person;
  let cycle = 0;
  let reportPage = "";

  beforeAll(async () => {
    await loadPlans(ctx.db);
    const secretariat = await person(ctx.db, ["secretariat"]);
    officer = await person(ctx.db, ["digital_officer"], { division: LEAD, name: "危機 太郎" });
    colleague = await person(ctx.db, ["digital_officer"], { division: LEAD, name: "危機 花子" });
    head = await person(ctx.db, ["division_head"], { division: LEAD, name: "危機 課長" });
    coOfficer = await person(ctx.db, ["digital_officer"], { division: CO });
    await openCycleAs(secretariat, 2022);
    cycle = await cycleId(ctx.db, LG, 2022);
    reportPage = `${STAFF}/cycles/${cycle}/initiatives/${INITIATIVE}`;
  });

  const fill = (bytes: Uint8Array, values: { grade?: string; reasons?: string; actual?: unknown; asOf?: unknown; source?: string } = {}) =>
    edited(bytes, (wb) => {
      const reports = wb.getWorksheet("報告")!;
      const row = rowOf(reports, INITIATIVE);
      row.getCell(col(reports, "当年度の取組計画")).value = "防災拠点の通信手段を整備する。\n第2段階として訓練を行う。";
      row.getCell(col(reports, "目標の確認")).value = "はい";
      row.getCell(col(reports, "自己評価")).value = values.grade ?? "B";
      row.getCell(col(reports, "評価の理由")).value = values.reasons ?? "=一部の拠点で未整備のため"; // text that looks like a formula stays text
      row.getCell(col(reports, "課題")).value = "拠点間の調整";
      row.getCell(col(reports, "改善策")).value = "調整会議を設ける";
      const actuals = wb.getWorksheet("数値目標の実績")!;
      const kpi = rowOf(actuals, INITIATIVE);
      kpi.getCell(col(actuals, "実績値")).value = (values.actual ?? 25.5) as ExcelJS.CellValue;
      kpi.getCell(col(actuals, "時点")).value = (values.asOf ?? "令和5年3月31日") as ExcelJS.CellValue;
      kpi.getCell(col(actuals, "出典")).value = values.source ?? "危機管理課調べ";
    });

  const uploadIdOf = (res: Response) => Number(/\/uploads\/(\d+)$/.exec(res.headers.get("location") ?? "")?.[1]);

  it("writes the division's reports with locked plan data, unlocked inputs, dropdowns, validation, print titles and a hidden identity sheet", async () => {
    const wb = await load(await download(officer, cycle));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["説明", "報告", "数値目標の実績", "識別情報"]);
    expect(wb.getWorksheet("識別情報")!.state).toBe("veryHidden");
    const reports = wb.getWorksheet("報告")!;
    expect(reports.getRow(1).getCell(1).value).toBe("取組項目番号");
    const row = rowOf(reports, INITIATIVE);
    expect(row.getCell(col(reports, "取組項目")).protection?.locked ?? true).toBe(true); // locked is the default
    expect(row.getCell(col(reports, "自己評価")).protection?.locked).toBe(false);
    expect(row.getCell(col(reports, "自己評価")).dataValidation).toMatchObject({ type: "list", formulae: ['"S,A,B,C"'] });
    expect(reports.hasMerges).toBe(false);
    expect(reports.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, printTitlesRow: "1:1" });
    const actuals = wb.getWorksheet("数値目標の実績")!;
    const kpi = rowOf(actuals, INITIATIVE);
    expect(kpi.getCell(col(actuals, "当年度の目標値")).value).toBe(27); // a number, not text
    expect(kpi.getCell(col(actuals, "実績値")).value).toBeNull(); // not reported: blank, never 0
    expect(kpi.getCell(col(actuals, "実績値")).dataValidation).toMatchObject({ type: "decimal" });
    expect(kpi.getCell(col(actuals, "時点")).dataValidation).toMatchObject({ type: "date" });
    // Bounded validations: the cell below the last spare row has none.
    expect(actuals.getCell(actuals.rowCount + 1, col(actuals, "実績値")).dataValidation).toBeUndefined();
    const identity = wb.getWorksheet("識別情報")!;
    const pairs = new Map<string, unknown>();
    identity.eachRow((r) => void pairs.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(pairs.get("lg_code")).toBe(LG);
    expect(pairs.get("cycle_id")).toBe(cycle);
    expect(pairs.get("fiscal_year")).toBe(2022);
    expect(pairs.get(`report.${INITIATIVE}.lock_version`)).toBe(1);
  });

  it("uploads, previews without changing anything, applies in one go with audit records naming the file's SHA-256, and exports the same data again", async () => {
    const filled = await fill(await download(officer, cycle));
    const res = await upload(officer, cycle, filled);
    expect(res.status).toBe(303);
    const uploadId = uploadIdOf(res);
    expect((await reportRow(ctx.db, cycle, INITIATIVE)).lock_version).toBe(1); // nothing applied by the upload itself

    await officer.browser.get(`${workbookPage(cycle)}/uploads/${uploadId}`);
    const preview = visibleText(officer.browser.lastHtml);
    expect(preview).toContain("変更 1件、競合 0件、変更できない報告 0件");
    expect(preview).toContain("自己評価（空欄）B");
    expect(preview).toContain("実績: ");
    expect(preview).toContain("未報告25.5基（2023-03-31、危機管理課調べ）"); // not reported before; the value with its unit
    expect(preview).toContain(createHash("sha256").update(filled).digest("hex"));

    const applied = await officer.browser.post(`${workbookPage(cycle)}/uploads/${uploadId}/apply`, {});
    expect(applied.status).toBe(303);
    const row = await reportRow(ctx.db, cycle, INITIATIVE);
    expect(row).toMatchObject({ self_grade: "B", issues: "拠点間の調整", lock_version: 2 });
    const [stored] = await ctx.db.query<{ grade_reasons: string; plan_text: string }>("select grade_reasons, plan_text from initiative_report where id = $1", [row.id]);
    expect(stored!.grade_reasons).toBe("=一部の拠点で未整備のため");
    expect(stored!.plan_text).toBe("防災拠点の通信手段を整備する。\n第2段階として訓練を行う。");
    const [actual] = await ctx.db.query<{ v: string; as_of: string; source: string }>(
      "select actual_value::text as v, as_of::text as as_of, source from report_kpi_actual where report_id = $1",
      [row.id],
    );
    expect(actual).toEqual({ v: "25.5", as_of: "2023-03-31", source: "危機管理課調べ" });
    const audits = await ctx.db.query<{ action: string; after: { sha256?: string; applied?: number[] } }>(
      "select action, after from audit_log where action in ('workbook.upload', 'workbook.apply', 'report.save') order by id",
    );
    expect(audits.map((a) => a.action)).toEqual(["workbook.upload", "report.save", "workbook.apply"]);
    expect(audits[2]!.after).toMatchObject({ sha256: createHash("sha256").update(filled).digest("hex"), applied: [INITIATIVE] });

    // Export again: the same data in the same cells.
    const again = await load(await download(officer, cycle));
    const reports = again.getWorksheet("報告")!;
    const r = rowOf(reports, INITIATIVE);
    expect(r.getCell(col(reports, "自己評価")).value).toBe("B");
    expect(r.getCell(col(reports, "目標の確認")).value).toBe("はい");
    expect(r.getCell(col(reports, "評価の理由")).value).toBe("=一部の拠点で未整備のため");
    const actuals = again.getWorksheet("数値目標の実績")!;
    const k = rowOf(actuals, INITIATIVE);
    expect(k.getCell(col(actuals, "実績値")).value).toBe(25.5);
    expect(k.getCell(col(actuals, "時点")).value).toEqual(new Date("2023-03-31T00:00:00Z"));
    expect(k.getCell(col(actuals, "出典")).value).toBe("危機管理課調べ");
  });

  it("changes nothing when the same file is uploaded twice, or the same upload applied twice", async () => {
    const filled = await fill(await download(officer, cycle));
    const first = await upload(officer, cycle, filled);
    await officer.browser.get(first.headers.get("location")!);
    expect(visibleText(officer.browser.lastHtml)).toContain("変更 0件、競合 0件、変更できない報告 0件");
    expect(officer.browser.lastHtml).toContain("反映する変更はありません");
    const before = await reportRow(ctx.db, cycle, INITIATIVE);
    const audits = async () => (await ctx.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'report.save'"))[0]!.n;
    const saves = await audits();
    expect((await officer.browser.post(`${first.headers.get("location")}/apply`, {})).status).toBe(303);
    expect(await reportRow(ctx.db, cycle, INITIATIVE)).toEqual(before);
    expect(await audits()).toBe(saves);
    // The same upload once more: refused, nothing written.
    await officer.browser.get(first.headers.get("location")!);
    const twice = await officer.browser.post(`${first.headers.get("location")}/apply`, {});
    expect(twice.status).toBe(400);
    expect(await reportRow(ctx.db, cycle, INITIATIVE)).toEqual(before);
  });

  it("shows a report saved after the download as a conflict; the user keeps the system's or the workbook's", async () => {
    const downloaded = await download(officer, cycle);
    // A colleague saves the report in the system after the download.
    await colleague.browser.get(reportPage);
    const kpi = /name="kpi-(\d+)-actual"/.exec(colleague.browser.lastHtml)![1]!;
    const saved = await colleague.browser.post(`${reportPage}/save`, {
      lockVersion: lockVersionOf(colleague.browser.lastHtml),
      planText: "同僚が画面で保存した計画",
      selfGrade: "A",
      gradeReasons: "概ね達成",
      targetsConfirmed: "1",
      [`kpi-${kpi}-actual`]: "25.5",
      [`kpi-${kpi}-as-of`]: "2023-03-31",
      [`kpi-${kpi}-source`]: "危機管理課調べ",
    });
    expect(saved.status).toBe(303);
    const systemVersion = (await reportRow(ctx.db, cycle, INITIATIVE)).lock_version;
    const filled = await fill(downloaded, { grade: "C", reasons: "ファイルの理由" });

    const res = await upload(officer, cycle, filled);
    const at = res.headers.get("location")!;
    await officer.browser.get(at);
    expect(visibleText(officer.browser.lastHtml)).toContain("変更 0件、競合 1件");
    expect(visibleText(officer.browser.lastHtml)).toMatch(/ダウンロードの後に、危機 花子（[^）]+）がシステムでこの報告を保存しています/);

    // No choice: 400, the question is asked again, nothing written.
    const unanswered = await officer.browser.post(`${at}/apply`, {});
    expect(unanswered.status).toBe(400);
    expect(officer.browser.lastHtml).toContain(`<a href="#choice-${INITIATIVE}-0">取組項目 ${INITIATIVE} で、システムの内容とファイルの内容のどちらを残すか選んでください</a>`);
    expect((await reportRow(ctx.db, cycle, INITIATIVE)).lock_version).toBe(systemVersion);

    // Keep the system's: the upload is applied, this report untouched.
    expect((await officer.browser.post(`${at}/apply`, { [`choice-${INITIATIVE}`]: "system" })).status).toBe(303);
    expect(await reportRow(ctx.db, cycle, INITIATIVE)).toMatchObject({ self_grade: "A", lock_version: systemVersion });

    // The same file again, now keeping the workbook's.
    const second = await upload(officer, cycle, filled);
    await officer.browser.get(second.headers.get("location")!);
    expect((await officer.browser.post(`${second.headers.get("location")}/apply`, { [`choice-${INITIATIVE}`]: "workbook" })).status).toBe(303);
    expect(await reportRow(ctx.db, cycle, INITIATIVE)).toMatchObject({ self_grade: "C", lock_version: systemVersion + 1 });
  });

  it("lists reports the user may not edit now (approved by the head) and leaves them untouched", async () => {
    const downloaded = await download(officer, cycle);
    await head.browser.get(reportPage);
    const approved = await head.browser.post(`${reportPage}/transition`, { action: "approve", comment: "", lockVersion: lockVersionOf(head.browser.lastHtml) });
    expect(approved.status).toBe(303);
    const before = await reportRow(ctx.db, cycle, INITIATIVE);
    const res = await upload(officer, cycle, await fill(downloaded, { grade: "S", reasons: "承認後の変更" }));
    await officer.browser.get(res.headers.get("location")!);
    const text = visibleText(officer.browser.lastHtml);
    expect(text).toContain("変更できない報告（1件、反映しません）");
    expect(text).toContain("この報告は「課長承認済み」のため、いまは変更できません");
    expect(officer.browser.lastHtml).not.toContain(">反映する</button>");
    await officer.browser.post(`${res.headers.get("location")}/apply`, {});
    expect(await reportRow(ctx.db, cycle, INITIATIVE)).toEqual(before);
    // Its input cells are locked in a new download.
    const wb = await load(await download(officer, cycle));
    const reports = wb.getWorksheet("報告")!;
    expect(rowOf(reports, INITIATIVE).getCell(col(reports, "自己評価")).protection?.locked ?? true).toBe(true);
    // The co-responsible division reads only its contribution column, which is unlocked for it while the report is a draft; now not.
    const co = await load(await download(coOfficer, cycle));
    const coReports = co.getWorksheet("報告")!;
    expect(rowOf(coReports, INITIATIVE).getCell(col(coReports, "担当")).value).toBe("関係課");
    expect(rowOf(coReports, INITIATIVE).getCell(col(coReports, "関係課の取組")).protection?.locked ?? true).toBe(true);
  });

  describe("access", () => {
    it("refuses roles without division reports, another user's upload and another municipality's cycle", async () => {
      const viewer = await person(ctx.db, ["viewer"]);
      expect((await viewer.browser.get(workbookPage(cycle))).status).toBe(403);
      expect((await viewer.browser.get(`${workbookPage(cycle)}/download`)).status).toBe(403);
      const res = await upload(officer, cycle, await download(officer, cycle));
      const at = res.headers.get("location")!;
      expect((await colleague.browser.get(at)).status).toBe(404);
      const foreign = await person(ctx.db, ["digital_officer"], { division: LEAD, lgCode: OTHER_LG });
      expect((await foreign.browser.get(`/${OTHER_LG}/staff/cycles/${cycle}/workbook`)).status).toBe(404);
    });

    it("links 「Excelで入力」 from the cycles page for division staff", async () => {
      await officer.browser.get(`${STAFF}/cycles`);
      expect(officer.browser.lastHtml).toContain(`href="${workbookPage(cycle)}"`);
    });
  });
});
