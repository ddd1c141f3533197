/**
 * The public side: only PUBLISHED reports, of the plan the portal shows.
 * Nothing here can return a draft, a returned report or one under review.
 * Each function is one set-based query, however many years or reports.
 */
import type { Queryable } from "../../../core/db/database.ts";
import type { Report } from "../cycle.ts";
import { REPORT_COLUMNS, toReport, type ReportRow } from "./report-queries.ts";

export type PublishedReport = { fiscalYear: number; report: Report };

export async function listPublishedYears(db: Queryable, planId: number): Promise<number[]> {
  const rows = await db.query<{ fiscal_year: number }>(
    `select distinct c.fiscal_year from evaluation_cycle c join initiative_report r on r.cycle_id = c.id
      where c.plan_id = $1 and r.state = 'published' order by c.fiscal_year`,
    [planId],
  );
  return rows.map((r) => r.fiscal_year);
}

/**
 * Published reports of a plan: of one fiscal year, of one initiative, or all
 * of them; oldest year first, then by initiative number. A bare number is a
 * fiscal year (the earlier signature, kept for its callers).
 */
export async function listPublishedReports(
  db: Queryable,
  planId: number,
  filter: number | { fiscalYear?: number; initiativeId?: number } = {},
): Promise<PublishedReport[]> {
  const where = typeof filter === "number" ? { fiscalYear: filter } : filter;
  const rows = await db.query<ReportRow & { fiscal_year: number }>(
    `select c.fiscal_year, ${REPORT_COLUMNS}
       from initiative_report r
       join evaluation_cycle c on c.id = r.cycle_id
       join initiative i on i.id = r.initiative_id
      where c.plan_id = $1 and r.state = 'published'
        and ($2::int is null or c.fiscal_year = $2)
        and ($3::int is null or r.initiative_id = $3)
      order by c.fiscal_year, i.number`,
    [planId, where.fiscalYear ?? null, where.initiativeId ?? null],
  );
  return rows.map((row) => ({ fiscalYear: row.fiscal_year, report: toReport(row) }));
}

/** Published reports of one initiative, oldest year first. */
export async function listPublishedForInitiative(db: Queryable, planId: number, initiativeId: number): Promise<PublishedReport[]> {
  return listPublishedReports(db, planId, { initiativeId });
}
