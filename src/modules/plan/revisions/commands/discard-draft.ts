/**
 * discardDraft: throws a draft away. The draft of a next plan that was never
 * published takes its (empty) plan with it, so its code can be used again.
 */
import { recordAudit } from "../../../../core/audit/audit.ts";
import type { Database } from "../../../../core/db/database.ts";
import { deletePlanWithoutContent, lockPlan } from "../../repository/plan-writes.ts";
import { findLatestPublished, findRevision } from "../repository/revision-queries.ts";
import { deleteDraft } from "../repository/revision-writes.ts";
import type { Actor, RevisionFailure } from "../revision.ts";

export type DiscardDraftResult = { ok: true; planDeleted: boolean } | RevisionFailure;

export async function discardDraft(db: Database, revisionId: number, actor: Actor): Promise<DiscardDraftResult> {
  return db.transaction(async (tx): Promise<DiscardDraftResult> => {
    const found = await findRevision(tx, revisionId);
    const plan = found && (await lockPlan(tx, found.planId));
    const draft = plan && (await findRevision(tx, revisionId));
    if (!plan || !draft) return { ok: false, reason: "not_found", message: "下書きが見つかりません" };
    if (draft.status !== "draft") {
      return { ok: false, reason: "not_draft", message: `第${draft.number}版は公開済みのため、破棄できません` };
    }
    await deleteDraft(tx, revisionId);
    const planDeleted = !plan.isCurrent && !(await findLatestPublished(tx, plan.id));
    if (planDeleted) await deletePlanWithoutContent(tx, plan.id);
    await recordAudit(tx, {
      municipalityId: plan.municipalityId,
      actor,
      ip: actor.ip,
      action: "plan_revision.discard_draft",
      entityType: "plan_revision",
      entityId: revisionId,
      before: { planId: plan.id, number: draft.number, lockVersion: draft.lockVersion },
      after: planDeleted ? { planDeleted: true, planCode: plan.code } : null,
    });
    return { ok: true, planDeleted };
  });
}
