/**
 * HTML → PDF with Chromium: one self-contained HTML document (inline CSS, no
 * network) printed as an A4 tagged PDF with bookmarks. Page size, margins,
 * the running header and the 「n / N」 page numbers come from the document's
 * own @page rules (preferCSSPageSize), so the HTML decides the layout.
 *
 * A table of contents with page numbers: Chromium does not support CSS
 * target-counter(), so the document is printed, the page of each heading is
 * read from the PDF's bookmarks (outline.ts), the numbers are written into
 * the contents and the document is printed again — until the numbers hold
 * (the contents keep the same size whatever the numbers, so the second pass
 * normally settles it; a third is allowed).
 */
import type { Browser } from "playwright-core";
import { launchPrinter } from "./chromium.ts";
import { readPdfFacts, type PdfFacts } from "./outline.ts";

/** Page of each heading, by its text as the bookmark shows it (whitespace collapsed). */
export type HeadingPages = ReadonlyMap<string, number>;

export const headingKey = (text: string) => text.replace(/\s+/g, " ").trim();

export type PrintedPdf = { pdf: Uint8Array; facts: PdfFacts; headingPages: HeadingPages; passes: number };

export async function printHtml(browser: Browser, html: string): Promise<Uint8Array> {
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: "load" });
    const pdf = await page.pdf({
      format: "A4",
      preferCSSPageSize: true,
      tagged: true,
      outline: true,
      printBackground: true,
      displayHeaderFooter: false,
    });
    return new Uint8Array(pdf);
  } finally {
    await context.close();
  }
}

const pagesOf = (facts: PdfFacts): Map<string, number> => {
  const pages = new Map<string, number>();
  // The first heading of a text wins: a later heading with the same text is not in the contents.
  for (const e of facts.outline) if (!pages.has(headingKey(e.title))) pages.set(headingKey(e.title), e.page);
  return pages;
};

/**
 * Prints `render(pages)` until the page numbers it was given are the pages
 * its headings land on. `listed` are the headings the contents lists.
 */
export async function printWithContents(
  render: (pages: HeadingPages | undefined) => string,
  listed: readonly string[],
  options: { browser?: Browser; onPass?: (pass: number) => Promise<void> | void; maxPasses?: number } = {},
): Promise<PrintedPdf> {
  const browser = options.browser ?? (await launchPrinter());
  try {
    let given: HeadingPages | undefined;
    const maxPasses = options.maxPasses ?? 3;
    for (let pass = 1; ; pass++) {
      await options.onPass?.(pass);
      const pdf = await printHtml(browser, render(given));
      const facts = await readPdfFacts(pdf);
      const found = pagesOf(facts);
      const absent = listed.filter((h) => !found.has(headingKey(h)));
      if (absent.length > 0) throw new Error(`目次の見出しが PDF のしおりにありません: ${absent.slice(0, 3).join("、")}`);
      const settled = given !== undefined && listed.every((h) => given!.get(headingKey(h)) === found.get(headingKey(h)));
      if (settled || (pass >= maxPasses && given !== undefined)) {
        if (!settled) throw new Error("目次のページ番号が定まりませんでした（本文の見出しと目次が一致しません）");
        return { pdf, facts, headingPages: found, passes: pass };
      }
      given = found;
    }
  } finally {
    if (!options.browser) await browser.close();
  }
}
