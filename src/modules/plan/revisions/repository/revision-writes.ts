/**
 * Write queries of plan revisions, used by the revision commands (and by
 * importPlan) inside their transaction. Published rows are never updated or
 * deleted here: only a draft's content, its publication and its discarding.
 */
import type { Queryable } from "../../../../core/db/database.ts";
import type { PlanFile } from "../../plan-file-schema.ts";
import type { Actor } from "../revision.ts";

export async function insertDraft(tx: Queryable, planId: number, number: number, content: PlanFile, actor: Actor): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `insert into plan_revision (plan_id, number, status, content, created_by_user_id, created_by_label)
     values ($1, $2, 'draft', $3::jsonb, $4, $5) returning id`,
    [planId, number, JSON.stringify(content), actor.userId, actor.label],
  );
  return row!.id;
}

/** A revision created and published at once (a plan file import). */
export async function insertPublished(
  tx: Queryable,
  planId: number,
  number: number,
  content: PlanFile,
  reason: string,
  actor: Actor,
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `insert into plan_revision (plan_id, number, status, content, reason, created_by_user_id, created_by_label,
                                published_by_user_id, published_by_label, published_at)
     values ($1, $2, 'published', $3::jsonb, $4, $5, $6, $5, $6, now()) returning id`,
    [planId, number, JSON.stringify(content), reason, actor.userId, actor.label],
  );
  return row!.id;
}

/**
 * Saves a draft's content if nobody saved it since `expectedLockVersion` was
 * read. Returns the new lock version, or undefined when the draft moved on
 * (or is no longer a draft) — the caller reports a conflict.
 */
export async function updateDraftContent(
  tx: Queryable,
  revisionId: number,
  content: PlanFile,
  expectedLockVersion: number,
): Promise<number | undefined> {
  const rows = await tx.query<{ lock_version: number }>(
    `update plan_revision set content = $2::jsonb, lock_version = lock_version + 1
      where id = $1 and status = 'draft' and lock_version = $3
      returning lock_version`,
    [revisionId, JSON.stringify(content), expectedLockVersion],
  );
  return rows[0]?.lock_version;
}

export async function markPublished(tx: Queryable, revisionId: number, content: PlanFile, reason: string, actor: Actor): Promise<void> {
  await tx.query(
    `update plan_revision
        set status = 'published', content = $2::jsonb, reason = $3,
            published_by_user_id = $4, published_by_label = $5, published_at = now(),
            lock_version = lock_version + 1
      where id = $1 and status = 'draft'`,
    [revisionId, JSON.stringify(content), reason, actor.userId, actor.label],
  );
}

export async function deleteDraft(tx: Queryable, revisionId: number): Promise<void> {
  await tx.query("delete from plan_revision where id = $1 and status = 'draft'", [revisionId]);
}
