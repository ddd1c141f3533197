/**
 * The secretariat's audit pages in Chromium with axe-core, zero violations
 * allowed: the audit log, the log with a filter error, and an initiative's
 * history; the filter form is used the way a person uses it.
 */
import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { createStaff, currentCode, type TestStaff } from "../support/accounts.ts";
import { describeInBrowser, expectNoAxeViolations } from "../support/browser.ts";

describeInBrowser(
  "audit pages in the browser",
  (ctx) => {
    let staff: TestStaff;
    let page: Page;

    beforeAll(async () => {
      staff = await createStaff(ctx.db, { lgCode: "362018", roles: ["secretariat"], totp: true });
      page = await ctx.newPage();
      await page.goto(`${ctx.url}/362018/staff/audit`);
      await page.getByLabel("ログインID").fill(staff.loginId);
      await page.getByLabel("パスワード").fill(staff.password);
      await page.getByRole("button", { name: "サインイン" }).click();
      await page.getByLabel("確認コード（6桁の数字）").fill(currentCode(staff.totpSecret!));
      await page.getByRole("button", { name: "確認" }).click();
      await page.waitForURL(/\/staff\/audit$/);
    });

    it("shows the audit log without violations, and filters it by action", async () => {
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("監査ログ");
      await expectNoAxeViolations(page);
      await page.getByLabel("操作").selectOption("auth.sign_in");
      await page.getByRole("button", { name: "絞り込む" }).click();
      await page.waitForURL(/action=auth\.sign_in/);
      const rows = page.getByRole("region", { name: "監査ログの記録" }).getByRole("row");
      expect(await rows.count()).toBe(2); // the header and the sign-in
      await expectNoAxeViolations(page);
    });

    it("leads from the log to the CSV's codebook, which has no violations", async () => {
      await page.goto(`${ctx.url}/362018/staff/audit`);
      await page.getByRole("link", { name: "CSVのコードブック（列とコードの意味）" }).click();
      await page.waitForURL(/\/staff\/audit\/codebook$/);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("監査ログCSVのコードブック");
      const states = page.getByRole("table", { name: "報告の状態のコード" });
      expect(await states.getByRole("row", { name: /head_approved/ }).innerText()).toContain("課長承認済み");
      await expectNoAxeViolations(page);
    });

    it("shows a filter error at its field without violations", async () => {
      await page.goto(`${ctx.url}/362018/staff/audit?from=2025-04-02&to=2025-04-01`);
      expect(await page.title()).toMatch(/^エラー: 監査ログ/);
      expect(await page.getByRole("alert").innerText()).toContain("終了日は開始日と同じか、それより後の日付にしてください");
      await expectNoAxeViolations(page);
    });

    it("shows an initiative's history without violations", async () => {
      await page.goto(`${ctx.url}/362018/staff/initiatives/12/history`);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("取組項目12 行政手続のオンライン化の履歴");
      await expectNoAxeViolations(page);
    });
  },
  { seed: "tokushima" },
);
