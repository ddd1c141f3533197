/**
 * A resident answers the survey on a phone (390 px) with JavaScript OFF:
 * opens the form with the letter's code, is told about a missing required
 * answer in an error summary that links to the question, fixes it, saves,
 * comes back later with the same code, submits — and a second submission
 * (the form left open in another tab, or the code typed again) is refused. axe-core on every page on the way; then the secretariat's survey
 * pages (desktop), axe-core on each.
 */
import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { formatCode } from "../../src/modules/survey/fieldwork/domain/answer-code.ts";
import { currentCode, type TestStaff } from "../support/accounts.ts";
import { describeInBrowser, expectNoAxeViolations } from "../support/browser.ts";
import { seedFieldworkSurvey } from "../support/survey-fieldwork.ts";

const PHONE_NO_JS = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, javaScriptEnabled: false } as const;

let codes: string[] = [];
let staff: TestStaff;

describeInBrowser(
  "answering the citizen survey without JavaScript",
  (ctx) => {
    const startWith = async (page: Page, code: string) => {
      await page.goto(`${ctx.url}/362018/answer?code=${formatCode(code)}`);
      expect(await page.getByLabel("回答用コード").inputValue()).toBe(formatCode(code));
      await page.getByRole("button", { name: "回答を始める" }).click();
      await page.waitForLoadState();
    };

    it("a resident fixes a missing answer, saves, resumes with the code and submits once", async () => {
      const page = await ctx.newPage(PHONE_NO_JS);
      await page.goto(`${ctx.url}/362018/answer?code=${formatCode(codes[0]!)}`);
      expect(await page.getByRole("heading", { name: "個人情報の取扱い" }).isVisible()).toBe(true);

      await page.getByRole("button", { name: "回答を始める" }).click();
      await page.waitForLoadState();
      const q1 = page.getByRole("group", { name: /問2 インターネットを利用していますか/ });
      expect(await q1.innerText()).toContain("必須");
      await page.getByRole("group", { name: /問1 あなたの年齢/ }).getByLabel("40〜64歳").check();
      const devices = page.getByRole("group", { name: /問3 利用している機器/ });
      await devices.getByLabel("スマートフォン").check();
      await devices.getByLabel("その他", { exact: true }).check();
      await devices.getByLabel("「その他」を選んだ方は内容を記入してください").fill("タブレット");
      await page.getByRole("button", { name: "回答を送信する" }).click();
      await page.waitForLoadState();

      expect(await page.title()).toMatch(/^エラー: /);
      const summary = page.getByRole("alert").filter({ hasText: "入力内容を確認してください" });
      expect(await summary.innerText()).toContain("問2に回答してください（必須）");
      await summary.getByRole("link", { name: "問2に回答してください（必須）" }).click();
      expect(new URL(page.url()).hash).toBe("#q-Q1-0");
      // What was typed is still there.
      expect(await devices.getByLabel("「その他」を選んだ方は内容を記入してください").inputValue()).toBe("タブレット");
      await q1.getByLabel("利用している", { exact: true }).check();
      await page.getByRole("spinbutton").or(page.getByLabel("問4の回答")).fill("2.5");
      await page.getByRole("button", { name: "一時保存する" }).click();
      await page.waitForLoadState();
      expect(await page.getByRole("status").innerText()).toContain("一時保存しました");
      await page.context().close();

      // Later, on another phone: the same code brings the saved answers back.
      const later = await ctx.newPage(PHONE_NO_JS);
      await startWith(later, codes[0]!);
      expect(await later.getByRole("status").innerText()).toContain("保存した回答を読み込みました");
      expect(await later.getByRole("group", { name: /問2/ }).getByLabel("利用している", { exact: true }).isChecked()).toBe(true);
      expect(await later.getByLabel("問4の回答").inputValue()).toBe("2.5");
      const other = await ctx.newPage(PHONE_NO_JS);
      await startWith(other, codes[0]!);
      await other.getByRole("group", { name: /問2/ }).getByLabel("利用していない").check();
      await later.getByLabel("問5の回答").fill("窓口に行かずに済む手続を増やしてください。");
      await later.getByRole("button", { name: "回答を送信する" }).click();
      await later.waitForURL(/\/362018\/answer\/done$/);
      expect(await later.getByRole("heading", { level: 1 }).innerText()).toBe("ご回答ありがとうございました");

      // The same form left open in another tab, sent after the submission, is refused; so is the code typed again.
      await other.getByRole("button", { name: "回答を送信する" }).click();
      await other.waitForLoadState();
      expect(await other.getByRole("heading", { level: 1 }).innerText()).toBe("この回答用コードの回答は送信済みです");
      const again = await ctx.newPage(PHONE_NO_JS);
      await startWith(again, codes[0]!);
      expect(await again.getByRole("heading", { level: 1 }).innerText()).toBe("この回答用コードの回答は送信済みです");
      await again.context().close();
      await other.context().close();
      const [count] = await ctx.db.query<{ n: string }>("select count(*) as n from survey_response where state = 'submitted'");
      expect(Number(count!.n)).toBe(1);
      await later.context().close();
    });

    it("tells a resident about a mistyped code", async () => {
      const page = await ctx.newPage(PHONE_NO_JS);
      await page.goto(`${ctx.url}/362018/answer`);
      const code = codes[1]!;
      await page.getByLabel("回答用コード").fill(code[1]! + code[0]! + code.slice(2));
      await page.getByRole("button", { name: "回答を始める" }).click();
      await page.waitForLoadState();
      const summary = page.getByRole("alert");
      expect(await summary.innerText()).toMatch(/入力の誤りがあります|見つかりません/);
      await page.context().close();
    });

    // axe-core runs as a script, so the pages are checked again with JavaScript on, at the same width.
    it("has no axe violations on the resident's pages at 390 px, and nothing wider than the phone", async () => {
      const page = await ctx.newPage({ ...PHONE_NO_JS, javaScriptEnabled: true });
      await page.goto(`${ctx.url}/362018/answer`);
      await expectNoAxeViolations(page);
      await startWith(page, codes[2]!);
      await page.getByRole("button", { name: "回答を送信する" }).click();
      await page.waitForLoadState();
      expect(await page.getByRole("alert").innerText()).toContain("問1に回答してください（必須）");
      await expectNoAxeViolations(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.goto(`${ctx.url}/362018/answer/done`);
      await expectNoAxeViolations(page);
      await page.context().close();
    });

    it("has no axe violations on the secretariat's survey pages", async () => {
      const page = await ctx.newPage();
      await page.goto(`${ctx.url}/362018/staff/surveys`);
      await page.getByLabel("ログインID").fill(staff.loginId);
      await page.getByLabel("パスワード").fill(staff.password);
      await page.getByRole("button", { name: "サインイン" }).click();
      await page.getByLabel("確認コード（6桁の数字）").fill(currentCode(staff.totpSecret!));
      await page.getByRole("button", { name: "確認" }).click();
      await page.waitForURL(/\/staff\/surveys$/);
      await expectNoAxeViolations(page);
      for (const path of ["", "/definition", "/codebook", "/sample", "/paper", `/paper/${codes[2]}`]) {
        await page.goto(`${ctx.url}/362018/staff/surveys/citizen-2027${path}`);
        expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
        await expectNoAxeViolations(page);
      }
      // The paper entry screen: a missing answer is named at its field.
      await page.getByLabel(/問1 あなたの年齢/).fill("3");
      await page.getByRole("button", { name: "入力を保存する" }).click();
      await page.waitForLoadState();
      expect(await page.getByRole("alert").innerText()).toContain("問2を入力してください（無回答は n、無効は x）");
      await expectNoAxeViolations(page);
      await page.context().close();
    });
  },
  {
    setup: async (db) => {
      const seeded = await seedFieldworkSurvey(db);
      codes = seeded.codes;
      staff = seeded.staff;
    },
  },
);
