/**
 * The public side: only PUBLISHED reports, of the plan the portal shows.
 * Nothing here can return a draft, a returned report or one under review.
 */
import type { Queryable } from "../../../core/db/database.ts";
import type { Report } from "../cycle.ts";
import { findReport, listReports } from "./report-queries.ts";

export type PublishedReport = { fiscalYear: number; report: Report };

export async function listPublishedYears(db: Queryable, planId: number): Promise<number[]> {
  const rows = await db.query<{ fiscal_year: number }>(
    `select distinct c.fiscal_year from evaluation_cycle c join initiative_report r on r.cycle_id = c.id
      where c.plan_id = $1 and r.state = 'published' order by c.fiscal_year`,
    [planId],
  );
  return rows.map((r) => r.fiscal_year);
}

async function cyclesOf(db: Queryable, planId: number, fiscalYear?: number) {
  return db.query<{ id: number; fiscal_year: number }>(
    "select id, fiscal_year from evaluation_cycle where plan_id = $1 and ($2::int is null or fiscal_year = $2) order by fiscal_year",
    [planId, fiscalYear ?? null],
  );
}

/** Published reports of a plan, of one fiscal year or of all. */
export async function listPublishedReports(db: Queryable, planId: number, fiscalYear?: number): Promise<PublishedReport[]> {
  const result: PublishedReport[] = [];
  for (const cycle of await cyclesOf(db, planId, fiscalYear)) {
    for (const report of await listReports(db, cycle.id)) {
      if (report.state === "published") result.push({ fiscalYear: cycle.fiscal_year, report });
    }
  }
  return result;
}

/** Published reports of one initiative, oldest year first. */
export async function listPublishedForInitiative(db: Queryable, planId: number, initiativeId: number): Promise<PublishedReport[]> {
  const rows = await db.query<{ fiscal_year: number; initiative_id: number; cycle_id: number }>(
    `select c.fiscal_year, r.initiative_id, r.cycle_id from initiative_report r join evaluation_cycle c on c.id = r.cycle_id
      where c.plan_id = $1 and r.initiative_id = $2 and r.state = 'published' order by c.fiscal_year`,
    [planId, initiativeId],
  );
  const result: PublishedReport[] = [];
  for (const row of rows) {
    const report = await findReport(db, row.cycle_id, initiativeId);
    if (report && report.state === "published") result.push({ fiscalYear: row.fiscal_year, report });
  }
  return result;
}
