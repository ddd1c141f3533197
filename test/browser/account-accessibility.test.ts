/**
 * The account pages in Chromium with axe-core, zero violations allowed: an
 * administrator signs in (and fails once), enrols an authenticator as
 * required, and uses the staff home, the user administration and the
 * password form — the way a person does, by role and label.
 */
import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { createStaff, currentCode, type TestStaff } from "../support/accounts.ts";
import { describeInBrowser, expectNoAxeViolations } from "../support/browser.ts";

describeInBrowser(
  "account pages in the browser",
  (ctx) => {
    let admin: TestStaff;
    let page: Page;

    beforeAll(async () => {
      admin = await createStaff(ctx.db, { lgCode: "362018", roles: ["administrator"] });
      page = await ctx.newPage();
    });

    it("signs in, after a wrong password, on pages without violations", async () => {
      await page.goto(`${ctx.url}/362018/staff/sign-in`);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("職員サインイン");
      await expectNoAxeViolations(page);
      await page.getByLabel("ログインID").fill(admin.loginId);
      await page.getByLabel("パスワード").fill("not the password at all");
      await page.getByRole("button", { name: "サインイン" }).click();
      await expect(page.getByRole("alert").innerText()).resolves.toBeTruthy();
      await expectNoAxeViolations(page);
      await page.getByLabel("パスワード").fill(admin.password);
      await page.getByRole("button", { name: "サインイン" }).click();
      // Administrators must enrol an authenticator before anything else.
      await page.waitForURL(/\/staff\/two-factor\/setup/);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("二要素認証の設定");
      await expectNoAxeViolations(page);
    });

    it("enrols the authenticator with the password and a code computed from the secret shown", async () => {
      const secret = (await page.locator(".secret code").innerText()).replace(/\s+/g, "");
      // Binding an app to the account asks for the password again (decision 020).
      await page.getByLabel("現在のパスワード").fill(admin.password);
      await page.getByLabel("確認コード（6桁の数字）").fill(currentCode(secret));
      await page.getByRole("button", { name: "設定を完了する" }).click();
      await page.waitForURL(/\/staff(\/)?(\?.*)?$/);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("職員ホーム");
      await expectNoAxeViolations(page);
    });

    it("administers users on pages without violations", async () => {
      await page.getByRole("link", { name: "利用者管理" }).first().click();
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("利用者管理");
      await expectNoAxeViolations(page);
      await page.getByRole("link", { name: /利用者を追加/ }).click();
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("利用者の追加");
      await expectNoAxeViolations(page);
      await page.getByRole("button", { name: "追加する" }).click(); // nothing filled in
      await expect(page.getByRole("alert").innerText()).resolves.toContain("ログインID");
      await expectNoAxeViolations(page);
      await page.getByLabel("ログインID").fill("tokushima-officer-1");
      await page.getByLabel("氏名").fill("阿波 太郎");
      await page.getByLabel("デジタル担当職員").check();
      await page.getByRole("button", { name: "追加する" }).click();
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("利用者を追加しました");
      await expectNoAxeViolations(page);
    });

    it("shows the password form without violations", async () => {
      await page.goto(`${ctx.url}/362018/staff/password`);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("パスワードの変更");
      await expectNoAxeViolations(page);
    });
  },
  { seed: "tokushima" },
);
