/**
 * The plan workbook page in Chromium, as the secretariat: the page, and the
 * page again with a refused upload's problem table, checked with axe-core on
 * the desktop and 390 px wide, and usable by keyboard (the error summary's
 * link leads to the problems).
 */
import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { createStaff, currentCode } from "../support/accounts.ts";
import { describeInBrowser, expectNoAxeViolations } from "../support/browser.ts";

describeInBrowser(
  "the plan workbook page in the browser",
  (ctx) => {
    let page: Page;

    beforeAll(async () => {
      const staff = await createStaff(ctx.db, { lgCode: "362018", roles: ["secretariat"], totp: true });
      page = await ctx.newPage();
      await page.goto(`${ctx.url}/362018/staff/plan`);
      await page.getByLabel("ログインID").fill(staff.loginId);
      await page.getByLabel("パスワード").fill(staff.password);
      await page.getByRole("button", { name: "サインイン" }).click();
      await page.getByLabel("確認コード（6桁の数字）").fill(currentCode(staff.totpSecret!));
      await page.getByRole("button", { name: "確認" }).click();
      await page.waitForURL(/\/staff\/plan$/);
      await page.getByRole("button", { name: "下書きを作成" }).click();
      await page.waitForURL(/\/drafts\/\d+\?notice=started$/);
    });

    it("leads from the draft to the workbook page, which has no violations", async () => {
      await page.getByRole("link", { name: /Excel のブックでまとめて編集/ }).click();
      await page.waitForURL(/\/workbook$/);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("計画のブック（Excel）で編集");
      const download = page.getByRole("link", { name: /ブック（\.xlsx）をダウンロード/ });
      expect(await download.getAttribute("href")).toMatch(/\/workbook\.xlsx$/);
      await expectNoAxeViolations(page);
      if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/plan-workbook-1366.png`, fullPage: true });
    });

    it("shows a refused upload's problems in a table reached from the error summary, at 390 px too", async () => {
      await page.getByLabel("編集したブック（.xlsx）").setInputFiles({ name: "plan.csv", mimeType: "text/csv", buffer: Buffer.from("取組項目番号,指標\n6,防災\n") });
      await page.getByRole("button", { name: "ブックを取り込む" }).click();
      await page.waitForLoadState();
      expect(await page.title()).toMatch(/^エラー: /);
      const table = page.getByRole("table", { name: /plan\.csv」の問題 1件/ });
      expect(await table.innerText()).toContain("テキストファイル（CSVなど）です");
      await expectNoAxeViolations(page);
      await page.getByRole("alert").getByRole("link").first().press("Enter");
      expect(await page.evaluate(() => location.hash)).toBe("#workbook-problems");
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await expectNoAxeViolations(page);
      if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/plan-workbook-390.png`, fullPage: true });
    });
  },
  { seed: "tokushima" },
);
