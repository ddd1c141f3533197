/**
 * A published survey table as the portal and open data read it, and the
 * arithmetic on it: percentages with one stated rounding rule, the figures
 * a report states in its text, and the check that printed totals equal the
 * sums of their cells. Pure: no database, no HTTP.
 */

export type PublishedCategory = { code: string; label: string; n: number | null };

export type PublishedTable = {
  id: number;
  key: string;
  number: string | null;
  title: string;
  questionCode: string | null;
  questionText: string;
  kind: "single" | "multiple";
  rowTitle: string | null;
  columnAttribute: string | null;
  columnTitle: string | null;
  unit: string;
  weighted: boolean;
  source: "printed" | "computed";
  note: string | null;
  publishedAt: Date;
  rows: PublishedCategory[];
  columns: PublishedCategory[];
  /** cellKey(row, column) → the count as a decimal string; null = suppressed. Totals under null codes. */
  cells: ReadonlyMap<string, string | null>;
};

/** null stands for the total (合計) of that axis, as in survey_published_cell. */
export const cellKey = (row: string | null, column: string | null) => `${row ?? ""}\u0000${column ?? ""}`;

/** The stored count; undefined when the table has no such cell, null when it was suppressed. */
export function cellOf(table: Pick<PublishedTable, "cells">, row: string | null, column: string | null): string | null | undefined {
  return table.cells.get(cellKey(row, column));
}

export const hasFigures = (table: Pick<PublishedTable, "cells">) => table.cells.size > 0;

/**
 * The rounding rule, stated on the page: 割合は四捨五入. Computed on integers
 * (count × 10^(digits+2) / base, half up) so 0.5 never becomes 0.4999….
 * Counts must be whole numbers here; weighted tables pass their rounded sums.
 */
export function percentOf(count: number, base: number, digits = 0): string | null {
  if (base <= 0) return null;
  const scale = 10 ** digits;
  const scaled = Math.floor((2 * count * 100 * scale + base) / (2 * base));
  return digits === 0 ? String(scaled) : (scaled / scale).toFixed(digits);
}

export const ROUNDING_RULE = "割合（%）は、該当する人数を合計の人数で割って百分率にし、表では小数点以下第2位を、本文の数値では小数点以下第1位を四捨五入しています。このため、割合の合計が100%にならないことがあります。";

export type Headline = {
  label: string;
  tableKey: string;
  count: number;
  base: number;
  /** Whole percent by the rounding rule. */
  percent: string;
  statedPercent: string | null;
};

/**
 * A figure the report states in its text, computed from the stored table:
 * the row's count (in one column or in all) out of that column's total.
 */
export function headlineOf(table: PublishedTable, ref: { label: string; row: string; column: string | null; statedPercent: string | null }): Headline | undefined {
  const count = cellOf(table, ref.row, ref.column);
  const base = cellOf(table, null, ref.column);
  if (count == null || base == null) return undefined;
  const percent = percentOf(Number(count), Number(base));
  if (percent === null) return undefined;
  return { label: ref.label, tableKey: table.key, count: Number(count), base: Number(base), percent, statedPercent: ref.statedPercent };
}

/**
 * Where a table's printed totals disagree with its cells (single choice
 * only: a multiple-choice column's total is its respondents, not a sum).
 * Empty when everything adds up.
 */
export function totalDiscrepancies(table: PublishedTable): string[] {
  if (table.kind !== "single" || !hasFigures(table)) return [];
  const problems: string[] = [];
  const value = (row: string | null, column: string | null) => {
    const v = cellOf(table, row, column);
    return v == null ? null : Number(v);
  };
  const columns: (string | null)[] = table.columns.length > 0 ? [...table.columns.map((c) => c.code), null] : [null];
  for (const row of table.rows) {
    const total = value(row.code, null);
    const cells = table.columns.map((c) => value(row.code, c.code));
    if (table.columns.length > 0 && total !== null && cells.every((c) => c !== null)) {
      const sum = cells.reduce((a, b) => a! + b!, 0)!;
      if (sum !== total) problems.push(`行「${row.label}」: 合計 ${total}、各列の和 ${sum}`);
    }
  }
  for (const column of columns) {
    const total = value(null, column);
    const cells = table.rows.map((r) => value(r.code, column));
    if (total !== null && cells.every((c) => c !== null)) {
      const sum = cells.reduce((a, b) => a! + b!, 0)!;
      const label = column === null ? "合計" : table.columns.find((c) => c.code === column)!.label;
      if (sum !== total) problems.push(`列「${label}」: 合計 ${total}、各行の和 ${sum}`);
    }
  }
  return problems;
}

/** Rows of the table in the other direction: one per column category, its counts and their share of the column's total. */
export type ShareRow = { code: string; label: string; base: number | null; shares: { code: string; count: number | null; percent: string | null }[] };

export function sharesByColumn(table: PublishedTable, digits = 1): ShareRow[] {
  const columns = [...table.columns.map((c) => ({ code: c.code as string | null, label: c.label })), { code: null, label: "全体" }];
  return columns.map((column) => {
    const baseValue = cellOf(table, null, column.code);
    const base = baseValue == null ? null : Number(baseValue);
    return {
      code: column.code ?? "ALL",
      label: column.label,
      base,
      shares: table.rows.map((row) => {
        const value = cellOf(table, row.code, column.code);
        const count = value == null ? null : Number(value);
        return { code: row.code, count, percent: count === null || base === null ? null : percentOf(count, base, digits) };
      }),
    };
  });
}
