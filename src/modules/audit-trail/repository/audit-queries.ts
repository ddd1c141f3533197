/**
 * The audit trail's read queries beyond core/audit's listAudit: the log
 * filtered by period, action, entity type and actor (keyset pages, newest
 * first), a bounded count for the CSV export, and the records of one
 * initiative and its KPIs. Every query is scoped by the municipality.
 */
import { AUDIT_COLUMNS, toAuditRow, type AuditDbRow, type AuditRow } from "../../../core/audit/audit-repository.ts";
import type { Queryable } from "../../../core/db/database.ts";
import type { ActionMatch } from "../domain/labels.ts";

export type AuditSearch = {
  municipalityId: number;
  /** Records at or after this instant. */
  since?: Date;
  /** Records before this instant (exclusive). */
  until?: Date;
  action?: ActionMatch;
  entityType?: string;
  actor?: number | "none";
  /** Only ids below this: the page after one that ended with this id. */
  before?: number;
  /** Only ids up to this one: an export keeps to the records that existed when it began. */
  upTo?: number;
};


// One WHERE for the page, the count and the export, so they always agree. A
// null parameter switches its condition off. starts_with, not LIKE: action
// codes contain "_", which LIKE would read as a wildcard.
const WHERE = `municipality_id = $1
   and ($2::timestamptz is null or at >= $2::timestamptz)
   and ($3::timestamptz is null or at < $3::timestamptz)
   and ($4::text is null or action = $4::text)
   and ($5::text is null or starts_with(action, $5::text))
   and ($6::text is null or entity_type = $6::text)
   and ($7::integer is null or actor_user_id = $7::integer)
   and (not $8::boolean or actor_user_id is null)
   and ($9::bigint is null or id < $9::bigint)
   and ($10::bigint is null or id <= $10::bigint)`;

function whereParams(s: AuditSearch): unknown[] {
  return [
    s.municipalityId,
    s.since?.toISOString() ?? null,
    s.until?.toISOString() ?? null,
    s.action && "exact" in s.action ? s.action.exact : null,
    s.action && "prefix" in s.action ? s.action.prefix : null,
    s.entityType ?? null,
    typeof s.actor === "number" ? s.actor : null,
    s.actor === "none",
    s.before ?? null,
    s.upTo ?? null,
  ];
}

/** Matching records, newest first (by id: the order they were written). */
export async function searchAudit(db: Queryable, search: AuditSearch, limit: number): Promise<AuditRow[]> {
  const rows = await db.query<AuditDbRow>(
    `select ${AUDIT_COLUMNS} from audit_log where ${WHERE} order by id desc limit $11`,
    [...whereParams(search), limit],
  );
  return rows.map(toAuditRow);
}

/**
 * How many records match, counting no further than `cap` (so an export that
 * is too large is refused without counting millions), and the newest id
 * among them: the export's upper bound.
 */
export async function countAudit(db: Queryable, search: AuditSearch, cap: number): Promise<{ count: number; maxId: number | null }> {
  const [row] = await db.query<{ n: number; max_id: number | null }>(
    `select count(*)::integer as n, max(id) as max_id from (select id from audit_log where ${WHERE} limit $11) matching`,
    [...whereParams(search), cap],
  );
  return { count: row!.n, maxId: row!.max_id };
}

export type InitiativeRef = {
  id: number;
  number: number;
  title: string;
  kpis: { id: number; code: string | null; label: string }[];
};

/** An initiative of a plan by its number, with its KPIs' ids (the audit log names rows by id). */
export async function findInitiativeRef(db: Queryable, planId: number, number: number): Promise<InitiativeRef | undefined> {
  const rows = await db.query<{ id: number; number: number; title: string; kpi_id: number | null; code: string | null; label: string | null }>(
    `select i.id, i.number, i.title, k.id as kpi_id, k.code, k.label
       from initiative i left join kpi k on k.initiative_id = i.id
      where i.plan_id = $1 and i.number = $2
      order by k.position`,
    [planId, number],
  );
  const first = rows[0];
  if (!first) return undefined;
  return {
    id: first.id,
    number: first.number,
    title: first.title,
    kpis: rows.filter((r) => r.kpi_id !== null).map((r) => ({ id: r.kpi_id!, code: r.code, label: r.label! })),
  };
}

/** Records whose entity is this initiative or one of its KPIs, newest first. */
export async function listInitiativeAudit(db: Queryable, municipalityId: number, ref: InitiativeRef, limit: number): Promise<AuditRow[]> {
  const rows = await db.query<AuditDbRow>(
    `select ${AUDIT_COLUMNS} from audit_log
      where municipality_id = $1
        and ((entity_type = 'initiative' and entity_id = $2) or (entity_type = 'kpi' and entity_id = any($3::text[])))
      order by id desc
      limit $4`,
    [municipalityId, String(ref.id), ref.kpis.map((k) => String(k.id)), limit],
  );
  return rows.map(toAuditRow);
}

export type ReportEventRow = {
  /** The report the event belongs to, with what decides who may read it (cycle/policy.ts). */
  report: { id: number; state: string; leadDivisionId: number | null };
  at: Date;
  actorLabel: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  comment: string | null;
  fiscalYear: number;
};

/** The events of every yearly report of this initiative, newest first. */
export async function listReportEvents(db: Queryable, initiativeId: number, limit: number): Promise<ReportEventRow[]> {
  const rows = await db.query<{
    at: Date;
    actor_label: string;
    action: string;
    from_state: string | null;
    to_state: string | null;
    comment: string | null;
    fiscal_year: number;
    report_id: number;
    report_state: string;
    lead_division_id: number | null;
  }>(
    `select e.at, e.actor_label, e.action, e.from_state, e.to_state, e.comment, c.fiscal_year,
            r.id as report_id, r.state as report_state, r.lead_division_id
       from report_event e
       join initiative_report r on r.id = e.report_id
       join evaluation_cycle c on c.id = r.cycle_id
      where r.initiative_id = $1
      order by e.id desc
      limit $2`,
    [initiativeId, limit],
  );
  return rows.map((r) => ({
    report: { id: r.report_id, state: r.report_state, leadDivisionId: r.lead_division_id },
    at: new Date(r.at),
    actorLabel: r.actor_label,
    action: r.action,
    fromState: r.from_state,
    toState: r.to_state,
    comment: r.comment,
    fiscalYear: r.fiscal_year,
  }));
}

