/** Corrections (訂正) of published results: reading and writing result_correction (migrations/0010). */
import type { AuditActor } from "../../../core/audit/audit.ts";
import type { Queryable } from "../../../core/db/database.ts";
import type { Grade } from "../../plan/plan.ts";
import type { CorrectedFields, ResultCorrection } from "../domain/correction.ts";

type Row = { id: number; report_id: number; corrected_at: Date; reason: string; before: CorrectedFields | string; after: CorrectedFields | string };

// pg returns jsonb parsed; PGlite too — but a driver that hands back text is tolerated.
const json = (v: CorrectedFields | string): CorrectedFields => (typeof v === "string" ? (JSON.parse(v) as CorrectedFields) : v);

/** Every correction of these reports, oldest first, per report. */
export async function listCorrections(db: Queryable, reportIds: readonly number[]): Promise<Map<number, ResultCorrection[]>> {
  const result = new Map<number, ResultCorrection[]>();
  if (reportIds.length === 0) return result;
  const rows = await db.query<Row>(
    "select id, report_id, corrected_at, reason, before, after from result_correction where report_id = any($1::int[]) order by id",
    [reportIds],
  );
  for (const r of rows) {
    const list = result.get(r.report_id) ?? [];
    list.push({ id: r.id, reportId: r.report_id, correctedAt: new Date(r.corrected_at), reason: r.reason, before: json(r.before), after: json(r.after) });
    result.set(r.report_id, list);
  }
  return result;
}

export async function insertCorrection(
  tx: Queryable,
  correction: { reportId: number; reason: string; before: CorrectedFields; after: CorrectedFields },
  actor: AuditActor,
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `insert into result_correction (report_id, reason, before, after, actor_user_id, actor_label)
     values ($1, $2, $3::jsonb, $4::jsonb, $5, $6) returning id`,
    [correction.reportId, correction.reason, JSON.stringify(correction.before), JSON.stringify(correction.after), actor.userId, actor.label],
  );
  return row!.id;
}

/**
 * Writes the corrected fields of a published report. The grade goes where it
 * counts: the CIO's grade when the CIO changed it, else the division's.
 * Names the lock_version it was based on, like every report write.
 */
export async function writeCorrectedReport(
  tx: Queryable,
  reportId: number,
  lockVersion: number,
  fields: { selfGrade: Grade | null; cioGrade: Grade | null; gradeReasons: string | null; issues: string | null; improvementMeasures: string | null },
  actor: AuditActor,
): Promise<boolean> {
  const rows = await tx.query(
    `update initiative_report
        set self_grade = $3, cio_grade = $4, grade_reasons = $5, issues = $6, improvement_measures = $7,
            lock_version = lock_version + 1, updated_at = now(), updated_by_user_id = $8, updated_by_label = $9
      where id = $1 and lock_version = $2 and state = 'published' returning id`,
    [reportId, lockVersion, fields.selfGrade, fields.cioGrade, fields.gradeReasons, fields.issues, fields.improvementMeasures, actor.userId, actor.label],
  );
  return rows.length === 1;
}
