/**
 * Reads a dataset's filters from a GET query, as plain data. The initiative
 * list's filters are the portal's own (one parser for both, so a link copied
 * from the list downloads exactly the rows it showed); ?initiative=N selects
 * one initiative, and the result datasets also take ?fiscal_year=YYYY.
 * Parameters a dataset does not understand are ignored.
 */
import { parseInitiativeFilter } from "../plan/domain/initiative-filter.ts";
import type { Plan } from "../plan/plan.ts";
import type { Dataset, DatasetParams } from "./dataset.ts";

export type Query = Record<string, string[] | undefined>;

export function parseDatasetQuery(
  dataset: Dataset,
  query: Query,
  plan: Plan,
): { ok: true; params: DatasetParams } | { ok: false; errors: string[] } {
  if (dataset.filter === "initiative-list") {
    const parsed = parseInitiativeFilter(query, plan);
    return parsed.ok ? { ok: true, params: { initiativeFilter: parsed.filter } } : parsed;
  }
  if (dataset.filter === "initiative") {
    const parsed = parseInitiativeNumber(query.initiative, plan);
    return parsed.ok ? { ok: true, params: { initiative: parsed.number } } : { ok: false, errors: [parsed.error] };
  }
  if (dataset.filter === "results") {
    const initiative = parseInitiativeNumber(query.initiative, plan);
    const year = parseFiscalYear(query.fiscal_year, plan);
    const errors = [...(initiative.ok ? [] : [initiative.error]), ...(year.ok ? [] : [year.error])];
    if (!initiative.ok || !year.ok) return { ok: false, errors };
    return { ok: true, params: { initiative: initiative.number, fiscalYear: year.year } };
  }
  return { ok: true, params: {} };
}

function parseFiscalYear(
  values: string[] | undefined,
  plan: Pick<Plan, "period">,
): { ok: true; year: number | undefined } | { ok: false; error: string } {
  if (values === undefined || values.length === 0) return { ok: true, year: undefined };
  if (values.length > 1) return { ok: false, error: "年度（fiscal_year）は1つだけ指定してください" };
  const value = values[0]!.trim();
  if (value === "") return { ok: true, year: undefined };
  const { startFiscalYear: start, endFiscalYear: end } = plan.period;
  if (!/^\d{4}$/.test(value)) return { ok: false, error: `年度（fiscal_year）は西暦4桁の半角数字で指定してください（例: ${start}）` };
  const year = Number(value);
  if (year < start || year > end) return { ok: false, error: `年度 ${year} はこの計画の計画期間（${start}〜${end}年度）にありません` };
  return { ok: true, year };
}

function parseInitiativeNumber(
  values: string[] | undefined,
  plan: Pick<Plan, "initiatives">,
): { ok: true; number: number | undefined } | { ok: false; error: string } {
  if (values === undefined || values.length === 0) return { ok: true, number: undefined };
  if (values.length > 1) return { ok: false, error: "取組項目（initiative）は1つだけ指定してください" };
  const value = values[0]!.trim();
  // An empty value is "no filter", as an empty select submits it.
  if (value === "") return { ok: true, number: undefined };
  if (!/^\d{1,6}$/.test(value)) {
    return { ok: false, error: "取組項目（initiative）は取組項目の番号（半角数字）で指定してください" };
  }
  const number = Number(value);
  if (!plan.initiatives.some((i) => i.number === number)) {
    return { ok: false, error: `取組項目 ${number} はこの計画にありません` };
  }
  return { ok: true, number };
}
