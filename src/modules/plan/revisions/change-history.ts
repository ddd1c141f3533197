/**
 * The change history pages compare published revisions. Published content
 * never changes, so contents and the differences computed from them are kept
 * in memory by revision id, without any invalidation; only the list of
 * revisions (one small query) is read on every request.
 *
 * Public pages never name staff (no names, no login ids): a revision's
 * publisher is given as the division of the user who published it, or
 * 「事務局」 (the system's plan-file import, or a user without a division).
 */
import type { Queryable } from "../../../core/db/database.ts";
import type { PlanFile } from "../plan-file-schema.ts";
import { diffPlans } from "./domain/diff-plans.ts";
import { countChanges, type ChangeCounts, type PlanChange } from "./domain/plan-change.ts";
import { listPublished, loadPublishedContents } from "./repository/revision-queries.ts";
import type { RevisionHeader } from "./revision.ts";
import { divisionNamesOfUsers } from "./repository/publisher-queries.ts";

/** How the public pages name whoever published a revision. */
export const SECRETARIAT_LABEL = "事務局";

export type HistoryEntry = {
  revision: RevisionHeader;
  /** Against the revision before it; null for the first revision. */
  counts: ChangeCounts | null;
};

// Enough for every revision of a few municipalities' plans; beyond it the oldest go first.
const MAX_CONTENTS = 64;
const MAX_DIFFS = 256;

export class ChangeHistory {
  private readonly contents = new Map<number, PlanFile>();
  private readonly diffs = new Map<string, PlanChange[]>();

  constructor(private readonly db: Queryable) {}

  /** The plan's published revisions, newest first, each with the size of its change. */
  async list(planId: number): Promise<HistoryEntry[]> {
    const revisions = await this.revisions(planId);
    await this.contentsOf(planId, revisions); // one query for all that are not cached yet
    const entries: HistoryEntry[] = [];
    for (const [i, revision] of revisions.entries()) {
      const previous = revisions[i - 1];
      entries.push({ revision, counts: previous ? countChanges(await this.changes(planId, previous, revision)) : null });
    }
    return entries.reverse();
  }

  /** Published revisions, oldest first, each publisher named by division (never by person). */
  async revisions(planId: number): Promise<RevisionHeader[]> {
    const revisions = await listPublished(this.db, planId);
    const userIds = [...new Set(revisions.flatMap((r) => [r.publishedBy?.userId, r.createdBy.userId].filter((id): id is number => typeof id === "number")))];
    const divisions = await divisionNamesOfUsers(this.db, userIds);
    return revisions.map((r) => ({
      ...r,
      createdBy: { userId: r.createdBy.userId, label: (r.createdBy.userId && divisions.get(r.createdBy.userId)) || SECRETARIAT_LABEL },
      publishedBy: r.publishedBy && { userId: r.publishedBy.userId, label: (r.publishedBy.userId && divisions.get(r.publishedBy.userId)) || SECRETARIAT_LABEL },
    }));
  }

  /** What changed from one published revision to another (of the same plan). */
  async changes(planId: number, from: RevisionHeader, to: RevisionHeader): Promise<PlanChange[]> {
    const key = `${from.id}:${to.id}`;
    const cached = this.diffs.get(key);
    if (cached) return cached;
    const [before, after] = await this.contentsOf(planId, [from, to]);
    const changes = diffPlans(before!, after!);
    remember(this.diffs, key, changes, MAX_DIFFS);
    return changes;
  }

  private async contentsOf(planId: number, revisions: RevisionHeader[]): Promise<PlanFile[]> {
    const missing = revisions.filter((r) => !this.contents.has(r.id));
    if (missing.length > 0) {
      const loaded = await loadPublishedContents(this.db, planId, missing.map((r) => r.number));
      for (const r of missing) {
        const content = loaded.get(r.number);
        if (!content) throw new Error(`plan ${planId}: revision ${r.number} has no published content`);
        remember(this.contents, r.id, content, MAX_CONTENTS);
      }
    }
    return revisions.map((r) => this.contents.get(r.id)!);
  }
}

function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  if (map.size >= max) map.delete(map.keys().next().value!);
  map.set(key, value);
}
