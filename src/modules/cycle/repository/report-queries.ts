/**
 * Read queries about reports. A report is always reached through its cycle,
 * and the cycle through its municipality (cycle-queries.ts findCycle).
 */
import type { Queryable } from "../../../core/db/database.ts";
import type { Grade } from "../../plan/plan.ts";
import type { Contribution, DoEntry, KpiActual, Report, ReportEvent } from "../cycle.ts";
import type { ReportState } from "../domain/report-workflow.ts";
import type { Role } from "../../tenancy/roles.ts";

export type ReportRow = {
  id: number;
  cycle_id: number;
  initiative_id: number;
  lead_division_id: number | null;
  state: ReportState;
  lock_version: number;
  plan_text: string | null;
  targets_confirmed: boolean;
  self_grade: Grade | null;
  grade_reasons: string | null;
  issues: string | null;
  improvement_measures: string | null;
  next_year_plan: string | null;
  cio_grade: Grade | null;
  cio_grade_reason: string | null;
  updated_at: Date;
  updated_by_label: string | null;
};

export const toReport = (r: ReportRow): Report => ({
  id: r.id,
  cycleId: r.cycle_id,
  initiativeId: r.initiative_id,
  leadDivisionId: r.lead_division_id,
  state: r.state,
  lockVersion: r.lock_version,
  planText: r.plan_text,
  targetsConfirmed: r.targets_confirmed,
  selfGrade: r.self_grade,
  gradeReasons: r.grade_reasons,
  issues: r.issues,
  improvementMeasures: r.improvement_measures,
  nextYearPlan: r.next_year_plan,
  cioGrade: r.cio_grade,
  cioGradeReason: r.cio_grade_reason,
  updatedAt: new Date(r.updated_at),
  updatedByLabel: r.updated_by_label,
});

export const REPORT_COLUMNS = `r.id, r.cycle_id, r.initiative_id, r.lead_division_id, r.state, r.lock_version, r.plan_text,
  r.targets_confirmed, r.self_grade, r.grade_reasons, r.issues, r.improvement_measures, r.next_year_plan,
  r.cio_grade, r.cio_grade_reason, r.updated_at, r.updated_by_label`;

export async function findReport(db: Queryable, cycleId: number, initiativeId: number): Promise<Report | undefined> {
  const [row] = await db.query<ReportRow>(
    `select ${REPORT_COLUMNS} from initiative_report r where r.cycle_id = $1 and r.initiative_id = $2`,
    [cycleId, initiativeId],
  );
  return row && toReport(row);
}

/** Inside a command: the row locked, so the checks and the write see the same report. */
export async function lockReport(tx: Queryable, reportId: number): Promise<Report | undefined> {
  const [row] = await tx.query<ReportRow>(`select ${REPORT_COLUMNS} from initiative_report r where r.id = $1 for update`, [reportId]);
  return row && toReport(row);
}

export async function listReports(db: Queryable, cycleId: number): Promise<Report[]> {
  const rows = await db.query<ReportRow>(
    `select ${REPORT_COLUMNS} from initiative_report r join initiative i on i.id = r.initiative_id
      where r.cycle_id = $1 order by i.number`,
    [cycleId],
  );
  return rows.map(toReport);
}

export async function listKpiActuals(db: Queryable, reportIds: readonly number[]): Promise<Map<number, Map<number, KpiActual>>> {
  const rows = await db.query<{ report_id: number; kpi_id: number; actual_value: string | null; as_of: string | null; source: string | null }>(
    `select report_id, kpi_id, actual_value::text as actual_value, as_of::text as as_of, source
       from report_kpi_actual where report_id = any($1::int[]) order by report_id, kpi_id`,
    [reportIds],
  );
  const result = new Map<number, Map<number, KpiActual>>();
  for (const r of rows) {
    const actuals = result.get(r.report_id) ?? new Map<number, KpiActual>();
    actuals.set(r.kpi_id, { kpiId: r.kpi_id, value: r.actual_value, asOf: r.as_of, source: r.source });
    result.set(r.report_id, actuals);
  }
  return result;
}

export async function listDoEntries(db: Queryable, reportId: number): Promise<DoEntry[]> {
  const rows = await db.query<{
    id: number;
    entry_date: string;
    body: string;
    division_id: number | null;
    division_name: string | null;
    created_by_label: string;
    created_at: Date;
  }>(
    `select e.id, e.entry_date::text as entry_date, e.body, e.division_id, d.name as division_name, e.created_by_label, e.created_at
       from report_do_entry e left join division d on d.id = e.division_id
      where e.report_id = $1 order by e.entry_date, e.id`,
    [reportId],
  );
  return rows.map((r) => ({
    id: r.id,
    entryDate: r.entry_date,
    body: r.body,
    divisionId: r.division_id,
    divisionName: r.division_name,
    createdByLabel: r.created_by_label,
    createdAt: new Date(r.created_at),
  }));
}

export async function listContributions(db: Queryable, reportId: number): Promise<Contribution[]> {
  const rows = await db.query<{ division_id: number; division_name: string; body: string; updated_by_label: string; updated_at: Date; version: string }>(
    `select c.division_id, d.name as division_name, c.body, c.updated_by_label, c.updated_at,
            ${CONTRIBUTION_VERSION} as version
       from report_contribution c join division d on d.id = c.division_id
      where c.report_id = $1 order by d.name`,
    [reportId],
  );
  return rows.map((r) => ({
    divisionId: r.division_id,
    divisionName: r.division_name,
    body: r.body,
    updatedByLabel: r.updated_by_label,
    updatedAt: new Date(r.updated_at),
    version: r.version,
  }));
}

/** A contribution's version for its optimistic check: its last saved time to the microsecond, as text. */
export const CONTRIBUTION_VERSION = `to_char(c.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

type EventRow = {
  id: number;
  report_id: number;
  action: string;
  from_state: ReportState | null;
  to_state: ReportState | null;
  comment: string | null;
  actor_label: string;
  actor_role: Role | null;
  at: Date;
};

const toEvent = (r: EventRow): ReportEvent => ({
  id: Number(r.id),
  action: r.action,
  fromState: r.from_state,
  toState: r.to_state,
  comment: r.comment,
  actorLabel: r.actor_label,
  actorRole: r.actor_role,
  at: new Date(r.at),
});

export async function listEvents(db: Queryable, reportId: number): Promise<ReportEvent[]> {
  const rows = await db.query<EventRow>("select * from report_event where report_id = $1 order by id", [reportId]);
  return rows.map(toEvent);
}

/** Events of one kind for many reports (the public results show review comments). */
export async function listEventsOf(db: Queryable, reportIds: readonly number[], action: string): Promise<Map<number, ReportEvent[]>> {
  const rows = await db.query<EventRow>(
    "select * from report_event where report_id = any($1::int[]) and action = $2 order by id",
    [reportIds, action],
  );
  const result = new Map<number, ReportEvent[]>();
  for (const r of rows) result.set(r.report_id, [...(result.get(r.report_id) ?? []), toEvent(r)]);
  return result;
}

export type GradedReport = { fiscalYear: number; initiativeId: number; reportId: number; state: ReportState; selfGrade: Grade | null; cioGrade: Grade | null };

/** Reports of a plan's cycles in the given states, with their grades (dashboards, public results). */
export async function listGradedReports(db: Queryable, planId: number, states: readonly ReportState[]): Promise<GradedReport[]> {
  const rows = await db.query<{
    fiscal_year: number;
    initiative_id: number;
    report_id: number;
    state: ReportState;
    self_grade: Grade | null;
    cio_grade: Grade | null;
  }>(
    `select c.fiscal_year, r.initiative_id, r.id as report_id, r.state, r.self_grade, r.cio_grade
       from initiative_report r join evaluation_cycle c on c.id = r.cycle_id
      where c.plan_id = $1 and r.state = any($2::text[])
      order by c.fiscal_year, r.initiative_id`,
    [planId, states],
  );
  return rows.map((r) => ({
    fiscalYear: r.fiscal_year,
    initiativeId: r.initiative_id,
    reportId: r.report_id,
    state: r.state,
    selfGrade: r.self_grade,
    cioGrade: r.cio_grade,
  }));
}

/** Reminders sent for a cycle, newest first (the dashboard shows them). */
export async function listRemindersSent(db: Queryable, cycleId: number) {
  return db.query<{ division_name: string; sent_on: string; days_before: number; reports: number }>(
    `select d.name as division_name, s.sent_on::text as sent_on, s.days_before, s.reports
       from reminder_sent s join division d on d.id = s.division_id
      where s.cycle_id = $1 order by s.sent_on desc, d.name`,
    [cycleId],
  );
}
