/**
 * The open data's view of the yearly results: every PUBLISHED report of one
 * plan and the KPI actuals reported in them, each in one set-based query.
 * Reports in any other state (draft, submitted, returned, in review,
 * finalised) cannot be returned: the state is in the where clause, and the
 * plan id was found through the municipality (PlanCache), so another
 * municipality's reports are out of reach too.
 */
import type { Queryable } from "../../../core/db/database.ts";
import type { Grade } from "../../plan/plan.ts";

export type PublishedEvaluationRow = {
  initiativeId: number;
  fiscalYear: number;
  selfGrade: Grade | null;
  cioGrade: Grade | null;
  cioGradeReason: string | null;
  /** When the report was published (its last change to 'published'); null only for a report published without an event. */
  publishedAt: Date | null;
};

export type PublishedActualRow = {
  initiativeId: number;
  fiscalYear: number;
  kpiId: number;
  /** A decimal as stored; null = not reported (never 0). */
  value: string | null;
  asOf: string | null;
  source: string | null;
};

export async function listPublishedEvaluations(db: Queryable, planId: number): Promise<PublishedEvaluationRow[]> {
  const rows = await db.query<{
    initiative_id: number;
    fiscal_year: number;
    self_grade: Grade | null;
    cio_grade: Grade | null;
    cio_grade_reason: string | null;
    published_at: Date | string | null;
  }>(
    `select r.initiative_id, c.fiscal_year, r.self_grade, r.cio_grade, r.cio_grade_reason,
            (select max(e.at) from report_event e where e.report_id = r.id and e.to_state = 'published') as published_at
       from initiative_report r
       join evaluation_cycle c on c.id = r.cycle_id
      where c.plan_id = $1 and r.state = 'published'
      order by c.fiscal_year, r.initiative_id`,
    [planId],
  );
  return rows.map((r) => ({
    initiativeId: r.initiative_id,
    fiscalYear: r.fiscal_year,
    selfGrade: r.self_grade,
    cioGrade: r.cio_grade,
    cioGradeReason: r.cio_grade_reason,
    publishedAt: r.published_at === null ? null : new Date(r.published_at),
  }));
}

export async function listPublishedActuals(db: Queryable, planId: number): Promise<PublishedActualRow[]> {
  const rows = await db.query<{
    initiative_id: number;
    fiscal_year: number;
    kpi_id: number;
    actual_value: string | null;
    as_of: string | null;
    source: string | null;
  }>(
    `select r.initiative_id, c.fiscal_year, a.kpi_id, a.actual_value::text as actual_value, a.as_of::text as as_of, a.source
       from report_kpi_actual a
       join initiative_report r on r.id = a.report_id
       join evaluation_cycle c on c.id = r.cycle_id
      where c.plan_id = $1 and r.state = 'published'
      order by c.fiscal_year, r.initiative_id, a.kpi_id`,
    [planId],
  );
  return rows.map((r) => ({
    initiativeId: r.initiative_id,
    fiscalYear: r.fiscal_year,
    kpiId: r.kpi_id,
    value: r.actual_value,
    asOf: r.as_of,
    source: r.source,
  }));
}
