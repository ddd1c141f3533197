/**
 * transitionReport: one step of the report's workflow (approve, reopen,
 * submit, return, revise, check, comment, finalise, publish). The state
 * machine decides (report-workflow.ts); this command locks the row, refuses
 * a step taken on a stale page, records the event (the history keeps every
 * return and its comment), writes the audit record and enqueues the mail
 * the step causes — all in one transaction.
 */
import { withAudit, type Audit } from "../../../core/audit/audit.ts";
import type { Database, Queryable } from "../../../core/db/database.ts";
import { enqueueMail } from "../../../core/mail/outbox-queries.ts";
import { markPublicContentChanged } from "../../tenancy/repository/municipality-queries.ts";
import { finalGrade, type Report } from "../cycle.ts";
import { reportApprovedMail, reportFinalisedMail, reportReturnedMail, type MailText } from "../domain/mail-texts.ts";
import { transition, type Actor, type ReportAction } from "../domain/report-workflow.ts";
import { type Role } from "../../tenancy/roles.ts";
import { listRecipients, listUnreachable } from "../repository/recipient-queries.ts";
import { lockReport } from "../repository/report-queries.ts";
import { changeState, insertEvent } from "../repository/report-writes.ts";
import { auditContext, mailWhere, reportPath, type CommandRefusal, type CycleCommandContext } from "./context.ts";

export const COMMENT_FIELD = "transition-comment";

export type TransitionInput = {
  reportId: number;
  action: Exclude<ReportAction, "edit">;
  comment: string | null;
  lockVersion: number;
  actor: Actor;
  /** For the mail: which report this is. */
  about: { cycleId: number; fiscalYear: number; initiativeNumber: number; initiativeTitle: string };
};

/** `unmailed`: the people the step's mail should have reached but who have no address (the page names them). */
export type TransitionReportResult = { ok: true; report: Report; unmailed: { userId: number; displayName: string }[] } | CommandRefusal;

/** The role an action is taken in, for the history (and, for comments, the public results). */
export function actingRole(action: ReportAction, roles: ReadonlySet<Role>): Role | null {
  const prefer: Record<ReportAction, Role[]> = {
    edit: ["digital_officer", "division_head"],
    approve: ["division_head"],
    reopen: ["division_head"],
    submit: ["digital_officer", "division_head"],
    revise: ["digital_officer", "division_head"],
    return: ["secretariat", "cio"],
    check: ["secretariat"],
    comment: ["committee_member", "cio", "secretariat"],
    finalise: ["cio"],
    publish: ["secretariat"],
  };
  return prefer[action].find((r) => roles.has(r)) ?? null;
}

export async function transitionReport(db: Database, ctx: CycleCommandContext, input: TransitionInput): Promise<TransitionReportResult> {
  return withAudit(db, auditContext(ctx), (tx, audit) => applyTransition(tx, ctx, audit, input));
}

/** The step inside a caller's transaction (transitionReport, or step-with-edits.ts after saving the typed edits). */
export async function applyTransition(tx: Queryable, ctx: CycleCommandContext, audit: Audit, input: TransitionInput): Promise<TransitionReportResult> {
  const report = await lockReport(tx, input.reportId);
  if (!report) return { ok: false, reason: "state", message: "報告が見つかりません" };
  const comment = input.comment?.trim() || null;
  const result = transition(report.state, input.action, input.actor, { comment: comment ?? undefined });
  if (!result.ok) {
    if (result.reason === "forbidden") return { ok: false, reason: "forbidden", message: result.message };
    if (result.reason === "comment_required") return { ok: false, reason: "invalid", field: COMMENT_FIELD, message: result.message };
    return { ok: false, reason: "state", message: result.message };
  }
  if (report.lockVersion !== input.lockVersion) {
    return { ok: false, reason: "stale", message: "この報告は、あなたが開いた後に変更されています。内容を確認してから、もう一度操作してください" };
  }
  if ((input.action === "approve" || input.action === "submit") && report.selfGrade === null) {
    return { ok: false, reason: "invalid", field: "self-grade-0", message: "自己評価（S〜C）と評価の理由を入力して保存してから、承認・提出してください" };
  }
  await changeState(tx, report.id, { from: report.state, to: result.state, lockVersion: report.lockVersion }, ctx.actor);
  const role = actingRole(input.action, input.actor.roles);
  await insertEvent(tx, { reportId: report.id, action: input.action, fromState: report.state, toState: result.state, comment, role }, ctx.actor);
  await audit({
    action: `report.${input.action}`,
    entityType: "initiative_report",
    entityId: report.id,
    before: { state: report.state },
    after: { state: result.state, comment },
  });
  // A published result is public: cached public pages must be rendered afresh (portal/page-cache.ts).
  if (result.state === "published") await markPublicContentChanged(tx, ctx.municipality.id);
  const unmailed = await notify(tx, ctx, input, report, comment);
  return { ok: true, report: { ...report, state: result.state, lockVersion: report.lockVersion + 1 }, unmailed };
}

/** Mail caused by a step, to the report's lead division (see docs/decisions/011-pdca-cycle.md). */
async function notify(tx: Queryable, ctx: CycleCommandContext, input: TransitionInput, report: Report, comment: string | null) {
  if (report.leadDivisionId === null) return [];
  const ref = { ...input.about, path: reportPath(input.about.cycleId, input.about.initiativeNumber) };
  const where = mailWhere(ctx);
  let mail: MailText;
  let roles: Role[] | undefined;
  switch (input.action) {
    case "return":
      mail = reportReturnedMail(where, ref, comment ?? "", ctx.actor.label);
      roles = ["digital_officer", "division_head"];
      break;
    case "approve":
      mail = reportApprovedMail(where, ref, ctx.actor.label);
      roles = ["digital_officer"];
      break;
    case "finalise":
      mail = reportFinalisedMail(where, ref, finalGrade(report) ?? "—");
      roles = undefined; // the whole division
      break;
    default:
      return [];
  }
  const recipients = await listRecipients(tx, ctx.municipality.id, { divisionId: report.leadDivisionId, roles });
  for (const r of recipients) {
    await enqueueMail(tx, { municipalityId: ctx.municipality.id, kind: mail.kind, to: r.email, subject: mail.subject, body: mail.body });
  }
  return listUnreachable(tx, ctx.municipality.id, { divisionId: report.leadDivisionId, roles });
}
