/**
 * publishCycleResults: the secretariat publishes every finalised report of a
 * cycle at once (the portal shows only published results), after seeing a
 * preview: the fingerprint of that preview must still match, so a report
 * finalised or changed since is not published unseen (see
 * domain/publication.ts). Reports not yet finalised stay as they are and can
 * be published later, after another preview.
 */
import { withAudit } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import { markPublicContentChanged } from "../../tenancy/repository/municipality-queries.ts";
import type { Cycle } from "../cycle.ts";
import { publicationFingerprint } from "../domain/publication.ts";
import { transition } from "../domain/report-workflow.ts";
import { type Role } from "../../tenancy/roles.ts";
import { listReports } from "../repository/report-queries.ts";
import { changeState, insertEvent } from "../repository/report-writes.ts";
import { auditContext, type CycleCommandContext } from "./context.ts";

export async function publishCycleResults(
  db: Database,
  ctx: CycleCommandContext,
  input: { cycle: Cycle; roles: readonly Role[]; fingerprint: string },
): Promise<{ ok: true; published: number } | { ok: false; reason: "nothing" | "stale" | "forbidden"; message: string }> {
  return withAudit(db, auditContext(ctx), async (tx, audit) => {
    // Lock the cycle's reports so that a report finalised meanwhile is either published now or left for next time.
    await tx.query("select id from initiative_report where cycle_id = $1 for update", [input.cycle.id]);
    const reports = await listReports(tx, input.cycle.id);
    const finalised = reports.filter((r) => r.state === "finalised");
    if (finalised.length === 0) {
      return { ok: false, reason: "nothing", message: "公表できる確定済みの報告がありません。委員会の審査を経てCIOが確定した報告だけを公表できます。" };
    }
    if (publicationFingerprint(reports) !== input.fingerprint) {
      return {
        ok: false,
        reason: "stale",
        message: "確認画面を表示した後に、確定済みの報告が追加または変更されました。何も公表していません。もう一度確認画面で内容を確認してください。",
      };
    }
    const actor = { roles: new Set(input.roles), isLeadDivision: false, isResponsibleDivision: false };
    for (const report of finalised) {
      const result = transition(report.state, "publish", actor);
      if (!result.ok) return { ok: false, reason: "forbidden", message: result.message };
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
      after: { fiscalYear: input.cycle.fiscalYear, published: finalised.map((r) => r.id), of: reports.length, fingerprint: input.fingerprint },
    });
    return { ok: true, published: finalised.length };
  });
}
