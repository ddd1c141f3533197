/**
 * createNextPlan: starts the municipality's next plan (e.g. 令和8年度〜令和11年度)
 * as a copy of an existing one. The new plan is not shown to citizens until
 * its first revision is published (publishDraft with makeCurrent).
 */
import { recordAudit } from "../../../../core/audit/audit.ts";
import type { Database } from "../../../../core/db/database.ts";
import { insertPlanRow, lockPlan, lockPlanByCode } from "../../repository/plan-writes.ts";
import { nextPlanDraft, type NextPlanOptions } from "../domain/next-plan-draft.ts";
import { findLatestPublished, findRevision } from "../repository/revision-queries.ts";
import { insertDraft } from "../repository/revision-writes.ts";
import type { Actor, Revision, RevisionFailure } from "../revision.ts";
import { ensureBaseline, validateContent } from "./publishing.ts";

export type CreateNextPlanResult = { ok: true; planId: number; draft: Revision } | RevisionFailure;

export async function createNextPlan(
  db: Database,
  municipalityId: number,
  fromPlanId: number,
  options: NextPlanOptions,
  actor: Actor,
): Promise<CreateNextPlanResult> {
  return db.transaction(async (tx): Promise<CreateNextPlanResult> => {
    const from = await lockPlan(tx, fromPlanId);
    // A plan of another municipality is answered exactly like a missing one.
    if (!from || from.municipalityId !== municipalityId) {
      return { ok: false, reason: "not_found", message: "複製元の計画が見つかりません" };
    }
    if (await lockPlanByCode(tx, municipalityId, options.code)) {
      return { ok: false, reason: "plan_exists", message: `計画コード「${options.code}」の計画はすでにあります。別のコードを指定してください` };
    }
    await ensureBaseline(tx, from);
    const source = await findLatestPublished(tx, from.id);
    if (!source) return { ok: false, reason: "not_found", message: "複製元の計画には公開された版がありません" };

    const valid = validateContent(nextPlanDraft(source.content, options));
    if (!valid.ok) return valid;
    // Nothing is published yet: the new plan's tables stay empty and its digest names no content.
    const planId = await insertPlanRow(tx, municipalityId, valid.plan, "", false);
    const draftId = await insertDraft(tx, planId, 1, valid.plan, actor);
    await recordAudit(tx, {
      municipalityId,
      actor,
      ip: actor.ip,
      action: "plan.create_next",
      entityType: "plan",
      entityId: planId,
      after: {
        code: valid.plan.code,
        title: valid.plan.title,
        period: valid.plan.period,
        copiedFrom: { planId: from.id, code: from.code, revision: source.number },
        draftId,
      },
    });
    return { ok: true, planId, draft: (await findRevision(tx, draftId))! };
  });
}
