/**
 * The recorded automated check (npm run cli -- check-accessibility): it
 * derives every public page from the data, visits them, records one row, and
 * the accessibility policy page then reports that row.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { japaneseDateTime, NO_CHECK_YET } from "../../src/modules/accessibility/accessibility-policy-page.tsx";
import { publicPages, runAccessibilityCheck, type PageToCheck } from "../../src/cli/run-accessibility-check.ts";
import { DATASETS } from "../../src/modules/opendata/datasets.ts";
import { testApp } from "../support/app.ts";
import { describeWithChromium } from "../support/browser.ts";
import { createTestDatabase } from "../support/databases.ts";
import { loadTokushima, tokushimaPlan } from "../support/fixtures.ts";
import { visibleText } from "../support/html.ts";

/**
 * Pages of the one municipality, counted from the plan file and the open data
 * catalogue: one per policy, initiative, named division and dataset, plus the fixed ones.
 */
function expectedPageCount() {
  const plan = tokushimaPlan();
  const divisions = new Set(plan.initiatives.flatMap((i) => i.divisions.flatMap((d) => (d.kind === "division" ? [d.name] : []))));
  const fixed = ["top", "initiatives", "divisions", "coverage", "glossary", "evaluation-history", "results", "changes", "open-data", "/accessibility"];
  return plan.policies.length + plan.initiatives.length + divisions.size + DATASETS.length + fixed.length;
}

describeWithChromium("runAccessibilityCheck [pglite]", () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase("pglite");
    await loadTokushima(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  const policyPage = async () => {
    const res = await testApp(db).request("/accessibility");
    expect(res.status).toBe(200);
    return visibleText(await res.text());
  };

  it("says there is no record before the first check", async () => {
    expect(await policyPage()).toContain(NO_CHECK_YET);
  });

  it("lists every public page derived from the data, each once", async () => {
    const paths = (await publicPages(db)).map((p) => p.path);
    expect(paths).toHaveLength(expectedPageCount());
    expect(new Set(paths).size).toBe(paths.length);
  });

  /**
   * One page of each type: the pages of a type share one template, and the
   * accessibility tests in Chromium check each type at two screen sizes, so
   * running axe on all ~120 pages here would only repeat them (minutes).
   */
  const onePerType = (pages: PageToCheck[]) => {
    const kind = (path: string) => path.replace(/\/\d+$/, "/N").replace(/\/open-data\/[^/]+$/, "/open-data/DATASET");
    const seen = new Map<string, PageToCheck>();
    for (const page of pages) if (!seen.has(kind(page.path))) seen.set(kind(page.path), page);
    return [...seen.values()];
  };

  it("checks public pages, records the result and shows it on the accessibility page", { timeout: 180_000 }, async () => {
    const sample = onePerType(await publicPages(db));
    expect(sample.map((p) => p.path)).toEqual(expect.arrayContaining(["/362018/initiatives/1", "/362018/policies/1", "/accessibility"]));
    const run = await runAccessibilityCheck(db, { pages: sample });
    expect(run.paths).toEqual(sample.map((p) => p.path));

    const rows = await db.query<{ checked_at: Date; tool: string; pages_checked: number; violations: number; details: unknown }>(
      "select checked_at, tool, pages_checked, violations, details from accessibility_check",
    );
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.pages_checked).toBe(sample.length);
    expect(row.tool).toMatch(/^axe-core \d+\.\d+\.\d+$/);

    const page = await policyPage();
    expect(page).not.toContain(NO_CHECK_YET);
    expect(page).toContain(japaneseDateTime(new Date(row.checked_at)));
    expect(page).toContain(row.tool);
    expect(page).toContain(`${sample.length}ページ`);

    // Zero violations on every page, and the page says so.
    expect(row.details, JSON.stringify(row.details, null, 2)).toEqual([]);
    expect(row.violations).toBe(0);
    expect(page).toContain("問題は検出されませんでした");
  });
});
