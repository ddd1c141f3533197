/**
 * axe-core on every public page type on a desktop screen, and on one page of
 * each layout on a phone,
 * with zero violations allowed (WCAG 2.0/2.1 A and AA, which JIS X 8341-3:2016
 * AA follows, plus axe's best practices; colour contrast included), and the
 * keyboard path every page starts with: the skip link.
 */
import { expect, it } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { insertAccessibilityCheck } from "../../src/modules/accessibility/accessibility-check-queries.ts";
import { importPlan } from "../../src/modules/plan/commands/import-plan.ts";
import { describeInBrowser, expectNoAxeViolations, MOBILE } from "../support/browser.ts";
import { loadTokushima, tokushimaPlan } from "../support/fixtures.ts";
import { publishSampleYears } from "../support/published-results.ts";
import { loadTokushimaSurvey } from "../support/survey-fixtures.ts";

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

    for (const screen of [
      { name: "desktop", options: {}, pages: PAGES },
      // On a phone, one page of each layout (lists reflowed as cards, scrolling
      // tables, charts, the folded menu): the rest share these templates.
      { name: "phone", options: MOBILE, pages: PAGES.filter((p) => PHONE_LAYOUTS.includes(p.path)) },
    ]) {
      for (const { path, status } of screen.pages) {
        it(`${path} has no axe violations (${screen.name})`, async () => {
          const page = await ctx.newPage(screen.options);
          const response = await page.goto(ctx.url + (await resolve(path)));
          expect(response?.status()).toBe(status);
          await expectNoAxeViolations(page);
          await page.context().close();
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
  },
  { setup: twoMunicipalities },
);
