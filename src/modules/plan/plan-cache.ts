/**
 * The portal reads the whole plan on nearly every page. Loading it is a dozen
 * queries, so the loaded aggregate is kept per plan and reused while the
 * plan's version (updated_at) is unchanged.
 *
 * Asking for the version is one indexed query. With freshnessMs = 0 it is
 * asked on every request, which is exact for any number of processes. A
 * server sets a short freshness (one second) so that busy pages do not ask
 * at all within it: a change published by another process on the same
 * PostgreSQL shows within that second, and a change made through this
 * process is seen at once, because its handlers call invalidate().
 *
 * The aggregate also carries what is public about the municipality beside
 * the plan (its profile, the confirmed readings): a change to those calls
 * markPublicContentChanged, and a newer public_changed_at reloads the plan too.
 */
import { LruCache } from "../../core/cache/lru.ts";
import type { Queryable } from "../../core/db/database.ts";
import type { Municipality } from "../tenancy/municipality.ts";
import type { Plan } from "./plan.ts";
import { withConfirmedReadings } from "./readings/readings.ts";
import { listConfirmations } from "./readings/repository/reading-queries.ts";
import { findMunicipalityWithCurrentPlan, loadPlan, type PlanVersion } from "./repository/plan-queries.ts";

export type PlanCacheOptions = { freshnessMs?: number; maxPlans?: number };

type Lookup = { municipality: Municipality; version: PlanVersion | undefined; publicChangedAt: Date } | undefined;

export class PlanCache {
  private readonly plans: LruCache<number, { plan: Plan; publicChangedAt: number }>;
  private readonly lookups = new LruCache<string, { lookup: Lookup; at: number }>({ maxEntries: 5000 });
  private readonly freshnessMs: number;

  constructor(
    private readonly db: Queryable,
    options: PlanCacheOptions = {},
  ) {
    this.freshnessMs = options.freshnessMs ?? 0;
    this.plans = new LruCache({ maxEntries: options.maxPlans ?? 200 });
  }

  /** The municipality and its current plan's version, without loading the plan. */
  async version(lgCode: string): Promise<Lookup> {
    const now = Date.now();
    const cached = this.freshnessMs > 0 ? this.lookups.get(lgCode) : undefined;
    if (cached && now - cached.at < this.freshnessMs) return cached.lookup;
    const found = await findMunicipalityWithCurrentPlan(this.db, lgCode);
    const lookup: Lookup = found && { municipality: found.municipality, version: found.plan, publicChangedAt: found.publicChangedAt };
    if (this.freshnessMs > 0) this.lookups.set(lgCode, { lookup, at: now });
    return lookup;
  }

  /** The municipality and its current plan, or undefined for an unknown code. */
  async current(lgCode: string): Promise<{ municipality: Municipality; plan: Plan | undefined } | undefined> {
    const lookup = await this.version(lgCode);
    if (!lookup) return undefined;
    const { municipality, version } = lookup;
    if (!version) return { municipality, plan: undefined };
    const publicChangedAt = lookup.publicChangedAt.getTime();
    const cached = this.plans.get(version.id);
    if (cached && cached.plan.updatedAt.getTime() === version.updatedAt.getTime() && cached.publicChangedAt === publicChangedAt) {
      return { municipality, plan: cached.plan };
    }
    const loaded = await loadPlan(this.db, version.id);
    // Readings the secretariat has confirmed are no longer marked on public pages (plan/readings).
    const plan = loaded && withConfirmedReadings(loaded, await listConfirmations(this.db, loaded.id));
    if (plan) this.plans.set(plan.id, { plan, publicChangedAt });
    return { municipality, plan };
  }

  /** Forget what is known of a municipality (or of all), after a change made in this process. */
  invalidate(lgCode?: string): void {
    if (lgCode === undefined) this.lookups.clear();
    else this.lookups.delete(lgCode);
  }
}
