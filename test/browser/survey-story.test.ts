/**
 * Issue #8's "Done when", as one story in Chromium, on the Tokushima seed
 * (the plan and its 2021 survey as data):
 *   the secretariat copies the plan's 2021 survey into a new one, sets its
 *   period, answer deadline and contact, imports a sample frame CSV and asks
 *   for the letters — the survey_letters job runs in the served app, the PDF
 *   is downloaded and read back (every code, the deadline and contact in the
 *   text; one tagged QR figure per letter, and each QR's modules are the
 *   answer address with that letter's code);
 *   a resident answers on a 390 px phone with JavaScript off; another's paper
 *   questionnaire is keyed twice by two people, a disagreement resolved
 *   against the paper;
 *   the crosstab by age band, with its margins of error and chi-square, is
 *   published, and appears on the public survey page as a table and an SVG
 *   chart, and in the survey-tables open data CSV.
 * axe-core on the pages on the way. What the other survey tests already
 * check in detail (answer-form errors, frame refusals, suppression rules) is
 * not repeated here.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, expect, it } from "vitest";
import { formatCode } from "../../src/modules/survey/fieldwork/domain/answer-code.ts";
import { fromRows } from "../../src/modules/survey/fieldwork/domain/answers.ts";
import { openByCode, saveOnlineResponse } from "../../src/modules/survey/fieldwork/commands/responses.ts";
import { createStaff, currentCode, type TestStaff } from "../support/accounts.ts";
import { describeInBrowser, expectNoAxeViolations } from "../support/browser.ts";
import { pdfFigureAlts, qrModulesOnPage, qrModulesOf } from "../support/pdf-read.ts";
import { fetchCsv, records } from "../integration/opendata-support.ts";

const LG = "362018";
const STAFF = `/${LG}/staff`;
const NEW = "citizen-2027";
const PHONE_NO_JS = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, javaScriptEnabled: false } as const;

// 24 residents: 12 aged 30–39 (F01–F12), 12 aged 70+ (F13–F24); only the identifier and the stratum.
const FRAME = ["識別番号,年齢区分", ...Array.from({ length: 24 }, (_, i) => `F${String(i + 1).padStart(2, "0")},${i < 12 ? "A30" : "A70"}`)].join("\r\n") + "\r\n";

let first: TestStaff;
let second: TestStaff;
const dir = mkdtempSync(join(tmpdir(), "survey-story-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeInBrowser(
  "the citizen survey from copy to publication (issue #8, Done when)",
  (ctx) => {
    let secretariat: Page;
    const codeOf = async (frameId: string) =>
      (await ctx.db.query<{ code: string }>("select m.code from survey_sample_member m join survey_sample_identity i on i.sample_member_id = m.id where i.frame_id = $1", [frameId]))[0]!.code;

    const signIn = async (staff: TestStaff): Promise<Page> => {
      const page = await ctx.newPage();
      await page.goto(`${ctx.url}${STAFF}/surveys`);
      await page.getByLabel("ログインID").fill(staff.loginId);
      await page.getByLabel("パスワード").fill(staff.password);
      await page.getByRole("button", { name: "サインイン" }).click();
      await page.getByLabel("確認コード（6桁の数字）").fill(currentCode(staff.totpSecret!));
      await page.getByRole("button", { name: "確認" }).click();
      await page.waitForURL(/\/staff\/surveys$/);
      return page;
    };
    const notice = async (page: Page) => page.getByRole("status").first().innerText();

    it("the secretariat copies the 2021 survey, sets the deadline and contact, imports a frame and downloads the letters", async () => {
      const page = (secretariat = await signIn(first));
      await expectNoAxeViolations(page);
      const copy = page.getByRole("main");
      await copy.getByLabel("複製元の調査").selectOption("dx-2022-citizen-survey-2021");
      await copy.getByLabel("新しい調査名").fill("令和9年度 デジタル化に関する市民アンケート");
      await copy.getByLabel("新しいコード").fill(NEW);
      await copy.getByRole("button", { name: "複製する" }).click();
      await page.waitForURL(new RegExp(`/surveys/${NEW}\\?done=copied$`));
      expect(await notice(page)).toContain("前回の調査から複製しました");
      expect(await page.locator(".summary-list").innerText()).toContain("徳島市のデジタル化に関する市民アンケート調査");

      await page.getByRole("link", { name: /調査の概要.*の編集/ }).click();
      await expectNoAxeViolations(page);
      await page.getByLabel("調査期間の初日").fill("令和9年6月17日");
      await page.getByLabel("調査期間の最終日").fill("R9.7.14");
      await page.getByLabel("回答期限").fill("2027/7/10");
      await page.getByLabel("お問い合わせ先").fill("徳島市 デジタル推進課\n電話 088-621-5000");
      await page.getByRole("button", { name: "保存する" }).click();
      await page.waitForURL(/\?done=details$/);
      expect(await page.locator(".summary-list").innerText()).toContain("令和9年7月10日");
      await expectNoAxeViolations(page);

      await page.getByRole("link", { name: "標本の取り込みと依頼状" }).click();
      await page.getByLabel("標本のCSVファイル").setInputFiles({ name: "frame.csv", mimeType: "text/csv", buffer: Buffer.from(FRAME, "utf8") });
      await page.getByRole("button", { name: "取り込む" }).click();
      await page.waitForURL(/\/sample\?added=24/);
      expect(await notice(page)).toContain("新しく 24人");
      await expectNoAxeViolations(page);

      await page.getByRole("button", { name: "依頼状を作る" }).click();
      await page.waitForURL(/letters=queued/);
      // The job runs in the served app's job runner; the page says when the PDF is there.
      const link = page.getByRole("link", { name: /^依頼状のPDF（24通/ });
      for (let i = 0; i < 240 && !(await link.isVisible()); i++) {
        await page.waitForTimeout(500);
        await page.reload();
      }
      const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
      const file = join(dir, "letters.pdf");
      await download.saveAs(file);
      const pdf = readFileSync(file);
      const pages = execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8" }).split("\f").filter((p) => p.trim() !== "");
      expect(pages).toHaveLength(24);
      const codes = (await ctx.db.query<{ code: string }>("select code from survey_sample_member order by id")).map((r) => r.code);
      expect(codes).toHaveLength(24);
      for (const [i, code] of codes.entries()) {
        const text = pages[i]!;
        expect(text).toContain(`No. ${String(i + 1).padStart(4, "0")}`);
        expect(text).toContain(formatCode(code));
        expect(text).toContain("回答期限: 令和9年7月10日（土）までにご回答ください");
        expect(text).toContain("徳島市 デジタル推進課");
        expect(text).toContain("電話 088-621-5000");
      }
      // One QR figure per letter, tagged for screen readers …
      expect(await pdfFigureAlts(pdf)).toEqual(codes.map(() => "回答ページのQRコード"));
      // … and the QR drawn on a letter is its own code's address, module for module.
      for (const i of [0, 23]) {
        const expected = qrModulesOf(`${ctx.url}/${LG}/answer?code=${formatCode(codes[i]!)}`);
        expect(qrModulesOnPage(file, i + 1, expected.size)).toEqual(expected.modules);
      }
      const [audit] = await ctx.db.query<{ after: unknown }>("select after from audit_log where action = 'survey.sample_export'");
      expect(audit!.after).toEqual({ file: "letters_pdf", rows: 24 });

      await page.goto(`${ctx.url}${STAFF}/surveys/${NEW}`);
      await page.getByRole("button", { name: "実査を始める" }).click();
      await page.waitForURL(/done=fieldwork$/);
    }, 240_000);

    it("a resident answers on a 390 px phone without JavaScript; another's paper is keyed twice and a disagreement resolved", async () => {
      const code = await codeOf("F01");
      // axe-core runs as a script: the copied questionnaire's form is checked at the same width with JavaScript on.
      const checked = await ctx.newPage({ ...PHONE_NO_JS, javaScriptEnabled: true });
      await checked.goto(`${ctx.url}/${LG}/answer?code=${formatCode(code)}`);
      await checked.getByRole("button", { name: "回答を始める" }).click();
      await checked.getByRole("group", { name: /インターネットの利用状況/ }).waitFor();
      await expectNoAxeViolations(checked);
      expect(await checked.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await checked.context().close();

      const phone = await ctx.newPage(PHONE_NO_JS);
      await phone.goto(`${ctx.url}/${LG}/answer?code=${formatCode(code)}`);
      await phone.getByRole("button", { name: "回答を始める" }).click();
      await phone.waitForLoadState();
      await phone.getByRole("group", { name: /年齢/ }).getByLabel("30～39歳").check();
      await phone.getByRole("group", { name: /インターネットの利用状況/ }).getByLabel("利用している", { exact: true }).check();
      await phone.getByRole("group", { name: /電子申請サービスの利用状況/ }).getByLabel("利用したことがある", { exact: true }).check();
      await phone.getByRole("button", { name: "回答を送信する" }).click();
      await phone.waitForURL(/\/answer\/done$/);
      expect(await phone.getByRole("heading", { level: 1 }).innerText()).toBe("ご回答ありがとうございました");
      await phone.context().close();

      // Paper: double entry by two people. Options are keyed by number: 年齢 7 = 70歳以上.
      const paperCode = await codeOf("F13");
      const page = secretariat;
      await page.goto(`${ctx.url}${STAFF}/surveys/${NEW}/paper`);
      await page.getByRole("button", { name: "二重入力にする" }).click();
      await page.waitForURL(/done=double_on$/);
      const key = async (p: Page, eApply: string) => {
        await p.goto(`${ctx.url}${STAFF}/surveys/${NEW}/paper`);
        await p.getByLabel("調査票の回答用コード").fill(formatCode(paperCode).toLowerCase());
        await p.getByRole("button", { name: "入力を始める" }).click();
        await p.getByLabel(/年齢$/).fill("7");
        await p.getByLabel(/インターネットの利用状況$/).fill("3");
        await p.getByLabel(/電子申請サービスの利用状況$/).fill(eApply);
        await p.getByRole("button", { name: "入力を保存する" }).click();
        await p.waitForLoadState();
      };
      await key(page, "3");
      expect(await notice(page)).toContain("1回目の入力を保存しました");
      await expectNoAxeViolations(page);

      const other = await signIn(second);
      await key(other, "2");
      await other.waitForURL(/\/resolve$/);
      const differences = other.getByRole("table", { name: /食い違いの一覧（1問）/ });
      const listed = (await differences.innerText()).split("\n").find((line) => line.startsWith("問⑤"));
      expect(listed).toMatch(/利用したことがないし、今後も利用するつもりはない.*\t.*利用したことはないが、今後は利用したい/);
      await expectNoAxeViolations(other);
      await other.getByLabel(/電子申請サービスの利用状況$/).fill("3");
      await other.getByRole("button", { name: "調査票と照合して確定する" }).click();
      await other.waitForURL(/done=resolved$/);
      await other.context().close();
      const answers = await ctx.db.query<{ question_code: string; option_code: string }>(
        `select a.question_code, a.option_code from survey_answer a join survey_member_response mr on mr.response_id = a.response_id
          join survey_sample_member m on m.id = mr.sample_member_id where m.code = $1 and mr.channel = 'paper' order by a.question_code`,
        [paperCode],
      );
      expect(answers).toEqual([
        { question_code: "AGE", option_code: "A70" },
        { question_code: "Q_EAPPLY", option_code: "3" },
        { question_code: "Q_INTERNET", option_code: "3" },
      ]);

      await page.goto(`${ctx.url}${STAFF}/surveys/${NEW}`);
      expect(await page.getByRole("table", { name: "回収率（全体）" }).innerText()).toMatch(/全体\s+24\s+2\s+8\.3%/);
      await expectNoAxeViolations(page);
    }, 120_000);

    it("the crosstab by age band with its margins of error and chi-square is published: a table and a chart on the public page, and open data", async () => {
      // The rest of the sample answers through the same command the online form uses, to keep the story short:
      // 30–39: 6 use the internet, 5 do not; 70+: 5 do, 6 do not. With F01 and F13, every cell has 5 or more.
      const [survey] = await ctx.db.query<{ municipality_id: number }>("select municipality_id from survey where code = $1", [NEW]);
      for (let i = 2; i <= 24; i++) {
        if (i === 13) continue;
        const frameId = `F${String(i).padStart(2, "0")}`;
        const opened = await openByCode(ctx.db, { municipalityId: survey!.municipality_id, typed: await codeOf(frameId), ip: "203.0.113.50" });
        if (!opened.ok) throw new Error(`${frameId}: ${opened.reason}`);
        const uses = i <= 12 ? i <= 7 : i <= 18;
        const rows = [
          { questionCode: "AGE", optionCode: i <= 12 ? "A30" : "A70", numericValue: null, textValue: null },
          { questionCode: "Q_INTERNET", optionCode: uses ? "1" : "3", numericValue: null, textValue: null },
          { questionCode: "Q_EAPPLY", optionCode: "2", numericValue: null, textValue: null },
        ];
        expect(await saveOnlineResponse(ctx.db, { ip: "203.0.113.50" }, { opened: opened.opened, answers: fromRows(rows), submit: true })).toEqual({ ok: true });
      }

      const page = secretariat;
      await page.goto(`${ctx.url}${STAFF}/surveys/${NEW}`);
      await page.getByRole("link", { name: /^集計・分析/ }).click();
      await page.getByLabel("集計する設問").selectOption("Q_INTERNET");
      await page.getByLabel("集計軸（クロスする設問）").selectOption("AGE");
      await page.getByRole("radio", { name: "重みなし" }).check();
      await page.getByRole("button", { name: "集計する" }).click();
      await page.waitForURL(/question=Q_INTERNET&by=AGE/);
      const statistics = await page.getByRole("region", { name: "統計的な検討" }).innerText();
      // n = 24: 1.96·√(0.25/24) = ±20.0 points; 2×2 of 7/5 and 5/7: χ² = 4·(1²/6) = 0.67, df 1, p = 0.414.
      expect(statistics).toContain("全体 ±20.0ポイント（n=24）");
      expect(statistics).toContain("χ²＝0.67、自由度 1、p値 0.414（5%水準では年齢による違いがあるとはいえない）");
      await expectNoAxeViolations(page);
      await page.getByRole("button", { name: "この集計表を公開する" }).click();
      await page.waitForURL(/notice=published/);
      expect(await notice(page)).toContain("集計表を公開しました");

      const reader = await ctx.newPage();
      await reader.goto(`${ctx.url}/${LG}/surveys/${NEW}`);
      const section = reader.getByRole("region", { name: /インターネットの利用状況（年齢別）/ });
      const counts = section.getByRole("table").first();
      expect(await counts.innerText()).toMatch(/利用している\s+[^\n]*7[^\n]*5/);
      const chart = section.getByRole("img", { name: /インターネットの利用状況（年齢別）/ });
      expect(await chart.evaluate((el) => el.tagName.toLowerCase())).toBe("svg");
      const note = await section.locator("p.note").innerText();
      expect(note).toContain("全体 ±20.0ポイント（n=24）");
      expect(note).toContain("30～39歳 ±28.3");
      expect(note).toContain("χ²＝0.67、自由度 1、p値 0.414");
      await expectNoAxeViolations(reader);

      const csv = await fetchCsv({ request: (path) => fetch(`${ctx.url}${path}`) }, `/${LG}/open-data/survey-tables.csv`);
      const mine = records(csv).filter((r) => r.survey_code === NEW);
      const count = (answer: string | null, band: string | null) => mine.find((r) => r.answer_code === answer && r.column_code === band)?.count;
      expect([count("1", "A30"), count("3", "A30"), count("1", "A70"), count("3", "A70"), count("2", "A30")]).toEqual(["7", "5", "5", "7", "0"]);
      expect(count(null, null)).toBe("24");
      expect(new Set(mine.map((r) => r.table_source))).toEqual(new Set(["computed"]));
      await reader.context().close();
    }, 120_000);
  },
  {
    seed: "tokushima",
    jobs: true,
    setup: async (db) => {
      first = await createStaff(db, { lgCode: LG, roles: ["secretariat"], totp: true, name: "入力 一郎" });
      second = await createStaff(db, { lgCode: LG, roles: ["secretariat"], totp: true, name: "入力 二郎" });
    },
  },
);
