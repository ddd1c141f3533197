/**
 * One text cell of a CSV file, safe to open in spreadsheet software. Shared
 * by every CSV the product writes (open data, the audit log); see
 * docs/decisions/015-csv-formula-injection.md.
 *
 * Spreadsheets read a cell that begins with =, +, -, @ (or a tab or carriage
 * return before one) as a formula, so a division renamed to
 * =HYPERLINK("http://x","y") would become a live link in the file a citizen
 * or an auditor opens. Such text gets a leading apostrophe, which every
 * spreadsheet treats as "this is text". Only text is touched: numbers are
 * written by the callers, bare and unchanged (-1.5 stays -1.5).
 *
 * The escape is reversible without knowing anything else: text that already
 * begins with apostrophes followed by one of those characters gets one more,
 * so recoverCsvText (drop one leading apostrophe when it is followed by
 * apostrophes and then a trigger) gives back exactly what was stored.
 */

/** Text that a spreadsheet would evaluate, or that already looks escaped. */
const NEEDS_APOSTROPHE = /^'*[=+\-@\t\r]/;
const ESCAPED = /^'+[=+\-@\t\r]/;

/** The text as it must be written so that no spreadsheet evaluates it. */
export function neutraliseFormula(text: string): string {
  return NEEDS_APOSTROPHE.test(text) ? `'${text}` : text;
}

/** What a consumer does to get the stored text back from a neutralised cell. */
export function recoverCsvText(cell: string): string {
  return ESCAPED.test(cell) ? cell.slice(1) : cell;
}

/**
 * A text field: any line break turned into a space so that a record never
 * spans lines (L1-14) — first, so a leading line break cannot hide a formula
 * —, then neutralised, always quoted (so a comma or quote inside can never
 * shift the columns, L1-15), quotes doubled.
 */
export function csvText(text: string): string {
  const oneLine = text.replace(/\r\n|[\r\n\u2028\u2029]/g, " ");
  return `"${neutraliseFormula(oneLine).replace(/"/g, '""')}"`;
}
