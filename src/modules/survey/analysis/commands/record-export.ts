/**
 * recordRespondentExport: the respondent-level file leaves the system (to a
 * staff member's computer), so who took it and when is in the audit trail,
 * like the audit log's own export.
 */
import type { AuditContext } from "../../../../core/audit/audit.ts";
import { withAudit } from "../../../../core/audit/audit.ts";
import type { Database } from "../../../../core/db/database.ts";
import type { AnalysisSurvey } from "../repository/analysis-queries.ts";

export async function recordRespondentExport(db: Database, context: AuditContext, survey: AnalysisSurvey, respondents: number): Promise<void> {
  await withAudit(db, context, (_tx, audit) =>
    audit({ action: "survey.respondents_export", entityType: "survey", entityId: survey.id, after: { survey: survey.code, respondents, freeText: false } }),
  );
}
