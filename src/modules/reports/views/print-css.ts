/**
 * The print stylesheet of the PDF documents, inlined into the HTML that
 * Chromium prints (the document must be self-contained: no network).
 * A4 portrait; the running header (plan and year) and 「n / N」 page numbers
 * are @page margin boxes; the cover (:first) has neither. A draft (案) says
 * so in the header of every page, the cover included, and under the text.
 */

/** A CSS string literal: content: "…" must not be broken by the plan's text. */
export const cssString = (text: string) => `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/[\r\n]+/g, " ")}"`;

export function printCss(options: { header: string; draft: boolean }): string {
  const draftBox = options.draft
    ? `@top-right { content: "案"; color: #b00; font-size: 16pt; font-weight: 700; border: 1.5pt solid #b00; padding: 0 2mm; }`
    : "";
  return `
@page {
  size: A4 portrait;
  margin: 18mm 16mm 16mm 16mm;
  @top-left { content: ${cssString(options.header)}; font-size: 8pt; color: #333; font-family: "Noto Sans CJK JP", sans-serif; }
  ${draftBox}
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; font-family: "Noto Sans CJK JP", sans-serif; }
}
@page :first {
  @top-left { content: none; }
  @bottom-center { content: none; }
  ${options.draft ? draftBox : ""}
}
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK JP", sans-serif; font-size: 9.5pt; line-height: 1.6; color: #1a1a1a; }
body { margin: 0; }
/* No line-height here: Chromium 156 then writes some headings twice into the bookmarks. */
h1, h2, h3, h4 { margin: 0 0 3mm; break-after: avoid; }
h2 { font-size: 15pt; border-bottom: 1.5pt solid #0031d8; padding-bottom: 1.5mm; margin-top: 0; }
h3 { font-size: 12.5pt; }
h4 { font-size: 10.5pt; margin-top: 4mm; margin-bottom: 1.5mm; }
p { margin: 0 0 2mm; }
ul, ol { margin: 0 0 2mm; padding-left: 5mm; }
.page { break-before: page; }
table { border-collapse: collapse; width: 100%; margin: 0 0 3mm; break-inside: auto; }
caption { text-align: left; font-weight: 700; margin-bottom: 1mm; }
th, td { border: 0.5pt solid #666; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
thead th { background: #e8eef9; }
tr { break-inside: avoid; }
.num { text-align: right; white-space: nowrap; }
.note { color: #444; font-size: 8.5pt; }
.none { color: #444; }
.cover { height: 250mm; display: flex; flex-direction: column; justify-content: center; text-align: center; }
.cover .municipality { font-size: 16pt; margin-bottom: 10mm; }
.cover h1 { font-size: 24pt; margin-bottom: 6mm; }
.cover .year { font-size: 16pt; margin-bottom: 30mm; }
.cover .date { font-size: 12pt; }
.cover .draft-mark { font-size: 28pt; color: #b00; border: 2pt solid #b00; display: inline-block; padding: 1mm 6mm; margin: 0 auto 10mm; }
.contents ol { list-style: none; padding: 0; }
.contents li { display: flex; align-items: baseline; gap: 2mm; line-height: 1.5; font-size: 9pt; }
.contents li.level-3 { padding-left: 6mm; }
.contents a { color: inherit; text-decoration: none; }
.contents .fill { flex: 1; border-bottom: 0.5pt dotted #666; }
.contents .pageno { min-width: 8mm; text-align: right; }
.grade { font-weight: 700; font-size: 12pt; }
.missing { border: 1pt solid #b00; padding: 2mm 3mm; margin: 3mm 0; break-inside: avoid; }
.missing h4 { margin-top: 0; color: #b00; }
.watermark { position: fixed; top: 95mm; left: 0; right: 0; text-align: center; font-size: 150pt; color: rgba(187, 0, 0, 0.08); z-index: -1; }
.chart { width: 100%; height: auto; }
.meta th { width: 28mm; background: #f3f5f9; }
dl.definitions { display: grid; grid-template-columns: 10mm 1fr; gap: 1mm 3mm; }
dl.definitions dt { font-weight: 700; }
dl.definitions dd { margin: 0; }
.glossary dt { font-weight: 700; margin-top: 2mm; }
.glossary dd { margin: 0 0 1mm 4mm; }
.schedule thead th { white-space: nowrap; }
.schedule td.phase-cell { text-align: center; white-space: nowrap; }
`;
}
