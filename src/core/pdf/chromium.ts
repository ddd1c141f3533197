/**
 * Debian's Chromium through playwright-core (no browser download:
 * CHROMIUM_PATH, else /usr/bin/chromium), for printing PDFs and for the
 * accessibility check (modules/accessibility/axe-runner.ts), launched the same
 * way for both: no sandbox (containers), no GPU, no network chatter.
 */
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

const DEFAULT_CHROMIUM = "/usr/bin/chromium";

// No network, no profile chatter: the browser only ever talks to our own server or page.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export class ChromiumMissingError extends Error {}

/** The Chromium executable (CHROMIUM_PATH, else Debian's), or why there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): { path: string } | { missing: string } {
  const path = env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (existsSync(path)) return { path };
  return {
    missing: env.CHROMIUM_PATH
      ? `CHROMIUM_PATH に指定された Chromium（${path}）が見つかりません`
      : `Chromium が見つかりません（${DEFAULT_CHROMIUM}。apt-get install chromium で入れるか、CHROMIUM_PATH で場所を指定してください）`,
  };
}

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const found = findChromium(env);
  if ("missing" in found) throw new ChromiumMissingError(`PDF を作成できません: ${found.missing}`);
  return found.path;
}

export async function launchPrinter(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  const executablePath = chromiumPath(env);
  // Loaded on demand: only processes that print need the browser driver.
  const { chromium } = await import("playwright-core");
  // Unhinted glyph outlines print the same at every size.
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, "--font-render-hinting=none"] });
}
