/**
 * One year of the PDCA cycle in a real browser, every step taken by the
 * person whose job it is, in their own browser context (their own session),
 * finding things by role and label the way a person does: the secretariat
 * opens 令和4年度, the digital officer of 行財政経営課 (lead of initiative 12)
 * fills in the report, the division head approves, the officer submits, the
 * secretariat returns it with a comment, the officer fixes and resubmits
 * (after a new approval), the secretariat checks, a committee member comments,
 * the CIO changes the grade to C with a reason and finalises, the secretariat
 * publishes, and a citizen (no cookies) reads the result on the initiative page.
 * Every staff page type on the way is checked with axe-core (zero violations).
 */
import type { Locator, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { createStaff, currentCode, type TestStaff } from "../support/accounts.ts";
import { describeInBrowser, expectNoAxeViolations, type BrowserTestContext } from "../support/browser.ts";

const LG = "362018";
const STAFF = `/${LG}/staff`;
const LEAD = "行財政経営課";
const TITLE = "行政手続のオンライン化";
const REPORT_LINK = `12 ${TITLE}`;
const KPI = "電子申請による受付件数(児童手当)";

const RETURN_COMMENT = "出典に集計の担当課と台帳の年度を明記してください";
const COMMITTEE_COMMENT = "介護関係の手続のオンライン化も早期に着手を";
const CIO_REASON = "児童手当以外の手続の拡大が計画より遅れているため";
const ISSUES = "マイナポータル経由の申請の周知が不足し、紙の申請が多く残った。";
const MEASURES = "窓口と広報紙で電子申請を案内し、申請画面の入力項目を見直す。";

async function divisionId(db: Database, name: string): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    "select d.id from division d join municipality m on m.id = d.municipality_id where m.lg_code = $1 and d.name = $2",
    [LG, name],
  );
  if (!row) throw new Error(`no division ${name}`);
  return row.id;
}

/** Signs in through the sign-in form (and the second factor, with a code from the user's secret). */
async function signIn(ctx: BrowserTestContext, staff: TestStaff): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(`${ctx.url}${STAFF}/sign-in`);
  await page.getByLabel("ログインID").fill(staff.loginId);
  await page.getByLabel("パスワード").fill(staff.password);
  await page.getByRole("button", { name: "サインイン" }).click();
  if (staff.totpSecret) {
    await page.getByLabel("確認コード（6桁の数字）").fill(currentCode(staff.totpSecret));
    await page.getByRole("button", { name: "確認" }).click();
  }
  await page.waitForURL((url) => url.pathname === STAFF);
  return page;
}

/** A success message (role=status) after a form was posted. */
async function expectNotice(page: Page, text: string): Promise<void> {
  await page.getByRole("status").filter({ hasText: text }).waitFor();
}

/** From anywhere in the staff area: the cycles hub through the navigation. */
async function openCyclesHub(page: Page): Promise<void> {
  await page.getByRole("link", { name: "自己評価（PDCA）", exact: true }).first().click();
  await page.getByRole("heading", { level: 1, name: "自己評価（PDCA）" }).waitFor();
}

/** The officer's or head's way in: hub → my tasks → the report. */
async function openReportFromTasks(page: Page, checkAxe = false): Promise<Locator> {
  await openCyclesHub(page);
  await page.getByRole("link", { name: "自分の作業（対応が必要な報告）" }).click();
  await page.getByRole("heading", { level: 1, name: "自分の作業" }).waitFor();
  if (checkAxe) await expectNoAxeViolations(page);
  const row = page.getByRole("region", { name: "あなたを待っている作業" }).getByRole("row").filter({ hasText: REPORT_LINK });
  await row.getByRole("link", { name: REPORT_LINK }).click();
  await page.getByRole("heading", { level: 1, name: /^取組項目12 / }).waitFor();
  return row;
}

/** The reviewers' way in: hub → the year's overview (the review dashboard) → the report. */
async function openReportFromDashboard(page: Page, checkAxe = false): Promise<void> {
  await openCyclesHub(page);
  await page.getByRole("link", { name: "令和4年度（2022年度）" }).click();
  await page.getByRole("heading", { level: 1, name: "令和4年度の自己評価" }).waitFor();
  if (checkAxe) await expectNoAxeViolations(page);
  await page.getByRole("region", { name: "取組項目ごとの状況" }).getByRole("link", { name: REPORT_LINK }).click();
  await page.getByRole("heading", { level: 1, name: /^取組項目12 / }).waitFor();
}

/** The state shown at the top of the report page. */
async function stateOf(page: Page): Promise<string> {
  return (await page.locator("dl.summary-list strong").first().innerText()).trim();
}

describeInBrowser(
  "PDCA: a year of initiative 12, each step by the person whose job it is",
  (ctx) => {
    let secretariat: TestStaff;
    let officer: TestStaff;
    let head: TestStaff;
    let committee: TestStaff;
    let cio: TestStaff;

    beforeAll(async () => {
      const lead = await divisionId(ctx.db, LEAD);
      secretariat = await createStaff(ctx.db, { lgCode: LG, roles: ["secretariat"], totp: true, divisionId: await divisionId(ctx.db, "デジタル推進課"), name: "事務局 花子" });
      officer = await createStaff(ctx.db, { lgCode: LG, roles: ["digital_officer"], divisionId: lead, name: "行財 太郎" });
      head = await createStaff(ctx.db, { lgCode: LG, roles: ["division_head"], divisionId: lead, name: "行財 課長" });
      committee = await createStaff(ctx.db, { lgCode: LG, roles: ["committee_member"], name: "委員 一郎" });
      cio = await createStaff(ctx.db, { lgCode: LG, roles: ["cio"], totp: true, name: "CIO 次郎" });
    });

    it("goes from opening the year to the published result a citizen reads", async () => {
      // ── the secretariat opens 令和4年度 through the form (with the second factor) ──
      const sec = await signIn(ctx, secretariat);
      await openCyclesHub(sec);
      await sec.getByRole("link", { name: "評価を開始する" }).click();
      await sec.getByRole("heading", { level: 1, name: "評価を開始する" }).waitFor();
      await sec.getByLabel("評価する年度（取組実績の年度）").selectOption({ label: "令和4年度（2022年度）" });
      await sec.getByLabel("各課の提出期限").fill("2023-05-31");
      await sec.getByLabel("事務局の確認期限").fill("2023-06-14");
      await sec.getByLabel("デジタル化推進委員会の期限").fill("2023-06-28");
      await sec.getByRole("button", { name: "評価を開始する" }).click();
      await expectNotice(sec, "評価を開始しました。");
      await sec.getByRole("heading", { level: 1, name: "令和4年度の自己評価" }).waitFor();
      await expectNoAxeViolations(sec); // the review dashboard

      // ── the officer of the lead division fills in the report and saves ──
      const off = await signIn(ctx, officer);
      await openReportFromTasks(off, true); // axe: the task list
      expect(await stateOf(off)).toBe("作成中");
      await expectNoAxeViolations(off); // the report page with the form
      await off.getByLabel("この年度の数値目標（目標値）を確認しました").check();
      await off.getByLabel(`${KPI}の実績値（件）`).fill("４８"); // typed with a Japanese input method
      await off.getByLabel(`${KPI}の時点（例: 令和6年3月31日、R6.3.31、2024/3/31）`).fill("R5.3.31");
      await off.getByLabel(`${KPI}の出典`).fill("子育て支援課 電子申請受付簿");
      await off.getByRole("group", { name: "自己評価" }).getByRole("radio", { name: /^B:/ }).check();
      await off.getByLabel("評価の理由", { exact: true }).fill("児童手当の電子申請は目標60件に対し48件で、8割にとどまった。");
      await off.getByLabel("課題", { exact: true }).fill(ISSUES);
      await off.getByLabel("改善策", { exact: true }).fill(MEASURES);
      await off.getByRole("button", { name: "報告を保存する" }).click();
      await expectNotice(off, "報告を保存しました。");
      expect(await off.getByLabel(`${KPI}の実績値（件）`).inputValue()).toBe("48");
      expect(await off.getByLabel(`${KPI}の時点（例: 令和6年3月31日、R6.3.31、2024/3/31）`).inputValue()).toBe("2023-03-31");
      expect(await off.getByRole("group", { name: "自己評価" }).getByRole("radio", { name: /^B:/ }).isChecked()).toBe(true);
      await expectNoAxeViolations(off);

      // ── the division head approves ──
      const hd = await signIn(ctx, head);
      await openReportFromTasks(hd, true);
      await hd.getByRole("button", { name: "課長として承認する" }).click();
      await expectNotice(hd, "承認しました。");
      expect(await stateOf(hd)).toBe("課長承認済み");
      await expectNoAxeViolations(hd); // the report page, read-only

      // ── the officer submits ──
      await openReportFromTasks(off);
      await off.getByRole("button", { name: "事務局へ提出する" }).click();
      await expectNotice(off, "事務局へ提出しました。");
      expect(await stateOf(off)).toBe("提出済み");

      // ── the secretariat returns it with a comment ──
      await openReportFromDashboard(sec);
      await expectNoAxeViolations(sec); // the report page with the secretariat's buttons
      await sec.getByLabel("コメント", { exact: true }).fill(RETURN_COMMENT);
      await sec.getByRole("button", { name: "差し戻す（コメント必須）" }).click();
      await expectNotice(sec, "報告を差し戻しました。");
      expect(await stateOf(sec)).toBe("差戻し");

      // ── the officer sees the comment, fixes the source and resubmits ──
      await openReportFromTasks(off, true);
      const history = off.getByRole("region", { name: "報告の履歴" });
      const returnRow = history.getByRole("row").filter({ has: off.getByRole("rowheader", { name: "差戻し", exact: true }) });
      expect(await returnRow.innerText()).toContain(RETURN_COMMENT);
      await off.getByRole("button", { name: "修正を始める（作成中に戻す）" }).click();
      await expectNotice(off, "報告を作成中に戻しました。");
      await off.getByLabel(`${KPI}の出典`).fill("子育て支援課 令和4年度電子申請受付簿");
      await off.getByRole("button", { name: "報告を保存する" }).click();
      await expectNotice(off, "報告を保存しました。");
      expect(await off.getByLabel(`${KPI}の出典`).inputValue()).toBe("子育て支援課 令和4年度電子申請受付簿");

      await openReportFromTasks(hd);
      await hd.getByRole("button", { name: "課長として承認する" }).click();
      await expectNotice(hd, "承認しました。");

      await openReportFromTasks(off);
      await off.getByRole("button", { name: "事務局へ提出する" }).click();
      await expectNotice(off, "事務局へ提出しました。");

      // ── the secretariat checks ──
      await openReportFromDashboard(sec);
      await sec.getByRole("button", { name: "事務局確認を終え、委員会審査に回す" }).click();
      await expectNotice(sec, "事務局確認を終え、委員会審査に回しました。");
      expect(await stateOf(sec)).toBe("委員会審査中");

      // ── a committee member comments ──
      const com = await signIn(ctx, committee);
      await openReportFromDashboard(com, true);
      await com.getByLabel("コメント", { exact: true }).fill(COMMITTEE_COMMENT);
      await com.getByRole("button", { name: "コメントする（コメント必須）" }).click();
      await expectNotice(com, "コメントを記録しました。");
      await expectNoAxeViolations(com);

      // ── the CIO changes the grade to C with a reason, and finalises ──
      const ci = await signIn(ctx, cio);
      await openReportFromDashboard(ci);
      await expectNoAxeViolations(ci); // the report page with the grade form
      await ci.getByRole("group", { name: "変更後の評価" }).getByRole("radio", { name: /^C:/ }).check();
      await ci.getByLabel("変更の理由").fill(CIO_REASON);
      await ci.getByRole("button", { name: "評価を変更する" }).click();
      await expectNotice(ci, "評価を変更しました。");
      expect(await ci.getByText("CIOによる評価: C").innerText()).toBe("CIOによる評価: C");
      await ci.getByRole("button", { name: "評価を確定する" }).click();
      await expectNotice(ci, "評価を確定しました。");
      expect(await stateOf(ci)).toBe("確定");

      // ── the secretariat publishes ──
      await openCyclesHub(sec);
      await sec.getByRole("link", { name: "令和4年度（2022年度）" }).click();
      await sec.getByRole("link", { name: "公表する内容を確認する" }).click();
      expect(await sec.getByText(/^37項目中1項目を公表します/).first().innerText()).toContain("（確定済み1件、未確定36件は公表されません）");
      await expectNoAxeViolations(sec); // the preview: the result as citizens will see it
      await sec.getByRole("button", { name: "1項目を公表する" }).click();
      await expectNotice(sec, "確定済みの評価結果を公表しました。");
      const row = sec.getByRole("region", { name: "取組項目ごとの状況" }).getByRole("row").filter({ hasText: REPORT_LINK });
      expect(await row.innerText()).toContain("公表済み");
      expect(await row.innerText()).toContain("C（自己評価 B）");
      await expectNoAxeViolations(sec);

      // ── a citizen (no cookies) reads the published result ──
      const citizen = await ctx.newPage();
      await citizen.goto(`${ctx.url}/${LG}/initiatives/12`);
      const results = citizen.getByRole("region", { name: "評価結果" });
      await results.getByRole("heading", { name: "令和4年度（2022年度）の取組実績の評価" }).waitFor();
      const text = (await results.innerText()).replace(/\s+/g, " ");
      expect(text).toContain("評価: C");
      expect(text).toContain(`担当課の自己評価は B でしたが、CIOが C に変更しました。変更の理由: ${CIO_REASON}`);
      expect(text).toContain(ISSUES);
      expect(text).toContain(MEASURES);
      expect(text).toMatch(new RegExp(`デジタル化推進委員会委員（[^）]+）: ${COMMITTEE_COMMENT}`));
      expect(text).not.toContain(RETURN_COMMENT); // the return is internal
      expect(text).not.toContain("行財 太郎"); // no staff names in public
      const kpiTable = results.getByRole("table", { name: "令和4年度の数値目標の実績" });
      expect(await kpiTable.getByRole("row", { name: new RegExp(KPI.replace(/[()]/g, "\\$&")) }).innerText()).toContain("48件");
      expect((await citizen.context().cookies()).length).toBe(0);
    }, 120_000); // one long story with an axe check per step, the publication preview included
  },
  { seed: "tokushima" },
);
