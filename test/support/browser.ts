/**
 * Browser tests: the real app on a loopback port over an in-memory PGlite
 * database, and one Chromium (Debian's, through playwright-core) per test
 * file. The data tests already cover both databases, so one kind is enough here.
 *
 *   describeInBrowser("citizen stories", (ctx) => {
 *     it("…", async () => { const page = await ctx.newPage(); await page.goto(ctx.url + "/362018") … });
 *   }, { seed: "tokushima" });
 *
 * Without Chromium the tests are skipped with the reason printed, except
 * under CI, where a missing browser must not pass silently: the tests fail.
 */
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { describeViolations, findChromium, launchChromium, runAxe } from "../../src/modules/accessibility/axe-runner.ts";
import { serveApp } from "./app.ts";
import { createTestDatabase } from "./databases.ts";
import type { Seed } from "./test-database-seeds.ts";

export type BrowserTestContext = {
  browser: Browser;
  db: Database;
  /** The served app, e.g. http://127.0.0.1:40123 (no trailing slash). */
  url: string;
  /** A page in a fresh browser context (its own cookies and settings); closed after the file. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
};

export const MOBILE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true } as const;

/**
 * A describe block that needs Chromium: skipped with the reason printed when
 * it is missing, or failed (under CI) with that reason. Gives the executable.
 */
export function describeWithChromium(name: string, body: (chromium: { path: string }) => void): void {
  const found = findChromium();
  const missing = "missing" in found ? found.missing : undefined;
  if (missing && !process.env.CI) console.warn(`\n[skip] ブラウザテスト「${name}」を省略します — ${missing}\n`);
  describe.skipIf(missing !== undefined && !process.env.CI)(name, () => {
    if (missing) {
      beforeAll(() => {
        throw new Error(`${missing}（CI ではブラウザテストを省略できません）`);
      });
    }
    body({ path: "path" in found ? found.path : "" });
  });
}

/** The app served over a fresh PGlite database (after setup), with one browser for the whole block. */
export function describeInBrowser(
  name: string,
  body: (ctx: BrowserTestContext) => void,
  options: { seed?: Seed; setup?: (db: Database) => Promise<unknown>; jobs?: boolean } = {},
): void {
  describeWithChromium(name, (chromium) => {
    const ctx = {} as BrowserTestContext;
    let stopServer: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      ctx.db = await createTestDatabase("pglite", options.seed);
      await options.setup?.(ctx.db);
      const served = await serveApp(ctx.db, { jobs: options.jobs });
      ctx.url = served.url;
      stopServer = served.stop;
      ctx.browser = await launchChromium(chromium.path);
      ctx.newPage = async (contextOptions) => (await ctx.browser.newContext(contextOptions)).newPage();
    });
    afterAll(async () => {
      await ctx.browser?.close();
      await stopServer?.();
      await ctx.db?.close();
    });
    body(ctx);
  });
}

/** Runs axe-core in the page as loaded and fails with one line per violation. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const violations = await runAxe(page);
  expect(violations, `${page.url()}\n${describeViolations(violations)}`).toEqual([]);
}
