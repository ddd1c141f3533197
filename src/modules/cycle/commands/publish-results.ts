/**
 * publishCycleResults: the secretariat publishes every finalised report of a
 * cycle at once (the portal shows only published results). Reports not yet
 * finalised stay as they are and can be published later, one by one or by
 * running this again.
 */
import { withAudit } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import { markPublicContentChanged } from "../../plan/repository/plan-queries.ts";
import type { Cycle } from "../cycle.ts";
import { transition, type Role } from "../domain/report-workflow.ts";
import { listReports } from "../repository/report-queries.ts";
import { changeState, insertEvent } from "../repository/report-writes.ts";
import { auditContext, type CycleCommandContext } from "./context.ts";

export async function publishCycleResults(
  db: Database,
  ctx: CycleCommandContext,
  input: { cycle: Cycle; roles: readonly Role[] },
): Promise<{ ok: true; published: number } | { ok: false; message: string }> {
  return withAudit(db, auditContext(ctx), async (tx, audit) => {
    // Lock the cycle's reports so that a report finalised meanwhile is either published now or left for next time.
    await tx.query("select id from initiative_report where cycle_id = $1 for update", [input.cycle.id]);
    const finalised = (await listReports(tx, input.cycle.id)).filter((r) => r.state === "finalised");
    if (finalised.length === 0) return { ok: false, message: "公表できる確定済みの報告がありません" };
    const actor = { roles: new Set(input.roles), isLeadDivision: false, isResponsibleDivision: false };
    for (const report of finalised) {
      const result = transition(report.state, "publish", actor);
      if (!result.ok) return { ok: false, message: result.message };
      await changeState(tx, report.id, { from: report.state, to: result.state, lockVersion: report.lockVersion }, ctx.actor);
      await insertEvent(tx, { reportId: report.id, action: "publish", fromState: report.state, toState: result.state, comment: null, role: "secretariat" }, ctx.actor);
      await audit({ action: "report.publish", entityType: "initiative_report", entityId: report.id, before: { state: report.state }, after: { state: result.state } });
    }
    // Cached public pages of this municipality must be rendered afresh (portal/page-cache.ts).
    await markPublicContentChanged(tx, ctx.municipality.id);
    await audit({
      action: "cycle.publish_results",
      entityType: "evaluation_cycle",
      entityId: input.cycle.id,
      after: { fiscalYear: input.cycle.fiscalYear, published: finalised.map((r) => r.id) },
    });
    return { ok: true, published: finalised.length };
  });
}
