/**
 * Issue #6, "done when", as two stories in Chromium:
 *
 * - A citizen on a phone finds the latest results from the top page, reads an
 *   initiative's KPI actuals against their targets, downloads the results as
 *   CSV and opens the year's PDF report (built in the background on the first
 *   request, never in it).
 * - The secretariat builds a draft report for the committee and follows its
 *   progress, publishes the year's finalised results after a preview that says
 *   how many of how many, and corrects a published result; the correction
 *   shows on the public page with its date and reason.
 *
 * FY2022 and FY2023 are published (like the demo's sample), FY2024 is open
 * with three reports finalised.
 */
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { openCycle } from "../../src/modules/cycle/commands/open-cycle.ts";
import { findCurrentPlan, loadPlan } from "../../src/modules/plan/repository/plan-queries.ts";
import { findMunicipality } from "../../src/modules/tenancy/repository/municipality-queries.ts";
import { createStaff, currentCode, type TestStaff } from "../support/accounts.ts";
import { describeInBrowser, expectNoAxeViolations, MOBILE, type BrowserTestContext } from "../support/browser.ts";
import { publishSampleYears } from "../support/published-results.ts";

const LG = "362018";
const STAFF = `/${LG}/staff`;
/** Finalised in FY2024, ready to publish. */
const FINALISED = [1, 6, 12];

async function setup(db: Database) {
  await publishSampleYears(db, LG, [2022, 2023]);
  const municipality = (await findMunicipality(db, LG))!;
  const plan = (await loadPlan(db, (await findCurrentPlan(db, municipality.id))!.id))!;
  const opened = await openCycle(
    db,
    { municipality, actor: { userId: null, label: "テスト" }, ip: null },
    { plan, fiscalYear: 2024, deadlines: { reportDue: "2025-05-31", reviewDue: "2025-06-14", committeeDue: "2025-06-28" } },
  );
  if (!opened.ok) throw new Error(opened.message);
  await db.query(
    `update initiative_report r set state = 'finalised', self_grade = 'A', grade_reasons = '【テスト】計画どおり実施しました。'
       from initiative i where i.id = r.initiative_id and r.cycle_id = $1 and i.number = any($2::int[])`,
    [opened.cycleId, FINALISED],
  );
}

async function signIn(ctx: BrowserTestContext, staff: TestStaff): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(`${ctx.url}${STAFF}/sign-in`);
  await page.getByLabel("ログインID").fill(staff.loginId);
  await page.getByLabel("パスワード").fill(staff.password);
  await page.getByRole("button", { name: "サインイン" }).click();
  await page.getByLabel("確認コード（6桁の数字）").fill(currentCode(staff.totpSecret!));
  await page.getByRole("button", { name: "確認" }).click();
  await page.waitForURL((url) => url.pathname === STAFF);
  return page;
}

describeInBrowser(
  "the year's results reach their readers",
  (ctx) => {
    it("a citizen on a phone finds the latest results, reads KPI actuals against targets, downloads the CSV and opens the PDF report", { timeout: 180_000 }, async () => {
      const page = await ctx.newPage(MOBILE);
      await page.goto(`${ctx.url}/${LG}`);
      await page.getByRole("link", { name: "令和5年度（2023年度）の評価結果" }).click();
      await page.getByRole("heading", { level: 1, name: /令和5年度（2023年度）/ }).waitFor();
      expect(await page.getByRole("main").innerText()).toContain("全37項目を公表");
      await expectNoAxeViolations(page);

      // Initiative 12's actual for 児童手当 against its FY2023 target (110件), as stored.
      const [stored] = await ctx.db.query<{ actual: string }>(
        `select a.actual_value::text as actual from report_kpi_actual a join kpi k on k.id = a.kpi_id
           join initiative_report r on r.id = a.report_id join evaluation_cycle c on c.id = r.cycle_id
           join initiative i on i.id = r.initiative_id
          where i.number = 12 and c.fiscal_year = 2023 and k.label like '%児童手当%'`,
      );
      await page.getByRole("table", { name: /令和5年度（2023年度）の評価結果/ }).getByRole("link", { name: "行政手続のオンライン化", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: /行政手続のオンライン化/ }).waitFor();
      const table = page.getByRole("table", { name: "令和5年度の数値目標の実績" });
      const row = table.getByRole("row").filter({ hasText: "児童手当" });
      const cells = await row.getByRole("cell").allInnerTexts();
      expect(cells.join("|")).toContain("110");
      expect(cells.join("|")).toContain(stored!.actual);
      await expectNoAxeViolations(page);

      // The results as CSV, from the year's page.
      await page.goBack();
      const csvHref = await page.getByRole("link", { name: "評価結果（CSV）" }).getAttribute("href");
      const csv = await page.request.get(new URL(csvHref!, ctx.url).toString());
      expect(csv.status()).toBe(200);
      expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
      const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
      expect(lines.filter((l) => l.includes(",2023,"))).toHaveLength(37);

      // The PDF: prepared in the background on the first request, then served.
      const pdfHref = new URL((await page.getByRole("link", { name: "取組状況報告書（PDF）" }).getAttribute("href"))!, ctx.url).toString();
      let pdf = await page.request.get(pdfHref);
      if (pdf.status() === 404) expect(await pdf.text()).toContain("準備中");
      for (let i = 0; i < 120 && pdf.status() !== 200; i++) {
        await new Promise((r) => setTimeout(r, 1000));
        pdf = await page.request.get(pdfHref);
      }
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      expect(Buffer.from(await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    });

    it("the secretariat builds the draft report, follows its progress, publishes after a preview and corrects a result", { timeout: 180_000 }, async () => {
      const staff = await createStaff(ctx.db, { lgCode: LG, roles: ["secretariat"], totp: true, name: "事務局 太郎" });
      const page = await signIn(ctx, staff);

      // ── the draft report (案) for the committee ──
      await page.getByRole("link", { name: "報告書（PDF）" }).click();
      const draftRow = page.getByRole("row").filter({ hasText: "令和6年度" }).filter({ hasText: "案" });
      await draftRow.getByRole("button", { name: /作成する/ }).click();
      expect(await page.getByRole("main").innerText()).toMatch(/作成中|待ち/);
      await expectNoAxeViolations(page);
      // The page refreshes itself while the build runs; the finished draft is offered for download.
      await draftRow.getByRole("link", { name: /PDFを開く/ }).waitFor({ timeout: 120_000 });
      const draftPdf = await page.request.get(new URL((await draftRow.getByRole("link", { name: /PDFを開く/ }).getAttribute("href"))!, ctx.url).toString());
      expect(draftPdf.headers()["content-type"]).toBe("application/pdf");

      // ── publication, after a preview of exactly what citizens will see ──
      await page.getByRole("link", { name: "自己評価（PDCA）" }).click();
      await page.getByRole("link", { name: /令和6年度/ }).first().click();
      await page.getByRole("link", { name: "公表する内容を確認する" }).click();
      const preview = await page.getByRole("main").innerText();
      expect(preview).toContain("37項目中3項目を公表します");
      await expectNoAxeViolations(page);
      await page.getByRole("button", { name: "3項目を公表する" }).click();
      await page.getByRole("status").waitFor();

      // ── a correction of a published result, with its reason ──
      await page.getByRole("row", { name: /12 行政手続のオンライン化/ }).getByRole("link", { name: /^訂正/ }).click();
      await page.getByRole("group", { name: /評価/ }).getByLabel(/^B/).check();
      await page.getByLabel("課題").fill("【テスト】受付件数の集計に誤りがありました。");
      await page.getByLabel("改善策").fill("【テスト】集計の手順を見直します。");
      await page.getByLabel("訂正の理由").fill("集計の誤りを訂正しました。");
      await page.getByRole("button", { name: "訂正する" }).click();
      await page.getByRole("status").waitFor();

      const citizen = await ctx.newPage(MOBILE);
      await citizen.goto(`${ctx.url}/${LG}/initiatives/12`);
      const text = await citizen.getByRole("main").innerText();
      expect(text).toMatch(/訂正（令和\d+年\d+月\d+日）/);
      expect(text).toContain("集計の誤りを訂正しました。");
      expect(text).toContain("訂正前：A");
    });
  },
  { seed: "tokushima", setup, jobs: true },
);
