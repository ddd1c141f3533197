/**
 * A crosstab as it is published (survey_published_table, migration 0019):
 * aggregate counts only — categories with their n, cells with small counts
 * suppressed (suppression.ts), the totals — and never free text, which a
 * crosstab of choice questions does not contain by construction.
 */
import type { Crosstab } from "./crosstab.ts";
import { suppressSmallCells } from "./suppression.ts";

export type PublishedCategory = { axis: "row" | "column"; code: string; label: string; position: number; n: number };
/** rowCode/columnCode null = a total, as in survey_published_cell. */
export type PublishedCell = { rowCode: string | null; columnCode: string | null; count: string | null };
export type PublishedCrosstab = {
  key: string;
  title: string;
  categories: PublishedCategory[];
  cells: PublishedCell[];
  suppressedCells: number;
};

/** The open-data key: lower case, '-' for '_' (survey_published_table.key); "crosstab-" keeps it apart from the printed tables' keys. */
export function publicationKey(t: Pick<Crosstab, "question" | "by" | "weighted">): string {
  const part = (code: string) => code.toLowerCase().replace(/_/g, "-");
  return `crosstab-${part(t.question.code)}-by-${part(t.by.code)}${t.weighted ? "-weighted" : ""}`.slice(0, 63);
}

export function publishedCrosstab(t: Crosstab): PublishedCrosstab {
  const figure = (n: number) => (t.weighted ? n.toFixed(2) : String(n));
  const suppressed = suppressSmallCells(t.counts);
  const cells: PublishedCell[] = [];
  t.rows.forEach((row, i) =>
    t.columns.forEach((column, j) =>
      cells.push({ rowCode: row.code, columnCode: column.code, count: suppressed[i]![j] ? null : figure(t.values[i]![j]!) }),
    ),
  );
  t.rows.forEach((row, i) => cells.push({ rowCode: row.code, columnCode: null, count: figure(t.rowTotals[i]!) }));
  // The column totals are the bases: respondents, not answers, for a multiple choice.
  t.columns.forEach((column, j) => cells.push({ rowCode: null, columnCode: column.code, count: figure(t.valueBases[j]!) }));
  cells.push({ rowCode: null, columnCode: null, count: figure(t.total.value) });
  return {
    key: publicationKey(t),
    title: `${t.question.number} ${t.question.text}（${t.by.text}別${t.weighted ? "・重み付け" : ""}）`,
    categories: [
      ...t.rows.map((r, i) => ({ axis: "row" as const, code: r.code, label: r.label, position: i + 1, n: t.rowCounts[i]! })),
      ...t.columns.map((c, j) => ({ axis: "column" as const, code: c.code, label: c.label, position: j + 1, n: t.bases[j]! })),
    ],
    cells,
    suppressedCells: suppressed.flat().filter(Boolean).length,
  };
}
