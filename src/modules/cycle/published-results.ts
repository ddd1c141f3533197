/**
 * Loads the published results the portal shows: per initiative (its page),
 * per fiscal year (the results pages), per policy and per plan (the top page,
 * 評価の推移). Only published reports; a few set-based queries per page.
 */
import type { Queryable } from "../../core/db/database.ts";
import type { Initiative, Plan } from "../plan/plan.ts";
import { finalGrade, type KpiActual, type Report, type ReportEvent } from "./cycle.ts";
import { kpiResults } from "./domain/kpi-results.ts";
import { summarisePublishedYear, summarisePublishedYears, type PublishedGrade, type PublishedYear } from "./domain/published-summary.ts";
import { listEventsOf, listGradedReports, listKpiActuals } from "./repository/report-queries.ts";
import { listPublishedReports } from "./repository/results-queries.ts";
import type { ResultCorrection } from "./domain/correction.ts";
import { listCorrections } from "./repository/correction-queries.ts";

export type PublishedResult = {
  fiscalYear: number;
  report: Report;
  actuals: Map<number, KpiActual>;
  /** Comments made during the review (committee, CIO, secretariat). */
  comments: ReportEvent[];
  /** Corrections (訂正) made after publication, oldest first: shown next to the result. */
  corrections?: ResultCorrection[];
};

/** The details the public sees of these reports; also the publication preview's (finalised reports, before publishing). */
export async function withDetails(db: Queryable, published: { fiscalYear: number; report: Report }[]): Promise<PublishedResult[]> {
  const ids = published.map((p) => p.report.id);
  if (ids.length === 0) return [];
  const [actuals, comments, corrections] = await Promise.all([listKpiActuals(db, ids), listEventsOf(db, ids, "comment"), listCorrections(db, ids)]);
  return published.map((p) => ({
    ...p,
    actuals: actuals.get(p.report.id) ?? new Map(),
    comments: comments.get(p.report.id) ?? [],
    corrections: corrections.get(p.report.id) ?? [],
  }));
}

export async function publishedResultsOf(db: Queryable, plan: Plan, initiative: Initiative): Promise<PublishedResult[]> {
  return withDetails(db, await listPublishedReports(db, plan.id, { initiativeId: initiative.id }));
}

export async function publishedResultsOfYear(db: Queryable, plan: Plan, fiscalYear: number): Promise<PublishedResult[]> {
  return withDetails(db, await listPublishedReports(db, plan.id, { fiscalYear }));
}

/** The final grade of every published report of the plan, every year (one query). */
export async function publishedGrades(db: Queryable, plan: Plan): Promise<PublishedGrade[]> {
  const rows = await listGradedReports(db, plan.id, ["published"]);
  return rows.map((r) => ({ fiscalYear: r.fiscalYear, initiativeId: r.initiativeId, grade: finalGrade(r) }));
}

/** Every published year of the plan, summarised against all of its initiatives. */
export async function publishedYearsOf(db: Queryable, plan: Plan): Promise<PublishedYear[]> {
  return summarisePublishedYears(plan.initiatives.length, await publishedGrades(db, plan));
}

/** One published year of a policy (or of the whole plan): its grades against those initiatives, and how their KPIs fared. */
export type PolicyYear = {
  summary: PublishedYear;
  /** KPIs of the published initiatives; rated = with an actual and a target that year; met = rated and met. */
  kpis: { total: number; rated: number; met: number };
};

export async function publishedPolicyYears(db: Queryable, plan: Plan, policyNumber: number): Promise<PolicyYear[]> {
  return publishedYearsWithKpis(db, plan, plan.initiatives.filter((i) => i.policyNumber === policyNumber));
}

/** Every published year of the whole plan with its KPIs (the prefecture's comparison). */
export async function publishedPlanYears(db: Queryable, plan: Plan): Promise<PolicyYear[]> {
  return publishedYearsWithKpis(db, plan, plan.initiatives);
}

async function publishedYearsWithKpis(db: Queryable, plan: Plan, of: readonly Initiative[]): Promise<PolicyYear[]> {
  const initiatives = new Map(of.map((i) => [i.id, i]));
  const reports = (await listGradedReports(db, plan.id, ["published"])).filter((r) => initiatives.has(r.initiativeId));
  const actuals = reports.length === 0 ? new Map<number, Map<number, KpiActual>>() : await listKpiActuals(db, reports.map((r) => r.reportId));
  const years = [...new Set(reports.map((r) => r.fiscalYear))].sort((a, b) => a - b);
  return years.map((fiscalYear) => {
    const ofYear = reports.filter((r) => r.fiscalYear === fiscalYear);
    const results = ofYear.flatMap((r) => kpiResults(initiatives.get(r.initiativeId)!.kpis, fiscalYear, actuals.get(r.reportId) ?? new Map()));
    const rated = results.filter((k) => k.achievement.status === "rated");
    return {
      summary: summarisePublishedYear(fiscalYear, initiatives.size, ofYear.map(finalGrade)),
      kpis: { total: results.length, rated: rated.length, met: rated.filter((k) => k.achievement.status === "rated" && k.achievement.met).length },
    };
  });
}
