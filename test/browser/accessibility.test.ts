/**
 * axe-core on every public page type on a desktop screen, and on one page of
 * each layout on a phone,
 * with zero violations allowed (WCAG 2.0/2.1 A and AA, which JIS X 8341-3:2016
 * AA follows, plus axe's best practices; colour contrast included), and the
 * keyboard path every page starts with: the skip link.
 */
import type { BrowserContextOptions, Page } from "playwright-core";
import { afterAll, expect, it } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { insertAccessibilityCheck } from "../../src/modules/accessibility/accessibility-check-queries.ts";
import { importPlan } from "../../src/modules/plan/commands/import-plan.ts";
import { createStaff, currentCode } from "../support/accounts.ts";
import { describeInBrowser, expectNoAxeViolations, MOBILE } from "../support/browser.ts";
import { loadTokushima, tokushimaPlan } from "../support/fixtures.ts";
import { publishSampleYears } from "../support/published-results.ts";
import { loadTokushimaSurvey } from "../support/survey-fixtures.ts";
import { createSurvey, SURVEY_2021, survey2021RespondentCsv } from "../support/survey-analysis.ts";
import { importRespondents } from "../../src/modules/survey/analysis/commands/import-respondents.ts";
import { findAnalysisSurvey } from "../../src/modules/survey/analysis/repository/analysis-queries.ts";

/** Two municipalities, so that / lists them instead of redirecting to the only one; the first with published results. */
async function twoMunicipalities(db: Database) {
  await loadTokushima(db);
  await loadTokushimaSurvey(db);
  const result = await importPlan(db, { lgCode: "362026", municipalityName: "鳴門市", plan: tokushimaPlan() });
  if (!result.ok) throw new Error(result.message);
  await publishSampleYears(db, "362018");
}

/** One page of each type, with the status it is expected to answer. */
const PAGES: { path: string; status: number }[] = [
  { path: "/", status: 200 },
  { path: "/362018", status: 200 },
  { path: "/362018/policies/1", status: 200 },
  { path: "/362018/initiatives", status: 200 },
  { path: "/362018/initiatives?policy=2&kpi=1", status: 200 },
  { path: "/362018/initiatives?q=該当する取組はない言葉", status: 200 },
  { path: "/362018/initiatives/12", status: 200 },
  { path: "/362018/initiatives/14", status: 200 },
  { path: "/362018/divisions", status: 200 },
  { path: "/362018/divisions/<first>", status: 200 },
  { path: "/362018/coverage", status: 200 },
  { path: "/362018/glossary", status: 200 },
  { path: "/362018/evaluation-history", status: 200 },
  { path: "/362018/results", status: 200 },
  { path: "/362018/results/2023", status: 200 },
  { path: "/362018/results/2023?policy=2&grade=A", status: 200 },
  { path: "/362018/results/2023?grade=X", status: 400 },
  { path: "/362018/results/2023/report", status: 200 },
  { path: "/362018/plan-document", status: 200 },
  { path: "/362018/surveys", status: 200 },
  { path: "/362018/surveys/dx-2022-citizen-survey-2021", status: 200 },
  { path: "/362018/open-data", status: 200 },
  { path: "/362018/open-data/kpi-targets", status: 200 },
  { path: "/accessibility", status: 200 },
  { path: "/prefectures/36", status: 200 },
  { path: "/362018/answer", status: 200 },
  { path: "/362018/no-such-page", status: 404 },
  { path: "/362018/initiatives?policy=x", status: 400 },
];

const PHONE_LAYOUTS = [
  "/",
  "/362018",
  "/362018/initiatives",
  "/362018/initiatives/12",
  "/362018/coverage",
  "/362018/evaluation-history",
  "/362018/results/2023",
  "/362018/results/2023/report",
  "/362018/surveys/dx-2022-citizen-survey-2021",
  "/362018/open-data",
  "/362018/answer",
  "/362018/no-such-page",
  "/prefectures/36",
];

describeInBrowser(
  "accessibility of every page type",
  (ctx) => {
    /** The first division listed on the divisions page, found as a citizen would. */
    let firstDivision: string | undefined;
    const resolve = async (path: string) => {
      if (!path.includes("<first>")) return path;
      if (!firstDivision) {
        const page = await ctx.newPage();
        await page.goto(`${ctx.url}/362018/divisions`);
        const table = page.getByRole("table", { name: "担当課と担当する取組項目の数" });
        firstDivision = new URL((await table.getByRole("link").first().getAttribute("href"))!, ctx.url).pathname;
        await page.context().close();
      }
      return firstDivision;
    };

    // One tab per screen, going from page to page as a reader would: a new
    // browser context per page cost seconds (a fresh renderer, axe compiled
    // anew) and checked nothing more, since these pages keep no state.
    const tabs = new Map<string, Promise<Page>>();
    const tab = (name: string, options: BrowserContextOptions) => {
      if (!tabs.has(name)) tabs.set(name, ctx.newPage(options));
      return tabs.get(name)!;
    };
    afterAll(async () => {
      for (const page of tabs.values()) await (await page).context().close();
    });

    for (const screen of [
      { name: "desktop", options: {}, pages: PAGES },
      // On a phone, one page of each layout (lists reflowed as cards, scrolling
      // tables, charts, the folded menu): the rest share these templates.
      { name: "phone", options: MOBILE, pages: PAGES.filter((p) => PHONE_LAYOUTS.includes(p.path)) },
    ]) {
      for (const { path, status } of screen.pages) {
        it(`${path} has no axe violations (${screen.name})`, async () => {
          const page = await tab(screen.name, screen.options);
          const response = await page.goto(ctx.url + (await resolve(path)));
          expect(response?.status()).toBe(status);
          await expectNoAxeViolations(page);
        });
      }
    }

    it("/accessibility has no axe violations when the latest check found problems", async () => {
      await insertAccessibilityCheck(ctx.db, {
        tool: "axe-core 4.14.1",
        standard: "JIS X 8341-3:2016 適合レベルAA",
        pagesChecked: 3,
        violations: 1,
        details: [
          {
            url: "/362018/glossary",
            rule: "color-contrast",
            impact: "serious",
            help: "Elements must meet minimum color contrast ratio thresholds",
            helpUrl: "https://dequeuniversity.com/rules/axe/4.14/color-contrast",
            targets: ["dd"],
          },
        ],
      });
      const page = await ctx.newPage();
      await page.goto(`${ctx.url}/accessibility`);
      await page.getByText("1件の問題が検出されました").waitFor();
      await expectNoAxeViolations(page);
      await ctx.db.exec("delete from accessibility_check");
    });

    // The account lifecycle pages (issue #7 §3): signed in as an administrator, each new page once.
    it("the account lifecycle and staff import pages have no axe violations", async () => {
      const admin = await createStaff(ctx.db, { lgCode: "362018", roles: ["administrator"], totp: true });
      const target = await createStaff(ctx.db, { lgCode: "362018", roles: ["division_head"], totp: true });
      const page = await ctx.newPage();
      const staff = `${ctx.url}/362018/staff`;
      await page.goto(`${staff}/sign-in`);
      await page.getByLabel("ログインID").fill(admin.loginId);
      await page.getByLabel("パスワード").fill(admin.password);
      await page.getByRole("button", { name: "サインイン" }).click();
      await page.getByLabel("確認コード（6桁の数字）").fill(currentCode(admin.totpSecret!));
      await page.getByRole("button", { name: "確認" }).click();
      await page.waitForURL(staff);
      for (const path of ["", "/deactivate", "/two-factor-reset", "/password-reissue"]) {
        expect((await page.goto(`${staff}/users/${target.id}${path}`))?.status(), path).toBe(200);
        await expectNoAxeViolations(page);
      }
      await page.getByRole("button", { name: "仮パスワードを再発行する" }).click();
      await page.getByRole("heading", { name: "仮パスワードを再発行しました" }).waitFor();
      await expectNoAxeViolations(page);
      await page.goto(`${staff}/users/import`);
      await expectNoAxeViolations(page);
      await page.getByLabel("CSVファイル", { exact: true }).setInputFiles({ name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("処理,ログインID,氏名,所属,役割\n移動,x,,,\n") });
      await page.getByRole("button", { name: "内容を確認する" }).click();
      await page.getByRole("table", { name: /CSVファイルの問題/ }).waitFor();
      await expectNoAxeViolations(page); // the 400 page with every problem
      // The enrolment page with its QR code: the CIO must enrol.
      const cio = await createStaff(ctx.db, { lgCode: "362018", roles: ["cio"] });
      const enrol = await ctx.newPage();
      await enrol.goto(`${staff}/sign-in`);
      await enrol.getByLabel("ログインID").fill(cio.loginId);
      await enrol.getByLabel("パスワード").fill(cio.password);
      await enrol.getByRole("button", { name: "サインイン" }).click();
      await enrol.getByRole("img", { name: /認証アプリで読み取るQRコード/ }).waitFor();
      await expectNoAxeViolations(enrol);
      await page.context().close();
      await enrol.context().close();
    });

    it("starts every page with a skip link that moves focus to the main content", async () => {
      const page = await ctx.newPage();
      for (const path of ["/362018/initiatives/12", "/accessibility", "/362018/no-such-page"]) {
        await page.goto(ctx.url + path);
        await page.keyboard.press("Tab");
        const skip = page.getByRole("link", { name: "本文へ移動" });
        expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
        // Visible while focused, so a sighted keyboard user sees where they are.
        const box = await skip.boundingBox();
        expect(box && box.y >= 0 && box.height > 0).toBe(true);

        await page.keyboard.press("Enter");
        await page.waitForFunction(() => document.activeElement?.id === "main");
        expect(await page.getByRole("main").evaluate((el) => el === document.activeElement)).toBe(true);
      }
      // From there the next Tab continues inside the main content, not back in the header.
      await page.goto(`${ctx.url}/362018/initiatives/12`);
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      await page.keyboard.press("Tab");
      const focused = page.getByRole("main").getByRole("link", { name: /^取組方針2 / });
      expect(await focused.evaluate((el) => el === document.activeElement)).toBe(true);
    });

    // A staff page among the public ones: the survey analysis (crosstab tables, chart, statistics, forms).
    it("the survey analysis page has no axe violations (desktop and phone)", async () => {
      const [m] = await ctx.db.query<{ id: number }>("select id from municipality where lg_code = '362018'");
      await createSurvey(ctx.db, m!.id, "citizen-2021", "市民アンケート（令和3年）", SURVEY_2021);
      const survey = (await findAnalysisSurvey(ctx.db, m!.id, "citizen-2021"))!;
      const imported = await importRespondents(ctx.db, { municipalityId: m!.id, actor: { userId: null, label: "テスト" }, ip: null }, survey, new TextEncoder().encode(survey2021RespondentCsv()), "2021.csv");
      expect(imported.ok).toBe(true);
      const staff = await createStaff(ctx.db, { lgCode: "362018", roles: ["secretariat"], totp: true });
      const analysis = "/362018/staff/surveys/citizen-2021/analysis";
      for (const options of [{}, MOBILE]) {
        const page = await ctx.newPage(options);
        await page.goto(`${ctx.url}${analysis}`);
        await page.getByLabel("ログインID").fill(staff.loginId);
        await page.getByLabel("パスワード").fill(staff.password);
        await page.getByRole("button", { name: "サインイン" }).click();
        await ctx.db.query("update app_user set totp_last_step = null where id = $1", [staff.id]);
        await page.getByLabel("確認コード（6桁の数字）").fill(currentCode(staff.totpSecret!));
        await page.getByRole("button", { name: "確認" }).click();
        await page.waitForURL(/\/analysis$/);
        await page.getByLabel("集計する設問").selectOption("q5");
        await page.getByRole("button", { name: "集計する" }).click();
        await page.waitForURL(/question=q5/);
        expect(await page.getByRole("table", { name: /回答者数/ }).getByRole("row").count()).toBe(8); // head, 4 options, NA, INVALID, n
        await expectNoAxeViolations(page);
        if (process.env.SURVEY_SCREENSHOTS) await page.screenshot({ path: `${process.env.SURVEY_SCREENSHOTS}/analysis-${options === MOBILE ? 390 : 1366}.png`, fullPage: true });
        await page.goto(`${ctx.url}${analysis}/import`);
        await expectNoAxeViolations(page);
        await page.goto(`${ctx.url}${analysis}/weights`);
        await expectNoAxeViolations(page);
        await page.context().close();
      }
    }, 240_000); // two sign-ins and six pages with axe: longer than one public page
  },
  { setup: twoMunicipalities },
);
