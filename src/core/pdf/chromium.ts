/**
 * Debian's Chromium through playwright-core, for printing PDFs (no browser
 * download: CHROMIUM_PATH, else /usr/bin/chromium). The flags are those the
 * accessibility check uses (modules/accessibility/axe-runner.ts): no
 * sandbox (containers), no GPU, no network chatter.
 */
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

const DEFAULT_CHROMIUM = "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--font-render-hinting=none",
];

export class ChromiumMissingError extends Error {}

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (!existsSync(path)) {
    throw new ChromiumMissingError(
      env.CHROMIUM_PATH
        ? `CHROMIUM_PATH に指定された Chromium（${path}）が見つかりません`
        : `PDF の作成に必要な Chromium が見つかりません（${DEFAULT_CHROMIUM}。apt-get install chromium で入れるか、CHROMIUM_PATH で場所を指定してください）`,
    );
  }
  return path;
}

export async function launchPrinter(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  const executablePath = chromiumPath(env);
  // Loaded on demand: only processes that print need the browser driver.
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}
