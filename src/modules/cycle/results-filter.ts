/**
 * The filters of a year's results page (GET ?policy=&grade=&division=):
 * policy and division as on the initiative list (initiative-filter.ts, same
 * values and messages), and the final grade, S/A/B/C or none (未評価).
 */
import { filterInitiatives, parseInitiativeFilter, type InitiativeFilter } from "../plan/domain/initiative-filter.ts";
import { GRADES, type Grade, type Initiative, type Plan } from "../plan/plan.ts";

export type ResultsFilter = Pick<InitiativeFilter, "policy" | "division"> & { grade?: Grade | "none" };

export const GRADE_FILTER_VALUES: readonly (Grade | "none")[] = [...GRADES, "none"];

export function parseResultsFilter(
  query: Record<string, string[] | undefined>,
  plan: Pick<Plan, "policies" | "initiatives">,
): { ok: true; filter: ResultsFilter } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const base = parseInitiativeFilter({ policy: query.policy, division: query.division }, plan);
  if (!base.ok) errors.push(...base.errors);
  const grades = (query.grade ?? []).map((g) => g.trim()).filter((g) => g !== "");
  let grade: ResultsFilter["grade"];
  if (grades.length > 1) errors.push("評価（grade）は1つだけ指定してください");
  else if (grades.length === 1) {
    const value = grades[0]!.toUpperCase() === "NONE" ? "none" : grades[0]!.toUpperCase();
    if (GRADE_FILTER_VALUES.includes(value as Grade | "none")) grade = value as Grade | "none";
    else errors.push("評価（grade）は S、A、B、C、none（未評価）のいずれかで指定してください");
  }
  if (errors.length > 0 || !base.ok) return { ok: false, errors };
  return { ok: true, filter: { policy: base.filter.policy, division: base.filter.division, grade } };
}

/** Applies the filter to (initiative, final grade) pairs. */
export function filterResults<T extends { initiative: Initiative; grade: Grade | null }>(rows: readonly T[], filter: ResultsFilter): T[] {
  const allowed = new Set(filterInitiatives(rows.map((r) => r.initiative), { policy: filter.policy, division: filter.division }));
  return rows.filter((r) => {
    if (!allowed.has(r.initiative)) return false;
    if (filter.grade === undefined) return true;
    return filter.grade === "none" ? r.grade === null : r.grade === filter.grade;
  });
}

export const isFiltered = (f: ResultsFilter) => f.policy !== undefined || f.division !== undefined || f.grade !== undefined;
