/**
 * What an open dataset is: a flat table derived from a municipality's Plan
 * aggregate (and, for the result datasets, its published yearly results),
 * described column by column so that the CSV, the JSON, the codebook and the
 * API documentation all come from one definition and cannot drift apart.
 * No HTTP here.
 */
import { warekiFiscalYear } from "../../core/format/fiscal-year.ts";
import type { Cell, Column, Row } from "../../core/tables/table.ts";
import type { InitiativeFilter } from "../plan/domain/initiative-filter.ts";
import type { Plan } from "../plan/plan.ts";
import type { PublishedResults } from "./published-results.ts";


/** Which query filters a dataset understands (others are ignored). "results": initiative and fiscal_year. */
export type DatasetFilter = "initiative-list" | "initiative" | "results";

export type DatasetParams = {
  /** The initiative list's filter (policy, division, new, kpi, q). */
  initiativeFilter?: InitiativeFilter;
  /** Only rows of this initiative number. */
  initiative?: number;
  /** Only rows of this fiscal year (result datasets). */
  fiscalYear?: number;
};

export type Dataset = {
  /** Used in URLs and file names: /362018/open-data/<id>.csv */
  id: string;
  title: string;
  description: string;
  columns: Column[];
  filter?: DatasetFilter;
  /**
   * "results": made of published yearly results, so the dataset changes when
   * results are published, not only when the plan does (see datasetUpdatedAt).
   * "survey": made of published survey tables, likewise.
   */
  source?: "results" | "survey";
  rows(plan: Plan, params: DatasetParams, results: PublishedResults): Row[];
};

/** When a dataset last changed: the plan's version, or a later publication of results it holds. */
export function datasetUpdatedAt(dataset: Pick<Dataset, "source">, plan: Pick<Plan, "updatedAt">, results: PublishedResults): Date {
  const published = dataset.source === "results" ? results.lastPublishedAt : dataset.source === "survey" ? (results.surveysPublishedAt ?? null) : null;
  return published && published > plan.updatedAt ? published : plan.updatedAt;
}

/** 全国地方公共団体コード on every row (rule L3-06), so files of several municipalities can be stacked. */
export const LG_CODE: Column = {
  name: "lg_code",
  label: "全国地方公共団体コード",
  definition: "総務省の全国地方公共団体コード（検査数字を含む6桁）。",
  type: "string",
};

export const INITIATIVE_NUMBER: Column = {
  name: "initiative_number",
  label: "取組項目番号",
  definition: "計画に印字された取組項目の番号（計画内で一意）。",
  type: "integer",
};

/**
 * A fiscal year as 西暦 with its 和暦 beside it (rule L3-05). Every column
 * named *fiscal_year is followed by *fiscal_year_wareki; tests rely on it.
 */
export function fiscalYearColumns(name: string, label: string, definition: string, nullable = false): Column[] {
  return [
    { name, label: `${label}（西暦）`, definition: `${definition}年度は4月〜翌年3月で、開始年の西暦4桁で表す。`, type: "integer", unit: "年度", nullable },
    { name: `${name}_wareki`, label: `${label}（和暦）`, definition: `${label}の和暦表記（例: 令和4年度）。`, type: "string", nullable },
  ];
}

/** The two cells of fiscalYearColumns for one year (or blank for none). */
export function fiscalYearCells(name: string, year: number | null): Row {
  return { [name]: year, [`${name}_wareki`]: year === null ? null : warekiFiscalYear(year) };
}

export const BOOLEAN_DEFINITION = "true（該当する）または false（該当しない）。";

/** Keeps only the rows of one initiative when the request asks for it. */
export function byInitiative<T extends { number: number }>(items: T[], params: DatasetParams): T[] {
  return params.initiative === undefined ? items : items.filter((i) => i.number === params.initiative);
}
