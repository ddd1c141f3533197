/**
 * Loads what a document is built from, through the cycle and plan modules'
 * queries: the published report of a year (published reports only, of the
 * municipality's plan), the committee's draft of a cycle (every report of
 * the cycle, whatever its state), and the plan document.
 */
import type { Queryable } from "../../core/db/database.ts";
import { finalGrade, type Cycle } from "../cycle/cycle.ts";
import { listEventsOf, listGradedReports, listKpiActuals, listReports } from "../cycle/repository/report-queries.ts";
import { publishedResultsOfYear } from "../cycle/published-results.ts";
import type { Grade, Plan } from "../plan/plan.ts";
import { buildAnnualReport, type YearEntry } from "./domain/annual-report.ts";
import type { AnnualReport, PlanDocument } from "./domain/content.ts";
import { buildPlanDocument } from "./domain/plan-document.ts";

async function previousPublishedYears(db: Queryable, plan: Plan, fiscalYear: number) {
  const graded = await listGradedReports(db, plan.id, ["published"]);
  const years = new Map<number, Grade[]>();
  for (const r of graded) {
    if (r.fiscalYear >= fiscalYear) continue;
    const grade = finalGrade(r);
    const list = years.get(r.fiscalYear) ?? [];
    if (grade) list.push(grade);
    years.set(r.fiscalYear, list);
  }
  return [...years].sort(([a], [b]) => a - b).map(([fy, grades]) => ({ fiscalYear: fy, grades }));
}

/** The published report of a year, or undefined when nothing of that year is published. */
export async function loadPublishedReport(db: Queryable, plan: Plan, fiscalYear: number): Promise<AnnualReport | undefined> {
  const results = await publishedResultsOfYear(db, plan, fiscalYear);
  if (results.length === 0) return undefined;
  return buildAnnualReport({
    plan,
    fiscalYear,
    draft: false,
    entries: results,
    previousYears: await previousPublishedYears(db, plan, fiscalYear),
  });
}

/** The draft (案) of a cycle's report for the committee: every report as it stands now. */
export async function loadDraftReport(db: Queryable, plan: Plan, cycle: Cycle): Promise<AnnualReport> {
  const reports = await listReports(db, cycle.id);
  const ids = reports.map((r) => r.id);
  const [actuals, comments] = ids.length
    ? await Promise.all([listKpiActuals(db, ids), listEventsOf(db, ids, "comment")])
    : [new Map(), new Map()];
  const entries: YearEntry[] = reports.map((report) => ({
    report,
    actuals: actuals.get(report.id) ?? new Map(),
    comments: comments.get(report.id) ?? [],
  }));
  return buildAnnualReport({
    plan,
    fiscalYear: cycle.fiscalYear,
    draft: true,
    entries,
    previousYears: await previousPublishedYears(db, plan, cycle.fiscalYear),
  });
}

export function loadPlanDocument(plan: Plan): PlanDocument {
  return buildPlanDocument(plan);
}
