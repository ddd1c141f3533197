/**
 * confirmReadings: the secretariat confirms one reading, or every reading of
 * an initiative, after checking it against the printed plan. One transaction
 * with its audit record; the public content version is bumped so the public
 * marker disappears at once.
 */
import { withAudit, type AuditContext } from "../../../../core/audit/audit.ts";
import type { Database } from "../../../../core/db/database.ts";
import { markPublicContentChanged } from "../../../tenancy/repository/municipality-queries.ts";
import type { Reading } from "../readings.ts";
import { upsertConfirmations } from "../repository/reading-queries.ts";

export async function confirmReadings(
  db: Database,
  ctx: AuditContext & { municipalityId: number },
  input: { planId: number; readings: readonly Reading[] },
): Promise<{ ok: true; confirmed: number }> {
  return withAudit(db, ctx, async (tx, audit) => {
    await upsertConfirmations(tx, input.planId, input.readings.map((r) => ({ key: r.key, note: r.note })), ctx.actor);
    await markPublicContentChanged(tx, ctx.municipalityId);
    await audit({
      action: "plan_reading.confirm",
      entityType: "plan",
      entityId: input.planId,
      after: { confirmed: input.readings.map((r) => ({ key: r.key, note: r.note })) },
    });
    return { ok: true, confirmed: input.readings.length };
  });
}
