/**
 * Letters and the mailing list: queueing the letters PDF (one job per survey
 * at a time) and recording each download of a file that links codes to
 * people (the PDF, the contractor's CSV) in the audit log.
 */
import { withAudit, type AuditContext } from "../../../../core/audit/audit.ts";
import type { Database } from "../../../../core/db/database.ts";
import { enqueueJob } from "../../../../core/jobs/job-queries.ts";
import { LETTERS_JOB } from "../letters/letters-job.ts";

export const lettersKey = (surveyId: number) => `survey:${surveyId}`;

export async function requestLetters(db: Database, context: AuditContext & { municipalityId: number }, input: { surveyId: number; origin: string }) {
  return withAudit(db, context, async (tx, audit) => {
    const queued = await enqueueJob(tx, {
      kind: LETTERS_JOB,
      municipalityId: context.municipalityId,
      payload: { surveyId: input.surveyId, origin: input.origin },
      dedupeKey: lettersKey(input.surveyId),
      maxAttempts: 2,
      requestedByLabel: context.actor.label,
    });
    await audit({ action: "survey.letters_request", entityType: "survey", entityId: input.surveyId, after: { jobId: queued.job.id, added: queued.added } });
    return queued;
  });
}

export async function recordSampleExport(db: Database, context: AuditContext, input: { surveyId: number; file: "letters_pdf" | "mailing_csv"; rows: number }) {
  await withAudit(db, context, (_tx, audit) => audit({ action: "survey.sample_export", entityType: "survey", entityId: input.surveyId, after: { file: input.file, rows: input.rows } }));
}
