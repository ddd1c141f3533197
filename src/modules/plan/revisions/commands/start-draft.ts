/**
 * startDraft: opens a draft revision of a plan, a copy of its current
 * published content, for the secretariat to revise. One draft per plan.
 */
import { recordAudit } from "../../../../core/audit/audit.ts";
import type { Database } from "../../../../core/db/database.ts";
import { lockPlan } from "../../repository/plan-writes.ts";
import { findDraft, findLatestPublished, findRevision, nextRevisionNumber } from "../repository/revision-queries.ts";
import { insertDraft } from "../repository/revision-writes.ts";
import type { Actor, Revision, RevisionFailure } from "../revision.ts";
import { ensureBaseline } from "./publishing.ts";

export type StartDraftResult = { ok: true; draft: Revision } | RevisionFailure;

export async function startDraft(db: Database, planId: number, actor: Actor): Promise<StartDraftResult> {
  return db.transaction(async (tx): Promise<StartDraftResult> => {
    const plan = await lockPlan(tx, planId);
    if (!plan) return { ok: false, reason: "not_found", message: "計画が見つかりません" };
    const existing = await findDraft(tx, planId);
    if (existing) {
      return {
        ok: false,
        reason: "draft_exists",
        message: `この計画には編集中の下書き（第${existing.number}版、${existing.createdBy.label}が作成）があります。続きを編集するか、破棄してから始めてください`,
        draft: existing,
      };
    }
    await ensureBaseline(tx, plan);
    const published = await findLatestPublished(tx, planId);
    if (!published) return { ok: false, reason: "not_found", message: "この計画には公開された版がありません" };

    const number = await nextRevisionNumber(tx, planId);
    const id = await insertDraft(tx, planId, number, published.content, actor);
    await recordAudit(tx, {
      municipalityId: plan.municipalityId,
      actor,
      ip: actor.ip,
      action: "plan_revision.start_draft",
      entityType: "plan_revision",
      entityId: id,
      after: { planId, number, copiedFrom: published.number },
    });
    return { ok: true, draft: (await findRevision(tx, id))! };
  });
}
