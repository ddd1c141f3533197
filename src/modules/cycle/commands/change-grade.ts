/**
 * changeGrade: the CIO changes a report's grade while the committee reviews
 * it, always with a reason. The division's self-grade is kept beside it (both
 * are shown, also to citizens once published); the change is an event in the
 * report's history and an audit record.
 */
import { withAudit } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import type { Grade } from "../../plan/plan.ts";
import { availableActions, type Actor } from "../domain/report-workflow.ts";
import { lockReport } from "../repository/report-queries.ts";
import { insertEvent, setCioGrade } from "../repository/report-writes.ts";
import { auditContext, type CommandRefusal, type CycleCommandContext } from "./context.ts";

export const GRADE_FIELDS = { grade: "cio-grade-0", reason: "cio-grade-reason" } as const;

export async function changeGrade(
  db: Database,
  ctx: CycleCommandContext,
  input: { reportId: number; grade: Grade; reason: string; lockVersion: number; actor: Actor },
): Promise<{ ok: true } | CommandRefusal> {
  return withAudit(db, auditContext(ctx), async (tx, audit) => {
    const report = await lockReport(tx, input.reportId);
    if (!report) return { ok: false, reason: "state", message: "報告が見つかりません" };
    // The same condition as finalising: the CIO, while the committee reviews.
    if (!availableActions(report.state, input.actor).includes("finalise")) {
      return input.actor.roles.has("cio")
        ? { ok: false, reason: "state", message: "評価を変更できるのは、委員会審査中の報告だけです" }
        : { ok: false, reason: "forbidden", message: "評価を変更できるのはCIOです" };
    }
    if (report.lockVersion !== input.lockVersion) {
      return { ok: false, reason: "stale", message: "この報告は、あなたが開いた後に変更されています。内容を確認してから、もう一度操作してください" };
    }
    if (report.cioGrade === null && input.grade === report.selfGrade) {
      return { ok: false, reason: "invalid", field: GRADE_FIELDS.grade, message: "自己評価と同じ評価です。変更する評価を選んでください" };
    }
    await setCioGrade(tx, report.id, { grade: input.grade, reason: input.reason, lockVersion: report.lockVersion }, ctx.actor);
    const from = report.cioGrade ?? report.selfGrade ?? "—";
    await insertEvent(
      tx,
      { reportId: report.id, action: "change_grade", fromState: report.state, toState: report.state, comment: `評価を${from}から${input.grade}に変更: ${input.reason}`, role: "cio" },
      ctx.actor,
    );
    await audit({
      action: "report.change_grade",
      entityType: "initiative_report",
      entityId: report.id,
      before: { selfGrade: report.selfGrade, cioGrade: report.cioGrade, cioGradeReason: report.cioGradeReason },
      after: { selfGrade: report.selfGrade, cioGrade: input.grade, cioGradeReason: input.reason },
    });
    return { ok: true };
  });
}
