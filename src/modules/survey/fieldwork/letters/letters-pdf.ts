/**
 * The letters printed to PDF in the request (decision 029: 1,300 letters print
 * in a few seconds, so no background job is needed). One Chromium per request,
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
