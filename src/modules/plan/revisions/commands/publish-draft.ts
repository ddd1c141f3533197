/**
 * publishDraft: makes a draft the plan's published revision, with the reason
 * citizens will read on the change history. The plan's tables are brought in
 * line with it in place (ids survive) and the plan's version is bumped, so
 * the portal shows it on the next request. `makeCurrent` also makes the plan
 * the one the portal shows (the first publication of the next plan).
 */
import { recordAudit } from "../../../../core/audit/audit.ts";
import type { Database } from "../../../../core/db/database.ts";
import { lockPlan, makePlanCurrent } from "../../repository/plan-writes.ts";
import { diffPlans } from "../domain/diff-plans.ts";
import { countChanges, type PlanChange } from "../domain/plan-change.ts";
import { findLatestPublished, findRevision } from "../repository/revision-queries.ts";
import { markPublished } from "../repository/revision-writes.ts";
import { REASON_MAX_LENGTH, type Actor, type RevisionFailure, type RevisionHeader } from "../revision.ts";
import { materialise, validateContent } from "./publishing.ts";
import { describeReportedRemovals, findReportedRemovals } from "../../repository/reported-items.ts";

export type PublishDraftOptions = { makeCurrent?: boolean };

export type PublishDraftResult =
  | { ok: true; revision: RevisionHeader; changes: PlanChange[]; madeCurrent: boolean }
  | RevisionFailure;

export async function publishDraft(
  db: Database,
  revisionId: number,
  reason: string,
  actor: Actor,
  options: PublishDraftOptions = {},
): Promise<PublishDraftResult> {
  const why = reason.trim();
  if (why === "") return { ok: false, reason: "reason_required", message: "公開する理由（変更の理由）を入力してください" };
  if (why.length > REASON_MAX_LENGTH) {
    const message = `変更の理由は${REASON_MAX_LENGTH}文字以内で入力してください`;
    return { ok: false, reason: "invalid", message, problems: [{ path: "reason", message }] };
  }
  return db.transaction(async (tx): Promise<PublishDraftResult> => {
    const found = await findRevision(tx, revisionId);
    const plan = found && (await lockPlan(tx, found.planId));
    const draft = plan && (await findRevision(tx, revisionId));
    if (!plan || !draft) return { ok: false, reason: "not_found", message: "下書きが見つかりません" };
    if (draft.status !== "draft") {
      return { ok: false, reason: "not_draft", message: `第${draft.number}版はすでに公開されています` };
    }
    // Saved drafts were valid, but the schema may have grown rules since.
    const valid = validateContent(draft.content, plan.code);
    if (!valid.ok) return valid;

    const reported = await findReportedRemovals(tx, plan.id, valid.plan);
    if (reported.length > 0) {
      const message = describeReportedRemovals(reported);
      return { ok: false, reason: "invalid", message, problems: [{ path: "", message }] };
    }

    const previous = await findLatestPublished(tx, plan.id);
    const changes = previous ? diffPlans(previous.content, valid.plan) : [];
    await markPublished(tx, revisionId, valid.plan, why, actor);
    await materialise(tx, plan, valid.plan);
    const madeCurrent = options.makeCurrent === true && !plan.isCurrent;
    if (madeCurrent) await makePlanCurrent(tx, plan.municipalityId, plan.id);

    await recordAudit(tx, {
      municipalityId: plan.municipalityId,
      actor,
      ip: actor.ip,
      action: "plan_revision.publish",
      entityType: "plan_revision",
      entityId: revisionId,
      before: previous ? { planId: plan.id, publishedNumber: previous.number } : null,
      after: { planId: plan.id, number: draft.number, reason: why, counts: countChanges(changes), madeCurrent },
    });
    return { ok: true, revision: (await findRevision(tx, revisionId))!, changes, madeCurrent };
  });
}
