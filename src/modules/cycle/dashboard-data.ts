/**
 * Assembles what the two dashboards show from the repositories and the pure
 * domain functions: the committee's evaluation summary of a fiscal year
 * ("my tasks" is task-data.ts).
 */
import type { Grade, Plan } from "../plan/plan.ts";
import type { Municipality } from "../tenancy/municipality.ts";
import { FINAL_STATES, finalGrade } from "./cycle.ts";
import { lowTwoYearsRunning, summariseGrades } from "./domain/evaluation-summary.ts";
import { kpiResults } from "./domain/kpi-results.ts";
import type { CycleDeps } from "./route-support.ts";
import { listCycles } from "./repository/cycle-queries.ts";
import { listGradedReports, listKpiActuals, listReports } from "./repository/report-queries.ts";
import type { EvaluationData } from "./views/evaluation-page.tsx";

/** undefined when the current plan has no cycle yet. `year` falls back to the latest cycle. */
export async function loadEvaluationData(
  deps: CycleDeps,
  municipality: Municipality,
  plan: Plan,
  year: number | undefined,
): Promise<EvaluationData | undefined> {
  const cycles = (await listCycles(deps.db, municipality.id)).filter((c) => c.planId === plan.id);
  if (cycles.length === 0) return undefined;
  const cycle = cycles.find((c) => c.fiscalYear === year) ?? cycles[0]!;
  const graded = await listGradedReports(deps.db, plan.id, FINAL_STATES);
  const gradesOf = (y: number) =>
    new Map(graded.filter((g) => g.fiscalYear === y).flatMap((g) => {
      const grade = finalGrade(g);
      return grade ? [[g.initiativeId, grade] as [number, Grade]] : [];
    }));
  const years = cycles.map((c) => c.fiscalYear).sort((a, b) => a - b);
  const current = gradesOf(cycle.fiscalYear);
  const previous = gradesOf(cycle.fiscalYear - 1);
  const reports = await listReports(deps.db, cycle.id);
  const actuals = await listKpiActuals(deps.db, reports.map((r) => r.id));
  const byId = new Map(plan.initiatives.map((i) => [i.id, i]));
  return {
    year: cycle.fiscalYear,
    years: [...years].reverse(),
    cycleId: cycle.id,
    gradeDefinitions: plan.gradeDefinitions,
    printed: plan.evaluationHistory,
    computed: years.filter((y) => y <= cycle.fiscalYear).map((y) => summariseGrades(y, [...gradesOf(y).values()])),
    pending: reports.filter((r) => !FINAL_STATES.includes(r.state)).length,
    kpis: reports.flatMap((r) => {
      const initiative = byId.get(r.initiativeId);
      if (!initiative || initiative.kpis.length === 0) return [];
      return [{ initiative, state: r.state, results: kpiResults(initiative.kpis, cycle.fiscalYear, actuals.get(r.id) ?? new Map()) }];
    }),
    lowStreak: lowTwoYearsRunning(previous, current).flatMap((id) => {
      const initiative = byId.get(id);
      return initiative ? [{ initiative, previous: previous.get(id)!, current: current.get(id)! }] : [];
    }),
  };
}

