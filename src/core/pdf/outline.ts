/**
 * Reads a PDF's bookmarks (outline) with the page each one points at, and
 * its page count, with pdf-lib (pure JavaScript). Chromium writes one
 * bookmark per heading when printing with `outline: true`, so this is how we
 * learn on which page each heading landed (CSS target-counter() is not
 * supported by Chromium: see print.ts).
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject } from "pdf-lib";

export type OutlineEntry = { title: string; page: number; depth: number };

export type PdfFacts = { pageCount: number; outline: OutlineEntry[]; title: string | undefined };

const text = (o: PDFObject | undefined) =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;

export async function readPdfFacts(bytes: Uint8Array): Promise<PdfFacts> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = doc.getPages();
  const pageOf = new Map<string, number>(pages.map((p, i) => [p.ref.toString(), i + 1]));
  const context = doc.context;
  const lookup = (o: PDFObject | undefined): PDFObject | undefined => (o instanceof PDFRef ? context.lookup(o) : o);

  // Named destinations (Chromium may point bookmarks at names rather than pages).
  const named = new Map<string, PDFObject>();
  const dests = lookup(doc.catalog.get(PDFName.of("Dests")));
  if (dests instanceof PDFDict) for (const [k, v] of dests.entries()) named.set(k.decodeText(), v);
  const collectNames = (node: PDFObject | undefined) => {
    const n = lookup(node);
    if (!(n instanceof PDFDict)) return;
    const names = lookup(n.get(PDFName.of("Names")));
    if (names instanceof PDFArray) {
      for (let i = 0; i + 1 < names.size(); i += 2) {
        const key = text(lookup(names.get(i)));
        if (key !== undefined) named.set(key, names.get(i + 1));
      }
    }
    const kids = lookup(n.get(PDFName.of("Kids")));
    if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) collectNames(kids.get(i));
  };
  const nameTree = lookup(doc.catalog.get(PDFName.of("Names")));
  if (nameTree instanceof PDFDict) collectNames(nameTree.get(PDFName.of("Dests")));

  const pageOfDest = (destination: PDFObject | undefined): number | undefined => {
    let d = lookup(destination);
    if (d instanceof PDFName) d = lookup(named.get(d.decodeText()));
    else if (d instanceof PDFString || d instanceof PDFHexString) d = lookup(named.get(d.decodeText()));
    if (d instanceof PDFDict) d = lookup(d.get(PDFName.of("D")));
    if (!(d instanceof PDFArray)) return undefined;
    const target = d.get(0);
    return target instanceof PDFRef ? pageOf.get(target.toString()) : undefined;
  };

  const outline: OutlineEntry[] = [];
  const walk = (first: PDFObject | undefined, depth: number) => {
    let item = lookup(first);
    let guard = 0;
    while (item instanceof PDFDict && guard++ < 100_000) {
      const action = lookup(item.get(PDFName.of("A")));
      const dest = item.get(PDFName.of("Dest")) ?? (action instanceof PDFDict ? action.get(PDFName.of("D")) : undefined);
      const page = pageOfDest(dest);
      const title = text(lookup(item.get(PDFName.of("Title"))));
      if (title !== undefined && page !== undefined) outline.push({ title, page, depth });
      walk(item.get(PDFName.of("First")), depth + 1);
      item = lookup(item.get(PDFName.of("Next")));
    }
  };
  const root = lookup(doc.catalog.get(PDFName.of("Outlines")));
  if (root instanceof PDFDict) walk(root.get(PDFName.of("First")), 1);
  return { pageCount: pages.length, outline, title: doc.getTitle() };
}
