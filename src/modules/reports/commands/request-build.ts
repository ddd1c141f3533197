/**
 * requestDocumentBuild: the secretariat asks for a document's PDF to be
 * built. Queues one background job (none is added while one for the same
 * document waits or runs) and records who asked, in one transaction.
 */
import { withAudit, type AuditActor } from "../../../core/audit/audit.ts";
import type { Database, Queryable } from "../../../core/db/database.ts";
import type { Job } from "../../../core/jobs/job.ts";
import { enqueueJob } from "../../../core/jobs/job-queries.ts";
import { DOCUMENT_BUILD_JOB, documentKey, type DocumentRef } from "../document-ref.ts";

export type BuildRequestContext = { municipalityId: number; actor: AuditActor; ip: string | null };

/** Queues the build (the job's key keeps it to one at a time per document). */
export function queueDocumentBuild(tx: Queryable, municipalityId: number, ref: DocumentRef, requestedBy: string) {
  return enqueueJob(tx, {
    kind: DOCUMENT_BUILD_JOB,
    municipalityId,
    payload: { ...ref },
    dedupeKey: documentKey(ref),
    maxAttempts: 3,
    requestedByLabel: requestedBy,
  });
}

export async function requestDocumentBuild(db: Database, ctx: BuildRequestContext, ref: DocumentRef): Promise<{ job: Job; added: boolean }> {
  return withAudit(db, ctx, async (tx, audit) => {
    const queued = await queueDocumentBuild(tx, ctx.municipalityId, ref, ctx.actor.label);
    await audit({
      action: "document.build_request",
      entityType: "job",
      entityId: queued.job.id,
      after: { ...ref, added: queued.added },
    });
    return queued;
  });
}
