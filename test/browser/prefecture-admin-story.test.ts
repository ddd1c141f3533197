/**
 * A prefecture sets a town up (issue #9 §3, decision 037), in Chromium on a
 * 390 px phone, in one browser: the prefecture administrator signs in with
 * the second factor, registers 鳴門市, imports its plan file, creates its
 * first administrator and sees the progress list; then that administrator
 * signs in at the town, enrols, replaces the temporary password and sees
 * only the town. axe-core on each page.
 */
import { expect, it } from "vitest";
import { currentCode } from "../support/accounts.ts";
import { describeInBrowser, expectNoAxeViolations } from "../support/browser.ts";
import { TOKUSHIMA_FILE } from "../support/fixtures.ts";
import { createReadyPrefectureAdmin, type TestPrefectureAdmin } from "../support/prefecture-admin.ts";

const PREF = "/prefectures/36/staff";
const NARUTO = "362026";
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

describeInBrowser(
  "a prefecture sets a town up (390 px)",
  (ctx) => {
    it("registers the town, imports its plan, creates its administrator, who then sees only the town", async () => {
      const admin: TestPrefectureAdmin = await createReadyPrefectureAdmin(ctx.db, "36", "pref-tokushima");
      const page = await ctx.newPage(PHONE);
      const fitsPhone = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      await page.goto(`${ctx.url}${PREF}/sign-in`);
      await expectNoAxeViolations(page);
      await page.getByLabel("ログインID").fill(admin.loginId);
      await page.getByLabel("パスワード").fill(admin.password);
      await page.getByRole("button", { name: "サインイン" }).click();
      await page.getByLabel("確認コード（6桁の数字）").fill(currentCode(admin.totpSecret));
      await expectNoAxeViolations(page);
      await page.getByRole("button", { name: "確認" }).click();
      await page.waitForURL((url) => url.pathname === PREF);
      await expectNoAxeViolations(page);

      await page.getByRole("link", { name: "市町村を登録する" }).click();
      await page.getByLabel("全国地方公共団体コード（6桁）").fill("362027");
      await page.getByLabel("団体名").fill("鳴門市");
      await page.getByRole("button", { name: "登録する" }).click();
      await expect.poll(() => page.title()).toMatch(/^エラー: /);
      expect(await page.getByText("末尾の検査数字が合いません").count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page);
      await page.getByLabel("全国地方公共団体コード（6桁）").fill(NARUTO);
      await page.getByRole("button", { name: "登録する" }).click();
      await page.waitForURL((url) => url.pathname === PREF);

      await page.getByRole("link", { name: "鳴門市の計画ファイルを読み込む" }).click();
      await expectNoAxeViolations(page);
      await page.getByLabel("計画ファイル").setInputFiles(TOKUSHIMA_FILE);
      await page.getByRole("button", { name: "読み込む" }).click();
      await page.waitForURL((url) => url.pathname === PREF);

      await page.getByRole("link", { name: "鳴門市の最初のシステム管理者を作成する" }).click();
      await expectNoAxeViolations(page);
      await page.getByLabel("ログインID").fill("naruto-admin");
      await page.getByLabel("氏名").fill("鳴門 一郎");
      await page.getByRole("button", { name: "作成する" }).click();
      const temporary = (await page.locator("code.secret").textContent())!.trim();
      expect(temporary.length).toBeGreaterThan(8);
      await expectNoAxeViolations(page);

      await page.getByRole("link", { name: "市町村の一覧へ" }).click();
      const naruto = page.getByRole("region", { name: "鳴門市（362026）" });
      await expect.poll(() => naruto.textContent()).toContain("徳島市デジタル・トランスフォーメーション（DX）推進計画");
      expect(await naruto.textContent()).toContain("1人");
      expect(await page.getByRole("region", { name: "徳島市（362018）" }).count()).toBe(1);
      await expectNoAxeViolations(page);
      await fitsPhone();

      // The town's administrator, in the same browser: enrol, replace the temporary password, see the town only.
      const town = `/${NARUTO}/staff`;
      await page.goto(`${ctx.url}${town}/sign-in`);
      await page.getByLabel("ログインID").fill("naruto-admin");
      await page.getByLabel("パスワード").fill(temporary);
      await page.getByRole("button", { name: "サインイン" }).click();
      await page.waitForURL((url) => url.pathname === `${town}/two-factor/setup`);
      const secret = (await page.locator("p.secret code").textContent())!.replace(/\s/g, "");
      await page.getByLabel("現在のパスワード").fill(temporary);
      await page.getByLabel("確認コード（6桁の数字）").fill(currentCode(secret));
      await page.getByRole("button", { name: "設定を完了する" }).click();
      await page.waitForURL((url) => url.pathname === `${town}/password`);
      await page.getByLabel("仮パスワード").fill(temporary);
      await page.getByLabel("新しいパスワード", { exact: true }).fill("naruto city passphrase 2026");
      await page.getByLabel("新しいパスワード（確認）").fill("naruto city passphrase 2026");
      await page.getByRole("button", { name: "変更する" }).click();
      await page.waitForURL((url) => url.pathname === town);
      expect(await page.locator(".site-name").textContent()).toContain("鳴門市");
      await expectNoAxeViolations(page);
      await fitsPhone();

      const other = await page.goto(`${ctx.url}/362018/staff`);
      expect(other!.status()).toBe(404);
      // The prefecture's session is still there, and untouched by the town's.
      expect((await page.goto(`${ctx.url}${PREF}`))!.status()).toBe(200);
    });
  },
  { seed: "tokushima" },
);
