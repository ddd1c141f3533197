/**
 * axe-core in Debian's Chromium through playwright-core: finding the browser,
 * launching it the same way everywhere, and running axe in a loaded page.
 * Used by the recorded check (run-accessibility-check.ts) and the browser tests.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults, Result, RunOptions } from "axe-core";
import type { Browser, Page } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "../../core/pdf/chromium.ts";

const require = createRequire(import.meta.url);

/** The rule sets we hold the pages to: WCAG 2.0/2.1 A and AA (JIS X 8341-3:2016 AA is WCAG 2.0 AA) plus axe's best practices. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] as const;

export const STANDARD = `JIS X 8341-3:2016 適合レベルAA（axe-core のルール: ${AXE_TAGS.join(", ")}）`;

export { findChromium };

export async function launchChromium(executablePath: string): Promise<Browser> {
  // Loaded on demand: only the check and the browser tests need a browser.
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

let axeSource: string | undefined;

export function axeVersion(): string {
  return (require("axe-core/package.json") as { version: string }).version;
}

export type AxeViolation = Pick<Result, "id" | "impact" | "help" | "helpUrl"> & { targets: string[] };

/**
 * Runs axe in the page as loaded and returns its violations. axe is put in
 * through page.evaluate (DevTools evaluation), not a <script> tag, because
 * our Content-Security-Policy rightly refuses inline scripts.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.evaluate(axeSource);
  const options: RunOptions = { runOnly: { type: "tag", values: [...AXE_TAGS] }, resultTypes: ["violations"] };
  const results = await page.evaluate(
    (opts) => (window as unknown as { axe: { run(ctx: Document, o: RunOptions): Promise<AxeResults> } }).axe.run(document, opts),
    options,
  );
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}

/** One line per violation, for test failures and the command's output. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact ?? "-"}): ${v.help} — ${v.targets.join(", ")}`).join("\n");
}
