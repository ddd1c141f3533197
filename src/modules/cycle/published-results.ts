/**
 * Loads the published results the portal shows: per initiative (its page)
 * and per fiscal year (the results page). Only published reports.
 */
import type { Queryable } from "../../core/db/database.ts";
import type { Initiative, Plan } from "../plan/plan.ts";
import type { KpiActual, Report, ReportEvent } from "./cycle.ts";
import type { ResultCorrection } from "./domain/correction.ts";
import { listCorrections } from "./repository/correction-queries.ts";
import { listEventsOf, listKpiActuals } from "./repository/report-queries.ts";
import { listPublishedForInitiative, listPublishedReports } from "./repository/results-queries.ts";

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
  return withDetails(db, await listPublishedForInitiative(db, plan.id, initiative.id));
}

export async function publishedResultsOfYear(db: Queryable, plan: Plan, fiscalYear: number): Promise<PublishedResult[]> {
  return withDetails(db, await listPublishedReports(db, plan.id, fiscalYear));
}
