/**
 * Writes of reports. Every write that changes the report row names the
 * lock_version it was based on and bumps it, so a save made on a stale page
 * changes nothing (the caller sees `false` and tells the user).
 */
import type { Queryable } from "../../../core/db/database.ts";
import type { AuditActor } from "../../../core/audit/audit.ts";
import type { Grade } from "../../plan/plan.ts";
import type { KpiActual, ReportFields } from "../cycle.ts";
import type { ReportState } from "../domain/report-workflow.ts";
import type { Role } from "../../tenancy/roles.ts";
import { CONTRIBUTION_VERSION } from "./report-queries.ts";

export async function updateReportFields(
  tx: Queryable,
  reportId: number,
  lockVersion: number,
  fields: ReportFields,
  actor: AuditActor,
): Promise<boolean> {
  const rows = await tx.query(
    `update initiative_report
        set plan_text = $3, targets_confirmed = $4, self_grade = $5, grade_reasons = $6, issues = $7,
            improvement_measures = $8, next_year_plan = $9, lock_version = lock_version + 1,
            updated_at = now(), updated_by_user_id = $10, updated_by_label = $11
      where id = $1 and lock_version = $2 returning id`,
    [
      reportId,
      lockVersion,
      fields.planText,
      fields.targetsConfirmed,
      fields.selfGrade,
      fields.gradeReasons,
      fields.issues,
      fields.improvementMeasures,
      fields.nextYearPlan,
      actor.userId,
      actor.label,
    ],
  );
  return rows.length === 1;
}

export async function upsertKpiActual(tx: Queryable, reportId: number, actual: KpiActual): Promise<void> {
  await tx.query(
    `insert into report_kpi_actual (report_id, kpi_id, actual_value, as_of, source) values ($1, $2, $3, $4, $5)
     on conflict (report_id, kpi_id) do update set actual_value = excluded.actual_value, as_of = excluded.as_of, source = excluded.source`,
    [reportId, actual.kpiId, actual.value, actual.asOf, actual.source],
  );
}

export async function changeState(
  tx: Queryable,
  reportId: number,
  change: { from: ReportState; to: ReportState; lockVersion: number },
  actor: AuditActor,
): Promise<boolean> {
  const rows = await tx.query(
    `update initiative_report
        set state = $3, lock_version = lock_version + 1, updated_at = now(), updated_by_user_id = $5, updated_by_label = $6
      where id = $1 and state = $2 and lock_version = $4 returning id`,
    [reportId, change.from, change.to, change.lockVersion, actor.userId, actor.label],
  );
  return rows.length === 1;
}

export async function setCioGrade(
  tx: Queryable,
  reportId: number,
  change: { grade: Grade; reason: string; lockVersion: number },
  actor: AuditActor,
): Promise<boolean> {
  const rows = await tx.query(
    `update initiative_report
        set cio_grade = $3, cio_grade_reason = $4, lock_version = lock_version + 1,
            updated_at = now(), updated_by_user_id = $5, updated_by_label = $6
      where id = $1 and lock_version = $2 returning id`,
    [reportId, change.lockVersion, change.grade, change.reason, actor.userId, actor.label],
  );
  return rows.length === 1;
}

export async function setLeadDivision(tx: Queryable, reportId: number, divisionId: number, lockVersion: number): Promise<boolean> {
  const rows = await tx.query(
    `update initiative_report set lead_division_id = $3, lock_version = lock_version + 1, updated_at = now()
      where id = $1 and lock_version = $2 returning id`,
    [reportId, lockVersion, divisionId],
  );
  return rows.length === 1;
}

export async function insertDoEntry(
  tx: Queryable,
  entry: { reportId: number; entryDate: string; body: string; divisionId: number | null },
  actor: AuditActor,
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `insert into report_do_entry (report_id, entry_date, body, division_id, created_by_user_id, created_by_label)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [entry.reportId, entry.entryDate, entry.body, entry.divisionId, actor.userId, actor.label],
  );
  return row!.id;
}

/** The contribution's updated_at, read before the write: its own optimistic check (see saveContribution). */
export async function findContributionVersion(tx: Queryable, reportId: number, divisionId: number): Promise<{ body: string; updatedAt: string } | undefined> {
  const [row] = await tx.query<{ body: string; version: string }>(
    `select c.body, ${CONTRIBUTION_VERSION} as version
       from report_contribution c where c.report_id = $1 and c.division_id = $2 for update`,
    [reportId, divisionId],
  );
  return row && { body: row.body, updatedAt: row.version };
}

export async function upsertContribution(tx: Queryable, reportId: number, divisionId: number, body: string, actor: AuditActor): Promise<void> {
  await tx.query(
    `insert into report_contribution (report_id, division_id, body, updated_by_user_id, updated_by_label) values ($1, $2, $3, $4, $5)
     on conflict (report_id, division_id) do update
       set body = excluded.body, updated_by_user_id = excluded.updated_by_user_id,
           updated_by_label = excluded.updated_by_label, updated_at = now()`,
    [reportId, divisionId, body, actor.userId, actor.label],
  );
}

export async function insertEvent(
  tx: Queryable,
  event: { reportId: number; action: string; fromState: ReportState | null; toState: ReportState | null; comment: string | null; role: Role | null },
  actor: AuditActor,
): Promise<void> {
  await tx.query(
    `insert into report_event (report_id, action, from_state, to_state, comment, actor_user_id, actor_label, actor_role)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [event.reportId, event.action, event.fromState, event.toState, event.comment, actor.userId, actor.label, event.role],
  );
}
