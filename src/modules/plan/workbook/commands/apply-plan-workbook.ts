/**
 * applyPlanWorkbook: a draft's content replaced by what an uploaded plan
 * workbook says — already read, checked cell by cell and validated as a plan
 * file by the caller — in one transaction with its audit record, which keeps
 * the file's SHA-256 and the changes it made. Refused, with nothing changed,
 * when the draft was saved or closed since the caller read it.
 */
import { recordAudit } from "../../../../core/audit/audit.ts";
import type { Database } from "../../../../core/db/database.ts";
import type { PlanFile } from "../../plan-file-schema.ts";
import { lockPlan } from "../../repository/plan-writes.ts";
import { diffPlans } from "../../revisions/domain/diff-plans.ts";
import type { PlanChange } from "../../revisions/domain/plan-change.ts";
import { findRevision } from "../../revisions/repository/revision-queries.ts";
import { updateDraftContent } from "../../revisions/repository/revision-writes.ts";
import type { Actor } from "../../revisions/revision.ts";

export type UploadedWorkbook = { sha256: string; fileName: string; bytes: number };

export type ApplyWorkbookResult =
  | { ok: true; lockVersion: number; changes: PlanChange[] }
  | { ok: false; reason: "not_found" | "not_draft" | "conflict"; message: string };

export async function applyPlanWorkbook(
  db: Database,
  input: { draftId: number; expectedLockVersion: number; content: PlanFile; file: UploadedWorkbook; actor: Actor },
): Promise<ApplyWorkbookResult> {
  return db.transaction(async (tx): Promise<ApplyWorkbookResult> => {
    const found = await findRevision(tx, input.draftId);
    const plan = found && (await lockPlan(tx, found.planId));
    // Read again under the plan's lock: a save or a publication may have just committed.
    const draft = plan && (await findRevision(tx, input.draftId));
    if (!plan || !draft) return { ok: false, reason: "not_found", message: "下書きが見つかりません。ほかの人が破棄した可能性があります" };
    if (draft.status !== "draft") return { ok: false, reason: "not_draft", message: `第${draft.number}版はすでに公開されたため、変更できません` };
    const lockVersion = await updateDraftContent(tx, draft.id, input.content, input.expectedLockVersion);
    if (lockVersion === undefined) {
      return { ok: false, reason: "conflict", message: "取り込みの途中で、ほかの人がこの下書きを保存しました。何も取り込んでいません。もう一度アップロードしてください" };
    }
    const changes = diffPlans(draft.content, input.content);
    await recordAudit(tx, {
      municipalityId: plan.municipalityId,
      actor: input.actor,
      ip: input.actor.ip,
      action: "plan_revision.upload_workbook",
      entityType: "plan_revision",
      entityId: draft.id,
      before: { lockVersion: draft.lockVersion },
      after: { lockVersion, file: input.file, changes },
    });
    return { ok: true, lockVersion, changes };
  });
}
