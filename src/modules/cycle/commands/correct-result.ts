/**
 * correctPublishedResult: the secretariat corrects (訂正) a published result
 * with a required reason. One transaction: the correction record (before and
 * after of what changed), the report's fields and KPI actuals, an event in
 * the report's history, an audit record, and the public content version, so
 * cached public pages show the correction at once.
 */
import { withAudit } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import { markPublicContentChanged } from "../../tenancy/repository/municipality-queries.ts";
import { correctionDiff, correctionProblems, isEmptyCorrection, type ProposedResult } from "../domain/correction.ts";
import { insertCorrection, writeCorrectedReport } from "../repository/correction-queries.ts";
import { listKpiActuals, lockReport } from "../repository/report-queries.ts";
import { insertEvent, upsertKpiActual } from "../repository/report-writes.ts";
import { auditContext, type CommandRefusal, type CycleCommandContext } from "./context.ts";

export const CORRECTION_FIELD_IDS = {
  lockVersion: "lock-version",
  grade: "correction-grade-0",
  gradeReasons: "correction-grade-reasons",
  issues: "correction-issues",
  improvementMeasures: "correction-improvement-measures",
  reason: "correction-reason",
} as const;

export async function correctPublishedResult(
  db: Database,
  ctx: CycleCommandContext,
  input: { reportId: number; lockVersion: number; reason: string; proposed: ProposedResult },
): Promise<{ ok: true; correctionId: number } | CommandRefusal> {
  return withAudit(db, auditContext(ctx), async (tx, audit) => {
    const report = await lockReport(tx, input.reportId);
    if (!report) return { ok: false, reason: "state", message: "報告が見つかりません" };
    if (report.state !== "published") return { ok: false, reason: "state", message: "訂正できるのは、公表済みの評価結果だけです" };
    if (report.lockVersion !== input.lockVersion) {
      return { ok: false, reason: "stale", message: "この評価結果は、あなたが開いた後に変更されています。内容を確認してから、もう一度訂正してください" };
    }
    const problem = correctionProblems(input.proposed)[0];
    if (problem) return { ok: false, reason: "invalid", field: CORRECTION_FIELD_IDS[problem.field], message: problem.message };
    const actuals = (await listKpiActuals(tx, [report.id])).get(report.id) ?? new Map();
    const { before, after } = correctionDiff({ report, actuals }, input.proposed);
    if (isEmptyCorrection(after)) {
      return { ok: false, reason: "invalid", field: CORRECTION_FIELD_IDS.grade, message: "訂正する内容がありません。変更する項目を直してから訂正してください" };
    }
    const grade = input.proposed.grade;
    const written = await writeCorrectedReport(
      tx,
      report.id,
      report.lockVersion,
      {
        selfGrade: report.cioGrade === null ? grade : report.selfGrade,
        cioGrade: report.cioGrade === null ? null : grade,
        gradeReasons: input.proposed.gradeReasons,
        issues: input.proposed.issues,
        improvementMeasures: input.proposed.improvementMeasures,
      },
      ctx.actor,
    );
    if (!written) return { ok: false, reason: "stale", message: "この評価結果は、あなたが開いた後に変更されています。内容を確認してから、もう一度訂正してください" };
    for (const actual of input.proposed.actuals) {
      if (after.kpi?.[String(actual.kpiId)]) await upsertKpiActual(tx, report.id, actual);
    }
    const correctionId = await insertCorrection(tx, { reportId: report.id, reason: input.reason, before, after }, ctx.actor);
    await insertEvent(
      tx,
      { reportId: report.id, action: "correct", fromState: report.state, toState: report.state, comment: `公表後に訂正: ${input.reason}`, role: "secretariat" },
      ctx.actor,
    );
    await audit({ action: "report.correct", entityType: "initiative_report", entityId: report.id, before, after: { ...after, reason: input.reason, correctionId } });
    await markPublicContentChanged(tx, ctx.municipality.id);
    return { ok: true, correctionId };
  });
}
