/**
 * confirmSurveyReadings: the secretariat confirms readings of a published
 * survey (a corrected transcription, a finding ↔ initiative link the report
 * does not state) after checking them against the printed report, as for the
 * plan's readings (decision 019). One transaction with its audit record; the
 * public marker 「確認中」 goes at once.
 */
import { withAudit, type AuditContext } from "../../../../core/audit/audit.ts";
import type { Database } from "../../../../core/db/database.ts";
import { markPublicContentChanged } from "../../../tenancy/repository/municipality-queries.ts";
import { markReadingsConfirmed } from "../repository/evidence-writes.ts";

export async function confirmSurveyReadings(
  db: Database,
  ctx: AuditContext & { municipalityId: number },
  readings: { surveyId: number; key: string }[],
): Promise<{ confirmed: number }> {
  return withAudit(db, ctx, async (tx, audit) => {
    const confirmed = await markReadingsConfirmed(tx, ctx.municipalityId, readings, ctx.actor.userId);
    if (confirmed === 0) return { confirmed };
    await markPublicContentChanged(tx, ctx.municipalityId);
    await audit({ action: "survey_reading.confirm", entityType: "survey", entityId: readings[0]!.surveyId, after: { confirmed: readings } });
    return { confirmed };
  });
}
