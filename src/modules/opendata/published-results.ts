/**
 * The published yearly results that the result datasets are made of, loaded
 * once per municipality and kept until something public changes. Publishing
 * a result bumps municipality.public_changed_at in its transaction
 * (markPublicContentChanged), the same stamp the public page cache keys on,
 * so a file is never older than the portal page beside it.
 */
import { LruCache } from "../../core/cache/lru.ts";
import type { Queryable } from "../../core/db/database.ts";
import type { Plan } from "../plan/plan.ts";
import type { PlanCache } from "../plan/plan-cache.ts";
import { latestPublication, type SurveyEvidence } from "../survey/evidence/domain/survey-evidence.ts";
import { loadEvidenceOfPlanMunicipality } from "../survey/evidence/repository/evidence-queries.ts";
import {
  listPublishedActuals,
  listPublishedEvaluations,
  type PublishedActualRow,
  type PublishedEvaluationRow,
} from "./repository/result-queries.ts";

export type PublishedResults = {
  evaluations: PublishedEvaluationRow[];
  actuals: PublishedActualRow[];
  /** The latest publication, or null when nothing is published. */
  lastPublishedAt: Date | null;
  /** The municipality's published survey tables (survey module) and their latest publication. */
  surveys?: SurveyEvidence[];
  surveysPublishedAt?: Date | null;
};

export const NO_RESULTS: PublishedResults = { evaluations: [], actuals: [], lastPublishedAt: null };

export async function loadPublishedResults(db: Queryable, planId: number): Promise<PublishedResults> {
  const [evaluations, actuals, surveys] = await Promise.all([
    listPublishedEvaluations(db, planId),
    listPublishedActuals(db, planId),
    loadEvidenceOfPlanMunicipality(db, planId),
  ]);
  const stamps = evaluations.flatMap((e) => (e.publishedAt ? [e.publishedAt.getTime()] : []));
  return {
    evaluations,
    actuals,
    lastPublishedAt: stamps.length === 0 ? null : new Date(Math.max(...stamps)),
    surveys,
    surveysPublishedAt: latestPublication(surveys),
  };
}

/**
 * Results per plan, tagged with the municipality's public_changed_at: a newer
 * stamp misses, so the CKAN list over every municipality costs one lookup
 * each, not two queries each, until something is published.
 */
export class PublishedResultsCache {
  private readonly entries = new LruCache<number, { stamp: number; results: PublishedResults }>({ maxEntries: 2000 });

  constructor(
    private readonly db: Queryable,
    private readonly plans: PlanCache,
  ) {}

  async of(plan: Plan): Promise<PublishedResults> {
    const lookup = await this.plans.version(plan.municipality.lgCode);
    // The plan asked about must still be the current one; otherwise read afresh and keep nothing.
    if (!lookup?.version || lookup.version.id !== plan.id) return loadPublishedResults(this.db, plan.id);
    const stamp = lookup.publicChangedAt.getTime();
    const cached = this.entries.get(plan.id);
    if (cached && cached.stamp === stamp) return cached.results;
    const results = await loadPublishedResults(this.db, plan.id);
    this.entries.set(plan.id, { stamp, results });
    return results;
  }
}
