/**
 * The change history pages (変更履歴) in a browser: axe-core with zero
 * violations on a desktop screen and a phone, and the comparison form used
 * the way a citizen uses it — by the labels of its two selects.
 */
import { expect, it } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { findCurrentPlan } from "../../src/modules/plan/repository/plan-queries.ts";
import { findMunicipality } from "../../src/modules/tenancy/repository/municipality-queries.ts";
import { publishDraft } from "../../src/modules/plan/revisions/commands/publish-draft.ts";
import { saveDraft } from "../../src/modules/plan/revisions/commands/save-draft.ts";
import { startDraft } from "../../src/modules/plan/revisions/commands/start-draft.ts";
import { describeInBrowser, expectNoAxeViolations, MOBILE } from "../support/browser.ts";
import { loadTokushima } from "../support/fixtures.ts";

const actor = { userId: null, label: "デジタル推進課" };

/** Tokushima's plan and a second revision with several kinds of change. */
async function planWithTwoRevisions(db: Database) {
  await loadTokushima(db);
  const planId = (await findCurrentPlan(db, (await findMunicipality(db, "362018"))!.id))!.id;
  const started = await startDraft(db, planId, actor);
  if (!started.ok) throw new Error(started.message);
  const content = structuredClone(started.draft.content);
  content.initiatives[0]!.kpis[0]!.targets["2025"] = "210";
  content.initiatives[0]!.content.push("(4) 利用者の声を聞き、公開するデータを選ぶ。");
  content.initiatives[13]!.schedule[0]!.phases["2025"] = "expand";
  content.glossary.push({ term: "生成AI", section: "kana", description: "文章や画像を生成するAI。", aliases: [] });
  const saved = await saveDraft(db, started.draft.id, content, started.draft.lockVersion, actor);
  if (!saved.ok) throw new Error(saved.message);
  const published = await publishDraft(db, started.draft.id, "中間見直し", actor);
  if (!published.ok) throw new Error(published.message);
}

const PAGES: { path: string; status: number }[] = [
  { path: "/362018/changes", status: 200 },
  { path: "/362018/changes/1", status: 200 },
  { path: "/362018/changes/2", status: 200 },
  { path: "/362018/changes/compare?from=2&to=1", status: 200 },
  { path: "/362018/changes/compare?from=x&to=1", status: 400 },
];

describeInBrowser(
  "change history pages",
  (ctx) => {
    for (const screen of [
      { name: "desktop", options: {} },
      { name: "phone", options: MOBILE },
    ]) {
      for (const { path, status } of PAGES) {
        it(`${path} has no axe violations (${screen.name})`, async () => {
          const page = await ctx.newPage(screen.options);
          const response = await page.goto(ctx.url + path);
          expect(response?.status()).toBe(status);
          await expectNoAxeViolations(page);
          await page.context().close();
        });
      }
    }

    it("a citizen finds what changed in the latest revision and compares two revisions", async () => {
      const page = await ctx.newPage();
      await page.goto(`${ctx.url}/362018`);
      await page.getByRole("navigation", { name: "サイト内" }).getByRole("link", { name: "変更履歴" }).click();
      await page.getByRole("link", { name: "第2版" }).click();
      const table = page.getByRole("table", { name: /取組項目1 オープンデータの推進の変更/ });
      const row = table.getByRole("row", { name: /令和7年度（2025年度）の目標値/ });
      await expect(row.getByRole("cell", { name: "205データセット" }).count()).resolves.toBe(1);
      await expect(row.getByRole("cell", { name: "210データセット" }).count()).resolves.toBe(1);

      await page.goto(`${ctx.url}/362018/changes`);
      await page.getByLabel("比べる元の版").selectOption("2");
      await page.getByLabel("比べる先の版").selectOption("1");
      await page.getByRole("button", { name: "比較する" }).click();
      expect(new URL(page.url()).search).toBe("?from=2&to=1");
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("第2版と第1版の比較");
      await page.context().close();
    });
  },
  { setup: planWithTwoRevisions },
);
