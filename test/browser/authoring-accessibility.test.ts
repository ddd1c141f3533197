/**
 * The secretariat's story in Chromium: sign in with the second factor, open
 * initiative 12 of a draft, type a target with a unit, be told at the field,
 * fix it, preview and publish — with axe-core on each authoring and
 * organisation page on the way, zero violations allowed.
 */
import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { createStaff, currentCode, type TestStaff } from "../support/accounts.ts";
import { describeInBrowser, expectNoAxeViolations } from "../support/browser.ts";

describeInBrowser(
  "plan authoring in the browser",
  (ctx) => {
    let staff: TestStaff;
    let page: Page;

    beforeAll(async () => {
      staff = await createStaff(ctx.db, { lgCode: "362018", roles: ["secretariat"], totp: true });
      page = await ctx.newPage();
      await page.goto(`${ctx.url}/362018/staff/plan`);
      await page.getByLabel("ログインID").fill(staff.loginId);
      await page.getByLabel("パスワード").fill(staff.password);
      await page.getByRole("button", { name: "サインイン" }).click();
      await page.getByLabel("確認コード（6桁の数字）").fill(currentCode(staff.totpSecret!));
      await page.getByRole("button", { name: "確認" }).click();
      await page.waitForURL(/\/staff\/plan$/);
    });

    it("has no violations on the overview, and starts a draft", async () => {
      await expectNoAxeViolations(page);
      await page.getByRole("button", { name: "下書きを作成" }).click();
      await page.waitForURL(/\/drafts\/\d+\?notice=started$/);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toContain("第2版の下書き");
      await expectNoAxeViolations(page);
    });

    it("shows the problem at the target's field, then saves the corrected value", async () => {
      await page.getByRole("link", { name: /取組項目（/ }).click();
      await expectNoAxeViolations(page);
      await page.getByRole("link", { name: "行政手続のオンライン化" }).click();
      await expectNoAxeViolations(page);
      // The KPI targets are a grid; each cell's label names its KPI and its year.
      const grid = page.getByRole("table", { name: "数値目標と年度ごとの目標値" });
      const target = grid.getByLabel("数値目標1 電子申請による受付件数(児童手当) 令和6年度（2024年度）の目標値");
      expect(await target.inputValue()).toBe("160");
      await target.fill("170件");
      await page.getByRole("button", { name: "下書きに保存" }).first().click();
      await page.waitForLoadState();
      expect(await page.title()).toMatch(/^エラー: 取組項目12/);
      const summary = page.getByRole("alert").filter({ hasText: "入力内容を確認してください" });
      expect(await summary.innerText()).toContain("数値は半角数字と小数点だけで書いてください");
      await expectNoAxeViolations(page);
      // The summary's link leads to the field, which says what is wrong and keeps what was typed.
      await summary.getByRole("link").first().click();
      expect(await target.evaluate((el) => el === document.activeElement || location.hash === `#${el.id}`)).toBe(true);
      expect(await target.getAttribute("aria-invalid")).toBe("true");
      expect(await target.inputValue()).toBe("170件");
      await target.fill("170");
      await page.getByRole("button", { name: "下書きに保存" }).first().click();
      await page.waitForURL(/notice=saved$/);
      expect(await page.getByRole("status").innerText()).toContain("下書きに保存しました");
    });

    it("keeps the grids usable on a 390 px phone: they scroll in their labelled region, the row's name stays in view", async () => {
      const url = page.url();
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(url);
      const region = page.getByRole("region", { name: "取組計画の表（横にスクロールできます）" });
      const widths = await region.evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth }));
      expect(widths.scroll).toBeGreaterThan(widths.client);
      const header = region.getByRole("rowheader").first();
      expect(await header.evaluate((el) => getComputedStyle(el).position)).toBe("sticky");
      // Scrolled to the last year, the row's name is still on screen beside it.
      const lastYear = region.getByLabel(/^取組計画1 .* 令和7年度（2025年度）の段階$/);
      await lastYear.focus();
      const [name, cell] = [await header.boundingBox(), await lastYear.boundingBox()];
      expect(name!.x).toBeGreaterThanOrEqual(0);
      expect(cell!.x + cell!.width).toBeLessThanOrEqual(390);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await expectNoAxeViolations(page);
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.goto(url);
    });

    it("previews the change and publishes it with a reason", async () => {
      await page.getByRole("navigation", { name: "現在位置" }).getByRole("link", { name: "第2版の下書き" }).click();
      await page.getByRole("link", { name: "変更内容を確認して公開" }).click();
      const table = await page.getByRole("table").innerText();
      expect(table).toContain("160件");
      expect(table).toContain("170件");
      await expectNoAxeViolations(page);
      await page.getByLabel("変更の理由").fill("実績を踏まえて目標を見直しました");
      await page.getByRole("button", { name: "第2版として公開" }).click();
      await page.waitForURL(/notice=published/);
      expect(await page.getByRole("status").innerText()).toContain("第2版を公開しました");
      await page.goto(`${ctx.url}/362018/initiatives/12`);
      expect(await page.locator("main").innerText()).toContain("170件");
    });

    it("has no violations on the next plan form and the organisation pages", async () => {
      for (const path of ["/362018/staff/plan/next", "/362018/staff/organisation"]) {
        await page.goto(`${ctx.url}${path}`);
        await expectNoAxeViolations(page);
      }
      await page.getByRole("link", { name: "デジタル推進課", exact: true }).click();
      await page.waitForURL(/\/divisions\/\d+$/);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("デジタル推進課");
      await expectNoAxeViolations(page);
    });
  },
  { seed: "tokushima" },
);
