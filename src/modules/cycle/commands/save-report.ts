/**
 * saveReport: the lead division saves PLAN / CHECK / ACTION and the KPI
 * actuals, under optimistic concurrency. The row is locked and its
 * lock_version compared with the one the form was based on: a save made on a
 * page that someone else has changed since is refused as "stale" (nothing is
 * written), and the handler shows the form again with what was typed.
 */
import { withAudit, type Audit } from "../../../core/audit/audit.ts";
import type { Database, Queryable } from "../../../core/db/database.ts";
import type { KpiActual, Report, ReportFields } from "../cycle.ts";
import { transition, type Actor } from "../domain/report-workflow.ts";
import { listKpiActuals, lockReport } from "../repository/report-queries.ts";
import { updateReportFields, upsertKpiActual } from "../repository/report-writes.ts";
import { auditContext, type CommandRefusal, type CycleCommandContext } from "./context.ts";

export type SaveReportInput = {
  reportId: number;
  lockVersion: number;
  fields: ReportFields;
  actuals: KpiActual[];
  actor: Actor;
};

export type SaveReportResult = { ok: true; changed: boolean } | CommandRefusal;

/** Refuses edits the actor may not make on the report as it is now (state or rights). */
export function editRefusal(report: Report, actor: Actor, part: "report" | "contribution" | "do"): CommandRefusal | undefined {
  const allowed = transition(report.state, "edit", actor);
  if (!allowed.ok) return { ok: false, reason: allowed.reason === "forbidden" ? "forbidden" : "state", message: allowed.message };
  if (part === "report" && !actor.isLeadDivision) {
    return { ok: false, reason: "forbidden", message: "報告の本文は主担当課が入力します。関係課は「関係課の取組」とDOの記録を入力できます" };
  }
  if (part === "contribution" && actor.isLeadDivision) {
    return { ok: false, reason: "forbidden", message: "主担当課は報告の本文に入力してください" };
  }
  return undefined;
}

export async function saveReport(db: Database, ctx: CycleCommandContext, input: SaveReportInput): Promise<SaveReportResult> {
  return withAudit(db, auditContext(ctx), (tx, audit) => applyReportSave(tx, ctx, audit, input));
}

/** The save inside a caller's transaction (saveReport, or a workflow step that carries edits: step-with-edits.ts). */
export async function applyReportSave(tx: Queryable, ctx: CycleCommandContext, audit: Audit, input: SaveReportInput): Promise<SaveReportResult> {
  const report = await lockReport(tx, input.reportId);
  if (!report) return { ok: false, reason: "state", message: "報告が見つかりません" };
  const refusal = editRefusal(report, input.actor, "report");
  if (refusal) return refusal;
  if (report.lockVersion !== input.lockVersion) {
    return { ok: false, reason: "stale", message: "この報告は、あなたが開いた後に他の方が保存しています" };
  }
  const before: Partial<Record<keyof ReportFields, unknown>> = {};
  const after: Partial<Record<keyof ReportFields, unknown>> = {};
  for (const key of Object.keys(input.fields) as (keyof ReportFields)[]) {
    if (report[key] !== input.fields[key]) {
      before[key] = report[key];
      after[key] = input.fields[key];
    }
  }
  const stored = (await listKpiActuals(tx, [report.id])).get(report.id) ?? new Map<number, KpiActual>();
  const changedActuals = input.actuals.filter((a) => {
    const old = stored.get(a.kpiId);
    return (old?.value ?? null) !== a.value || (old?.asOf ?? null) !== a.asOf || (old?.source ?? null) !== a.source;
  });
  if (Object.keys(after).length === 0 && changedActuals.length === 0) return { ok: true, changed: false };
  await updateReportFields(tx, report.id, input.lockVersion, input.fields, ctx.actor);
  for (const actual of changedActuals) await upsertKpiActual(tx, report.id, actual);
  await audit({
    action: "report.save",
    entityType: "initiative_report",
    entityId: report.id,
    before: { ...before, kpiActuals: changedActuals.map((a) => stored.get(a.kpiId) ?? { kpiId: a.kpiId, value: null }) },
    after: { ...after, kpiActuals: changedActuals },
  });
  return { ok: true, changed: true };
}
