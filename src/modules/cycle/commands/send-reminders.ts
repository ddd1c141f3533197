/**
 * sendDeadlineReminders: for each open cycle whose report deadline is
 * exactly one of `daysBefore` days away (calendar days in Japan), one
 * reminder per division that still owes reports, listing them, delivered to
 * the division's officers and head. reminder_sent makes it idempotent: at
 * most one reminder per cycle, division and day, however often the timer runs
 * and however many processes run it. Each division is its own transaction,
 * so one failure does not hold back the others.
 */
import { withAudit } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import { enqueueMail } from "../../../core/mail/outbox-queries.ts";
import { daysBetween, japanDate, UNSUBMITTED_STATES } from "../domain/deadlines.ts";
import { deadlineReminderMail } from "../domain/mail-texts.ts";
import { STATE_LABELS } from "../domain/report-workflow.ts";
import { listOpenCycles } from "../repository/cycle-queries.ts";
import { claimReminder } from "../repository/cycle-writes.ts";
import { listRecipients } from "../repository/recipient-queries.ts";
import { findMunicipalityById, listOwedReports, type OwedReport } from "../repository/reminder-queries.ts";
import { mailWhere } from "./context.ts";

export const SYSTEM_ACTOR = { userId: null, label: "システム（提出期限の通知）" };

export type ReminderRun = { divisions: number; mails: number };

export async function sendDeadlineReminders(
  db: Database,
  now: Date,
  daysBefore: readonly number[],
  options: { siteUrl?: string } = {},
): Promise<ReminderRun> {
  const today = japanDate(now);
  const run: ReminderRun = { divisions: 0, mails: 0 };
  for (const cycle of await listOpenCycles(db)) {
    const daysLeft = daysBetween(today, cycle.deadlines.reportDue);
    if (!daysBefore.includes(daysLeft)) continue;
    const municipality = await findMunicipalityById(db, cycle.municipalityId);
    if (!municipality) continue;
    const byDivision = new Map<number, OwedReport[]>();
    for (const r of await listOwedReports(db, cycle.id, UNSUBMITTED_STATES)) {
      byDivision.set(r.divisionId, [...(byDivision.get(r.divisionId) ?? []), r]);
    }
    for (const [divisionId, reports] of byDivision) {
      const mails = await withAudit(db, { municipalityId: municipality.id, actor: SYSTEM_ACTOR, ip: null }, async (tx, audit) => {
        const claimed = await claimReminder(tx, { cycleId: cycle.id, divisionId, sentOn: today, daysBefore: daysLeft, reports: reports.length });
        if (!claimed) return undefined;
        const mail = deadlineReminderMail(
          mailWhere({ municipality, siteUrl: options.siteUrl }),
          cycle.fiscalYear,
          cycle.deadlines,
          daysLeft,
          reports.map((r) => ({ initiativeNumber: r.initiativeNumber, initiativeTitle: r.initiativeTitle, stateLabel: STATE_LABELS[r.state] })),
        );
        const recipients = await listRecipients(tx, municipality.id, { divisionId, roles: ["digital_officer", "division_head"] });
        for (const r of recipients) {
          await enqueueMail(tx, { municipalityId: municipality.id, kind: mail.kind, to: r.email, subject: mail.subject, body: mail.body });
        }
        await audit({
          action: "cycle.deadline_reminder",
          entityType: "evaluation_cycle",
          entityId: cycle.id,
          after: { divisionId, sentOn: today, daysBefore: daysLeft, reports: reports.map((r) => r.initiativeNumber), recipients: recipients.length },
        });
        return recipients.length;
      });
      if (mails !== undefined) {
        run.divisions += 1;
        run.mails += mails;
      }
    }
  }
  return run;
}
