/**
 * saveDraft: replaces a draft's content, validated like a plan file, under
 * optimistic concurrency. A save based on an older version of the draft is
 * refused with the draft as it now is, so the page can show both and the
 * user's edits are not lost.
 */
import { recordAudit } from "../../../../core/audit/audit.ts";
import type { Database } from "../../../../core/db/database.ts";
import { lockPlan } from "../../repository/plan-writes.ts";
import { diffPlans } from "../domain/diff-plans.ts";
import { findRevision } from "../repository/revision-queries.ts";
import { updateDraftContent } from "../repository/revision-writes.ts";
import type { Actor, RevisionFailure } from "../revision.ts";
import { validateContent } from "./publishing.ts";

export type SaveDraftResult = { ok: true; lockVersion: number } | RevisionFailure;

export async function saveDraft(
  db: Database,
  revisionId: number,
  content: unknown,
  expectedLockVersion: number,
  actor: Actor,
): Promise<SaveDraftResult> {
  return db.transaction(async (tx): Promise<SaveDraftResult> => {
    const found = await findRevision(tx, revisionId);
    if (!found) return { ok: false, reason: "not_found", message: "下書きが見つかりません" };
    const plan = await lockPlan(tx, found.planId);
    // Read again under the plan's lock: another save or a publication may have just committed.
    const draft = await findRevision(tx, revisionId);
    if (!plan || !draft) return { ok: false, reason: "not_found", message: "下書きが見つかりません" };
    if (draft.status !== "draft") {
      return { ok: false, reason: "not_draft", message: `第${draft.number}版はすでに公開されているため、変更できません` };
    }
    const valid = validateContent(content, plan.code);
    if (!valid.ok) return valid;

    const lockVersion = await updateDraftContent(tx, revisionId, valid.plan, expectedLockVersion);
    if (lockVersion === undefined) {
      return {
        ok: false,
        reason: "conflict",
        message: "編集を始めた後に、ほかの人がこの下書きを保存しました。最新の内容を確認し、必要な変更をもう一度行ってください",
        current: draft,
      };
    }
    await recordAudit(tx, {
      municipalityId: plan.municipalityId,
      actor,
      ip: actor.ip,
      action: "plan_revision.save_draft",
      entityType: "plan_revision",
      entityId: revisionId,
      before: { lockVersion: draft.lockVersion },
      after: { lockVersion, changes: diffPlans(draft.content, valid.plan) },
    });
    return { ok: true, lockVersion };
  });
}
