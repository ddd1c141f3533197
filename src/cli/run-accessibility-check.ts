/**
 * The automated accessibility check: every public page of every
 * municipality, run through axe-core in Chromium, recorded in
 * accessibility_check for the accessibility policy page.
 *
 *   npm run cli -- check-accessibility
 *
 * The list of pages is derived from the data (every policy, initiative and
 * division that exists, every open dataset's codebook page), so a page added
 * to the plan is checked without anyone remembering to list it.
 */
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { createApp, type AppDeps } from "../app.ts";
import { LICENSES } from "../config.ts";
import type { Database } from "../core/db/database.ts";
import { datasetPath } from "../modules/opendata/dataset-document.ts";
import { DATASETS } from "../modules/opendata/datasets.ts";
import { listPublishedYears } from "../modules/cycle/repository/results-queries.ts";
import { listMunicipalities } from "../modules/tenancy/repository/municipality-queries.ts";
import { PlanCache } from "../modules/plan/plan-cache.ts";
import { summariseDivisions } from "../modules/portal/views/reference-pages.tsx";
import { type AccessibilityCheck, insertAccessibilityCheck, type RecordedViolation } from "../modules/accessibility/accessibility-check-queries.ts";
import { axeVersion, describeViolations, findChromium, launchChromium, runAxe, STANDARD } from "../modules/accessibility/axe-runner.ts";

export type AccessibilityCheckOptions = {
  /** Check a server that is already running (e.g. http://localhost:3000) instead of serving the app on a loopback port. */
  baseUrl?: string;
  /** Settings of the app served for the check; only used without baseUrl. */
  config?: AppDeps["config"];
  /** Progress, one line per page with violations and a summary (e.g. console.log). */
  log?: (line: string) => void;
  /** Check only these pages instead of every public page (the tests check one page of each type). */
  pages?: PageToCheck[];
};

export type AccessibilityCheckRun = AccessibilityCheck & { paths: string[] };

export class AccessibilityCheckError extends Error {}

/**
 * Checks every public page and records the result as one row of
 * accessibility_check. Throws AccessibilityCheckError (recording nothing)
 * when Chromium is missing or a page answers with another status than
 * expected (200; 404 for a municipality without a published plan), since the
 * result would not describe the site.
 */
export async function runAccessibilityCheck(
  db: Database,
  options: AccessibilityCheckOptions = {},
): Promise<AccessibilityCheckRun> {
  const log = options.log ?? (() => {});
  const chromium = findChromium();
  if ("missing" in chromium) throw new AccessibilityCheckError(chromium.missing);

  const pages = options.pages ?? (await publicPages(db));
  const server = options.baseUrl ? undefined : await serveOnLoopback(db, options.config);
  const baseUrl = (options.baseUrl ?? server!.url).replace(/\/$/, "");
  const details: RecordedViolation[] = [];
  const failed: string[] = [];
  let browser: Browser | undefined;
  try {
    browser = await launchChromium(chromium.path);
    const page = await browser.newPage();
    for (const { path, status } of pages) {
      const response = await page.goto(baseUrl + path);
      if (response?.status() !== status) {
        failed.push(`${path}（${response?.status() ?? "応答なし"}）`);
        continue;
      }
      const violations = await runAxe(page);
      if (violations.length > 0) log(`${path}\n${describeViolations(violations)}`);
      for (const v of violations) {
        details.push({ url: path, rule: v.id, impact: v.impact ?? null, help: v.help, helpUrl: v.helpUrl, targets: v.targets });
      }
    }
  } finally {
    await browser?.close();
    await server?.stop();
  }
  if (failed.length > 0) {
    throw new AccessibilityCheckError(`次のページを表示できなかったため、結果を記録していません: ${failed.join("、")}`);
  }

  const recorded = await insertAccessibilityCheck(db, {
    tool: `axe-core ${axeVersion()}`,
    standard: STANDARD,
    pagesChecked: pages.length,
    violations: details.length,
    details,
  });
  log(`${pages.length}ページを確認しました。検出された問題: ${details.length}件`);
  return { ...recorded, paths: pages.map((p) => p.path) };
}

export type PageToCheck = { path: string; status: 200 | 404 };

/** Every public page: each municipality's portal and open data pages, and the site-wide pages. */
export async function publicPages(db: Database): Promise<PageToCheck[]> {
  const municipalities = await listMunicipalities(db);
  const plans = new PlanCache(db);
  const ok = (path: string): PageToCheck => ({ path, status: 200 });
  // With a single municipality "/" only redirects to its top page, which is listed anyway.
  const pages = municipalities.length === 1 ? [] : [ok("/")];
  for (const m of municipalities) {
    const base = `/${m.lgCode}`;
    const plan = (await plans.current(m.lgCode))?.plan;
    if (!plan) {
      // A municipality registered without a published plan says so on a 404 page.
      pages.push({ path: base, status: 404 });
      continue;
    }
    const paths = [
      base,
      ...plan.policies.map((p) => `${base}/policies/${p.number}`),
      `${base}/initiatives`,
      ...plan.initiatives.map((i) => `${base}/initiatives/${i.number}`),
      `${base}/divisions`,
      ...summariseDivisions(plan).divisions.map((d) => `${base}/divisions/${d.id}`),
      `${base}/coverage`,
      `${base}/glossary`,
      `${base}/evaluation-history`,
      `${base}/results`,
      ...(await listPublishedYears(db, plan.id)).map((year) => `${base}/results/${year}`),
      `${base}/changes`,
      `${base}/open-data`,
      ...DATASETS.map((d) => datasetPath(m.lgCode, d.id)),
    ];
    pages.push(...paths.map(ok));
  }
  pages.push(ok("/accessibility"));
  return pages;
}

async function serveOnLoopback(db: Database, config: AppDeps["config"] = { license: LICENSES["pdl-1.0"], siteUrl: undefined }) {
  const app = createApp({ db, config });
  return new Promise<{ url: string; stop: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        stop: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
