/**
 * openCycle: the secretariat starts a fiscal year's self-evaluation. One
 * transaction: the cycle, a draft report per initiative (lead division =
 * the first listed division; PLAN pre-filled with last year's 次年度の取組計画),
 * an 'open' event per report, the audit record, and a mail to every user
 * with a division.
 */
import { withAudit } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import { enqueueMail } from "../../../core/mail/outbox-queries.ts";
import type { Plan } from "../../plan/plan.ts";
import type { Deadlines } from "../cycle.ts";
import { cycleOpenedMail } from "../domain/mail-texts.ts";
import { defaultLeadDivisionId } from "../domain/responsibility.ts";
import { findCycleByYear } from "../repository/cycle-queries.ts";
import { insertCycle, insertReport, previousNextYearPlans } from "../repository/cycle-writes.ts";
import { listRecipients, listUnreachable } from "../repository/recipient-queries.ts";
import { insertEvent } from "../repository/report-writes.ts";
import { auditContext, mailWhere, type CycleCommandContext } from "./context.ts";

export const OPEN_CYCLE_FIELDS = {
  fiscalYear: "fiscal-year",
  reportDue: "report-due",
  reviewDue: "review-due",
  committeeDue: "committee-due",
} as const;

/** `unmailed`: users with a division but no e-mail address, whom the opening mail could not reach (the page says how many). */
export type OpenCycleResult = { ok: true; cycleId: number; reports: number; mails: number; unmailed: number } | { ok: false; field: string; message: string };

export async function openCycle(
  db: Database,
  ctx: CycleCommandContext,
  input: { plan: Plan; fiscalYear: number; deadlines: Deadlines },
): Promise<OpenCycleResult> {
  const { plan, fiscalYear, deadlines } = input;
  return withAudit(db, auditContext(ctx), async (tx, audit) => {
    if (await findCycleByYear(tx, plan.id, fiscalYear)) {
      return { ok: false, field: OPEN_CYCLE_FIELDS.fiscalYear, message: "この年度の評価は既に開始されています" };
    }
    const cycleId = await insertCycle(tx, { municipalityId: ctx.municipality.id, planId: plan.id, fiscalYear, deadlines, openedBy: ctx.actor });
    const carried = await previousNextYearPlans(tx, plan.id, fiscalYear);
    for (const initiative of plan.initiatives) {
      const reportId = await insertReport(tx, {
        cycleId,
        initiativeId: initiative.id,
        leadDivisionId: defaultLeadDivisionId(initiative),
        planText: carried.get(initiative.id) ?? null,
      });
      await insertEvent(tx, { reportId, action: "open", fromState: null, toState: "draft", comment: null, role: "secretariat" }, ctx.actor);
    }
    const mail = cycleOpenedMail(mailWhere(ctx), fiscalYear, deadlines);
    const recipients = await listRecipients(tx, ctx.municipality.id);
    for (const r of recipients) {
      await enqueueMail(tx, { municipalityId: ctx.municipality.id, kind: mail.kind, to: r.email, subject: mail.subject, body: mail.body });
    }
    await audit({
      action: "cycle.open",
      entityType: "evaluation_cycle",
      entityId: cycleId,
      after: { planId: plan.id, fiscalYear, ...deadlines, reports: plan.initiatives.length, mails: recipients.length },
    });
    const unmailed = (await listUnreachable(tx, ctx.municipality.id)).length;
    return { ok: true, cycleId, reports: plan.initiatives.length, mails: recipients.length, unmailed };
  });
}
