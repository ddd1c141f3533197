/**
 * The administrator handles an April transfer (人事異動) by CSV on a phone
 * 390 px wide, the way a person does, by role and label: the staff list →
 * 職員の一括登録（CSV） → a Shift_JIS file as Excel saves it → the preview of
 * who is added, moved and stopped → 反映する → the new people's temporary
 * passwords, shown once. Every page is checked with axe and for sideways
 * scrolling.
 */
import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { createStaff, currentCode, type TestStaff } from "../support/accounts.ts";
import { describeInBrowser, expectNoAxeViolations } from "../support/browser.ts";
import { encodeShiftJis } from "../support/shift-jis.ts";

const STAFF = "/362018/staff";
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

async function divisionId(page: { db: import("../../src/core/db/database.ts").Database }, name: string): Promise<number> {
  const [row] = await page.db.query<{ id: number }>(
    "select d.id from division d join municipality m on m.id = d.municipality_id where m.lg_code = '362018' and d.name = $1",
    [name],
  );
  return row!.id;
}

/** No sideways scrolling at this width (WCAG 1.4.10): tables scroll inside their own region. */
async function expectNoPageOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, page.url()).toBeLessThanOrEqual(0);
}

describeInBrowser(
  "the administrator's April transfer by CSV",
  (ctx) => {
    let admin: TestStaff;
    let page: Page;

    beforeAll(async () => {
      admin = await createStaff(ctx.db, { lgCode: "362018", roles: ["administrator"], totp: true, name: "管理 太郎" });
      await createStaff(ctx.db, { lgCode: "362018", roles: ["digital_officer"], loginId: "yoshino.ken", name: "吉野 健", divisionId: await divisionId(ctx, "デジタル推進課") });
      await createStaff(ctx.db, { lgCode: "362018", roles: ["division_head"], loginId: "taishoku.jiro", name: "退職 次郎", divisionId: await divisionId(ctx, "危機管理課") });
      page = await ctx.newPage(PHONE);
      await page.goto(`${ctx.url}${STAFF}/sign-in`);
      await page.getByLabel("ログインID").fill(admin.loginId);
      await page.getByLabel("パスワード").fill(admin.password);
      await page.getByRole("button", { name: "サインイン" }).click();
      await page.getByLabel("確認コード（6桁の数字）").fill(currentCode(admin.totpSecret!));
      await page.getByRole("button", { name: "確認" }).click();
      await page.waitForURL((url) => url.pathname === STAFF);
    });

    it("uploads the transfer list, reads the preview and applies it", async () => {
      await page.goto(`${ctx.url}${STAFF}/users`);
      await page.getByRole("link", { name: "職員の一括登録（CSV）" }).click();
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("職員の一括登録（CSV）");
      await expectNoAxeViolations(page);
      await expectNoPageOverflow(page);

      const csv = [
        "処理,ログインID,氏名,所属,役割,メールアドレス",
        "追加,shinjin.hanako,新人 花子,デジタル推進課,デジタル担当職員,",
        "異動,yoshino.ken,吉野 健,危機管理課,,",
        "停止,taishoku.jiro,退職 次郎,,,",
      ].join("\r\n");
      await page.getByLabel("CSVファイル", { exact: true }).setInputFiles({ name: "令和9年4月1日付人事異動.csv", mimeType: "text/csv", buffer: Buffer.from(encodeShiftJis(csv)) });
      await page.getByRole("button", { name: "内容を確認する" }).click();
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("一括登録の内容の確認");
      const counts = page.getByRole("table", { name: "変更の件数" });
      for (const [label, n] of [["追加", "1人"], ["異動", "1人"], ["停止", "1人"], ["変更なし", "0人"]]) {
        expect(await counts.getByRole("row", { name: new RegExp(`^${label}`) }).getByRole("cell").innerText()).toBe(n);
      }
      expect(await page.getByRole("table", { name: /異動する職員/ }).innerText()).toContain("所属: デジタル推進課 → 危機管理課");
      expect(await page.getByRole("table", { name: /停止する職員/ }).innerText()).toContain("退職 次郎");
      await expectNoAxeViolations(page);
      await expectNoPageOverflow(page);

      await page.getByRole("button", { name: /この内容で反映する/ }).click();
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("一括登録を反映しました");
      const passwords = page.getByRole("table", { name: /追加した職員の仮パスワード/ });
      const row = passwords.getByRole("row", { name: /shinjin\.hanako/ });
      expect(await row.innerText()).toMatch(/新人 花子[\s\S]*デジタル推進課[\s\S]*[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}/);
      await expectNoAxeViolations(page);
      await expectNoPageOverflow(page);

      await page.getByRole("link", { name: "利用者の一覧へ" }).click();
      const list = page.getByRole("table", { name: /利用者の一覧/ });
      expect(await list.getByRole("row", { name: /taishoku\.jiro/ }).innerText()).toContain("停止中");
      expect(await list.getByRole("row", { name: /yoshino\.ken/ }).innerText()).toContain("危機管理課");
    });
  },
  { seed: "tokushima" },
);
