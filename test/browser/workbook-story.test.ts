/**
 * A division officer works in Excel, on a phone-sized screen (390 px): from
 * the cycles page to 「Excelで入力」, downloads the division's workbook (the
 * test fills it, as a spreadsheet program would), first uploads a wrong file
 * and reads the problems, then uploads the filled workbook, reads the
 * preview and applies it. axe-core on each new page (the form, the form with
 * problems, the preview).
 */
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { beforeAll, expect, it } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { openCycle } from "../../src/modules/cycle/commands/open-cycle.ts";
import { findCurrentPlan, loadPlan } from "../../src/modules/plan/repository/plan-queries.ts";
import { findMunicipality } from "../../src/modules/tenancy/repository/municipality-queries.ts";
import { createStaff, type TestStaff } from "../support/accounts.ts";
import { describeInBrowser, expectNoAxeViolations } from "../support/browser.ts";

const LG = "362018";
const STAFF = `/${LG}/staff`;
const LEAD = "危機管理課";
const INITIATIVE = 6;

async function openYear(db: Database): Promise<void> {
  const municipality = (await findMunicipality(db, LG))!;
  const plan = (await loadPlan(db, (await findCurrentPlan(db, municipality.id))!.id))!;
  const opened = await openCycle(
    db,
    { municipality, actor: { userId: null, label: "テスト" }, ip: null },
    { plan, fiscalYear: 2022, deadlines: { reportDue: "2023-05-31", reviewDue: "2023-06-14", committeeDue: "2023-06-28" } },
  );
  if (!opened.ok) throw new Error(opened.message);
}

describeInBrowser(
  "division workbook: download, fill, upload, preview, apply at 390 px",
  (ctx) => {
    let officer: TestStaff;

    beforeAll(async () => {
      await openYear(ctx.db);
      const [d] = await ctx.db.query<{ id: number }>("select d.id from division d join municipality m on m.id = d.municipality_id where m.lg_code = $1 and d.name = $2", [LG, LEAD]);
      officer = await createStaff(ctx.db, { lgCode: LG, roles: ["digital_officer"], divisionId: d!.id, name: "危機 太郎" });
    });

    it("works through Excel from the cycles page to the applied report", async () => {
      const page = await ctx.newPage({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
      await page.goto(`${ctx.url}${STAFF}/sign-in`);
      await page.getByLabel("ログインID").fill(officer.loginId);
      await page.getByLabel("パスワード").fill(officer.password);
      await page.getByRole("button", { name: "サインイン" }).click();
      await page.waitForURL((url) => url.pathname === STAFF);
      await page.goto(`${ctx.url}${STAFF}/cycles`); // at 390 px the staff navigation is folded away

      await page.getByRole("region", { name: "評価サイクルの一覧" }).getByRole("link", { name: /^Excelで入力/ }).click();
      await page.getByRole("heading", { level: 1, name: "Excelで入力（令和4年度（2022年度））" }).waitFor();
      await expectNoAxeViolations(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390); // no sideways scrolling

      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /入力用ファイル（\.xlsx）をダウンロード/ }).click()]);
      expect(download.suggestedFilename()).toBe(`${LG}_2022_${LEAD}_自己評価.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await readFile((await download.path())!)) as never);

      // A wrong file first: the problems are listed, with where they are.
      await page.getByLabel(/入力したファイル/).setInputFiles({ name: "報告.csv", mimeType: "text/csv", buffer: Buffer.from("取組項目番号,自己評価\n6,A\n") });
      await page.getByRole("button", { name: "アップロードして確認する" }).click();
      await page.getByRole("heading", { name: "入力内容を確認してください" }).waitFor();
      await expect.poll(() => page.getByRole("table", { name: /ファイルの問題（1件）/ }).innerText()).toContain("テキストファイル（CSVなど）です");
      await expectNoAxeViolations(page);

      // The filled workbook.
      const reports = wb.getWorksheet("報告")!;
      const header = (ws: ExcelJS.Worksheet, name: string) => (ws.getRow(1).values as unknown[]).indexOf(name);
      const row = [...Array(reports.rowCount).keys()].map((i) => reports.getRow(i + 1)).find((r) => r.getCell(1).value === INITIATIVE)!;
      row.getCell(header(reports, "自己評価")).value = "A";
      row.getCell(header(reports, "評価の理由")).value = "予定した全拠点で整備を終えた。";
      const filled = Buffer.from(await wb.xlsx.writeBuffer());
      await page.getByLabel(/入力したファイル/).setInputFiles({ name: "危機管理課.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: filled });
      await page.getByRole("button", { name: "アップロードして確認する" }).click();
      await page.getByRole("heading", { level: 1, name: /^アップロードした内容の確認/ }).waitFor();
      await page.getByRole("table", { name: `取組項目 ${INITIATIVE} の項目ごとの違い` }).getByText("予定した全拠点で整備を終えた。").waitFor();
      await expectNoAxeViolations(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      await page.getByRole("button", { name: "反映する" }).click();
      await page.getByRole("status").filter({ hasText: "ファイルの内容を反映しました。" }).waitFor();
      const [saved] = await ctx.db.query<{ self_grade: string; grade_reasons: string }>(
        "select r.self_grade, r.grade_reasons from initiative_report r join initiative i on i.id = r.initiative_id where i.number = $1",
        [INITIATIVE],
      );
      expect(saved).toEqual({ self_grade: "A", grade_reasons: "予定した全拠点で整備を終えた。" });
    });
  },
  { seed: "tokushima" },
);
