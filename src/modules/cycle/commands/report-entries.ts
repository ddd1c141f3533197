/**
 * What responsible divisions add inside a report while it is being written:
 * dated DO entries (any responsible division) and a co-responsible division's
 * contribution. Neither changes the report row, so neither makes the lead
 * division's open form stale; the contribution has its own check instead
 * (its last saved time), because two officers of one division share it.
 */
import { withAudit } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import type { Actor } from "../domain/report-workflow.ts";
import { lockReport } from "../repository/report-queries.ts";
import { findContributionVersion, insertDoEntry, upsertContribution } from "../repository/report-writes.ts";
import { auditContext, type CommandRefusal, type CycleCommandContext } from "./context.ts";
import { editRefusal } from "./save-report.ts";

export async function addDoEntry(
  db: Database,
  ctx: CycleCommandContext,
  input: { reportId: number; entryDate: string; body: string; divisionId: number | null; actor: Actor },
): Promise<{ ok: true; entryId: number } | CommandRefusal> {
  return withAudit(db, auditContext(ctx), async (tx, audit) => {
    const report = await lockReport(tx, input.reportId);
    if (!report) return { ok: false, reason: "state", message: "報告が見つかりません" };
    const refusal = editRefusal(report, input.actor, "do");
    if (refusal) return refusal;
    const entryId = await insertDoEntry(tx, input, ctx.actor);
    await audit({
      action: "report.do_entry_add",
      entityType: "initiative_report",
      entityId: report.id,
      after: { entryId, entryDate: input.entryDate, body: input.body, divisionId: input.divisionId },
    });
    return { ok: true, entryId };
  });
}

export type ContributionInput = {
  reportId: number;
  divisionId: number;
  body: string;
  /** The contribution's last saved time when the form was shown; "" when there was none. */
  version: string;
  actor: Actor;
};

export async function saveContribution(
  db: Database,
  ctx: CycleCommandContext,
  input: ContributionInput,
): Promise<{ ok: true } | CommandRefusal> {
  return withAudit(db, auditContext(ctx), async (tx, audit) => {
    const report = await lockReport(tx, input.reportId);
    if (!report) return { ok: false, reason: "state", message: "報告が見つかりません" };
    const refusal = editRefusal(report, input.actor, "contribution");
    if (refusal) return refusal;
    const current = await findContributionVersion(tx, report.id, input.divisionId);
    if ((current?.updatedAt ?? "") !== input.version) {
      return { ok: false, reason: "stale", message: "この課の取組は、あなたが開いた後に同じ課の方が保存しています" };
    }
    if (current?.body === input.body) return { ok: true };
    await upsertContribution(tx, report.id, input.divisionId, input.body, ctx.actor);
    await audit({
      action: "report.contribution_save",
      entityType: "initiative_report",
      entityId: report.id,
      before: current ? { divisionId: input.divisionId, body: current.body } : null,
      after: { divisionId: input.divisionId, body: input.body },
    });
    return { ok: true };
  });
}
