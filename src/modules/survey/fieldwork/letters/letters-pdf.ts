/**
 * The letters HTML printed to PDF, for the survey_letters job (decision 029:
 * 1,300 letters take minutes, so never in a request). One Chromium per job,
 * closed afterwards.
 */
import { launchPrinter } from "../../../../core/pdf/chromium.ts";
import { printHtml } from "../../../../core/pdf/print.ts";

export async function printLetters(html: string): Promise<Uint8Array> {
  const browser = await launchPrinter();
  try {
    return await printHtml(browser, html);
  } finally {
    await browser.close();
  }
}
