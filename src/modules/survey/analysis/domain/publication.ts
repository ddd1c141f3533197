/**
 * A crosstab as it is published (survey_published_table, migration 0019):
 * aggregate counts only — categories with their n, cells with small counts
 * suppressed (suppression.ts), the totals — and never free text, which a
 * crosstab of choice questions does not contain by construction.
 */
import type { Crosstab } from "./crosstab.ts";
import { formatPercent } from "./statistics.ts";
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
  /** Printed under the table on the public page: how it was counted, the margins of error, the chi-square test. */
  note: string;
};

/**
 * The statistics a reader needs to judge the table, as one note: the 95%
 * margin of error overall and per group (at p = 50%, the widest), and the
 * chi-square test of independence — the same figures as the analysis page.
 * Margins use n, which the table publishes anyway; a group nobody is in has none.
 */
export function statisticsNote(t: Crosstab): string {
  const moe = (m: number | null) => (m === null ? null : `±${formatPercent(m)}`);
  const groups = t.columns.flatMap((c, j) => {
    const m = moe(t.margins[j] ?? null);
    return m && t.bases[j]! > 0 ? [`${c.label} ${m}`] : [];
  });
  const total = moe(t.margin);
  const margin = total
    ? `誤差の幅（95%信頼区間、回答の割合が50%のとき）: 全体 ${total}ポイント（n=${t.total.count.toLocaleString("ja-JP")}）${groups.length > 0 ? `、${groups.join("、")}ポイント` : ""}。`
    : "";
  const test = t.test;
  const chi =
    t.question.kind === "multiple"
      ? "複数回答の設問のため、独立性の検定はしていません。"
      : test
        ? `独立性の検定（カイ二乗検定）: χ²＝${test.statistic.toFixed(2)}、自由度 ${test.df}、p値 ${test.pValue < 0.001 ? "0.001未満" : test.pValue.toFixed(3)}（${test.pValue < 0.05 ? `5%水準で${t.by.text}による違いがある` : `5%水準では${t.by.text}による違いがあるとはいえない`}${test.approximationReliable ? "" : "。期待度数の小さいセルが多いため参考値"}）。`
        : "回答が少ないため、独立性の検定はできません。";
  const suppression = t.weighted
    ? "重み付け集計（レイキング）。回答者が1〜4人のセルと、合計から逆算できるセルは秘匿しています。"
    : "回答者が1〜4人のセルと、合計から逆算できるセルは秘匿しています（「－」）。";
  return `${suppression}${margin}${chi}`;
}

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
    note: statisticsNote(t),
  };
}
