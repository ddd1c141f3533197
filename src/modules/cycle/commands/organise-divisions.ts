/**
 * The secretariat's two decisions about who answers for a report: the
 * members of an initiative's 「関係各課」/「各システム担当課」, and the lead
 * division of a report whose initiative lists a collective first.
 */
import { withAudit } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import type { ResolvableCollective } from "../domain/responsibility.ts";
import { listCollectiveMembers } from "../repository/cycle-queries.ts";
import { replaceCollectiveMembers } from "../repository/cycle-writes.ts";
import { lockReport } from "../repository/report-queries.ts";
import { insertEvent, setLeadDivision } from "../repository/report-writes.ts";
import { auditContext, type CycleCommandContext } from "./context.ts";

export async function setCollectiveMembers(
  db: Database,
  ctx: CycleCommandContext,
  input: { planId: number; initiativeId: number; members: Map<ResolvableCollective, number[]> },
): Promise<{ ok: true; changed: boolean }> {
  return withAudit(db, auditContext(ctx), async (tx, audit) => {
    const current = (await listCollectiveMembers(tx, input.planId)).get(input.initiativeId) ?? new Map();
    let changed = false;
    for (const [kind, divisionIds] of input.members) {
      const before = [...(current.get(kind) ?? [])].sort((a, b) => a - b);
      const after = [...new Set(divisionIds)].sort((a, b) => a - b);
      if (before.join() === after.join()) continue;
      changed = true;
      await replaceCollectiveMembers(tx, input.initiativeId, kind, after);
      await audit({ action: "initiative.collective_members", entityType: "initiative", entityId: input.initiativeId, before: { kind, divisionIds: before }, after: { kind, divisionIds: after } });
    }
    return { ok: true, changed };
  });
}

export async function designateLead(
  db: Database,
  ctx: CycleCommandContext,
  input: { reportId: number; divisionId: number; divisionName: string; responsibleDivisionIds: ReadonlySet<number> },
): Promise<{ ok: true } | { ok: false; message: string }> {
  return withAudit(db, auditContext(ctx), async (tx, audit) => {
    const report = await lockReport(tx, input.reportId);
    if (!report) return { ok: false, message: "報告が見つかりません" };
    if (report.state !== "draft" && report.state !== "returned") {
      return { ok: false, message: "主担当課を指定できるのは、作成中か差戻し中の報告だけです" };
    }
    if (!input.responsibleDivisionIds.has(input.divisionId)) {
      return { ok: false, message: "主担当課は、この取組項目の担当課（関係各課などの構成課を含む）から選んでください" };
    }
    if (report.leadDivisionId === input.divisionId) return { ok: true };
    await setLeadDivision(tx, report.id, input.divisionId, report.lockVersion);
    await insertEvent(
      tx,
      { reportId: report.id, action: "designate_lead", fromState: report.state, toState: report.state, comment: `主担当課を${input.divisionName}に指定`, role: "secretariat" },
      ctx.actor,
    );
    await audit({ action: "report.designate_lead", entityType: "initiative_report", entityId: report.id, before: { leadDivisionId: report.leadDivisionId }, after: { leadDivisionId: input.divisionId } });
    return { ok: true };
  });
}
