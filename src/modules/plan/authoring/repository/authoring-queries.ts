/**
 * Read queries of the authoring pages: a municipality's plans with the state
 * of their revisions. Always scoped by the municipality of the URL, so a plan
 * id from a form is only ever found within it.
 */
import type { Queryable } from "../../../../core/db/database.ts";

export type PlanSummary = {
  id: number;
  code: string;
  title: string;
  period: { startFiscalYear: number; endFiscalYear: number };
  isCurrent: boolean;
  /** The newest published revision's number; null for a next plan not published yet. */
  publishedNumber: number | null;
  draft: { id: number; number: number; createdByLabel: string; createdAt: Date } | null;
};

type PlanSummaryRow = {
  id: number;
  code: string;
  title: string;
  start_fiscal_year: number;
  end_fiscal_year: number;
  is_current: boolean;
  published_number: number | null;
  draft_id: number | null;
  draft_number: number | null;
  draft_created_by_label: string | null;
  draft_created_at: Date | null;
};

const SUMMARY = `
  select p.id, p.code, p.title, p.start_fiscal_year, p.end_fiscal_year, p.is_current,
         (select max(r.number) from plan_revision r where r.plan_id = p.id and r.status = 'published') as published_number,
         d.id as draft_id, d.number as draft_number, d.created_by_label as draft_created_by_label, d.created_at as draft_created_at
    from plan p left join plan_revision d on d.plan_id = p.id and d.status = 'draft'`;

/** The current plan first, then the others from the newest period. */
export async function listPlanSummaries(db: Queryable, municipalityId: number): Promise<PlanSummary[]> {
  const rows = await db.query<PlanSummaryRow>(
    `${SUMMARY} where p.municipality_id = $1 order by p.is_current desc, p.start_fiscal_year desc, p.id desc`,
    [municipalityId],
  );
  return rows.map(toSummary);
}

export async function findPlanSummary(db: Queryable, municipalityId: number, planId: number): Promise<PlanSummary | undefined> {
  const rows = await db.query<PlanSummaryRow>(`${SUMMARY} where p.municipality_id = $1 and p.id = $2`, [municipalityId, planId]);
  return rows[0] && toSummary(rows[0]);
}

function toSummary(r: PlanSummaryRow): PlanSummary {
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    period: { startFiscalYear: r.start_fiscal_year, endFiscalYear: r.end_fiscal_year },
    isCurrent: r.is_current,
    publishedNumber: r.published_number,
    draft:
      r.draft_id === null
        ? null
        : { id: r.draft_id, number: r.draft_number!, createdByLabel: r.draft_created_by_label!, createdAt: new Date(r.draft_created_at!) },
  };
}
