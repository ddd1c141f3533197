/**
 * Steps shared by the commands that change what a plan publishes (importPlan,
 * publishDraft, startDraft, createNextPlan). Each runs inside the caller's
 * transaction, after the caller has locked the plan row.
 */
import type { Queryable } from "../../../../core/db/database.ts";
import { contentDigest } from "../../content-digest.ts";
import { planFile, type PlanFile } from "../../plan-file-schema.ts";
import { formatPath } from "../../read-plan-file.ts";
import { loadPlan } from "../../repository/plan-queries.ts";
import { syncPlanContent, updatePlanRow, type LockedPlan } from "../../repository/plan-writes.ts";
import { planToFile } from "../domain/plan-to-file.ts";
import { findLatestPublished, nextRevisionNumber } from "../repository/revision-queries.ts";
import { insertPublished } from "../repository/revision-writes.ts";
import { SYSTEM_ACTOR, type RevisionFailure } from "../revision.ts";

export const BASELINE_REASON = "変更履歴の記録を始めた時点の計画";

/** Content from a form or the database, checked against the plan-file schema like a file is. */
export function validateContent(
  content: unknown,
  planCode?: string,
): { ok: true; plan: PlanFile } | Extract<RevisionFailure, { reason: "invalid" }> {
  const parsed = planFile.safeParse(content);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
    return { ok: false, reason: "invalid", message: `計画の内容に誤りがあります（${problems.length}件）`, problems };
  }
  // The code names the plan in URLs and files; a revision cannot rename its plan.
  if (planCode !== undefined && parsed.data.code !== planCode) {
    const problems = [{ path: "code", message: `計画コードは変更できません（この計画は「${planCode}」です）` }];
    return { ok: false, reason: "invalid", message: problems[0]!.message, problems };
  }
  return { ok: true, plan: parsed.data };
}

/** Makes the plan's tables and row hold `content`; bumps the version the portal's cache reads. */
export async function materialise(tx: Queryable, plan: LockedPlan, content: PlanFile): Promise<void> {
  await updatePlanRow(tx, plan.id, content, contentDigest(content));
  await syncPlanContent(tx, plan.municipalityId, plan.id, content);
}

/**
 * A plan loaded before revisions were kept has content but no revision.
 * Before anything changes it, its current content is recorded as a
 * published revision, so the first change has something to be compared with.
 */
export async function ensureBaseline(tx: Queryable, plan: LockedPlan): Promise<void> {
  if (plan.digest === "" || (await findLatestPublished(tx, plan.id))) return;
  if ((await nextRevisionNumber(tx, plan.id)) !== 1) return;
  const loaded = await loadPlan(tx, plan.id);
  if (!loaded) return;
  const content = validateContent(planToFile(loaded));
  if (!content.ok) throw new Error(`計画 ${plan.code} の現在の内容を版として記録できません: ${content.problems[0]?.message}`);
  await insertPublished(tx, plan.id, 1, content.plan, BASELINE_REASON, SYSTEM_ACTOR);
}
