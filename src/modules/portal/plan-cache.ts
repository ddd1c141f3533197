/**
 * The portal reads the whole plan on nearly every page. Loading it is a dozen
 * queries, so the loaded aggregate is kept per plan and reused while the
 * plan's updated_at is unchanged — checked with one indexed query per request,
 * which keeps several server processes on one PostgreSQL correct without any
 * cross-process invalidation.
 */
import type { Queryable } from "../../core/db/database.ts";
import type { Municipality, Plan } from "../plan/plan.ts";
import { findMunicipalityWithCurrentPlan, loadPlan } from "../plan/repository/plan-queries.ts";

export class PlanCache {
  private readonly plans = new Map<number, Plan>();

  constructor(private readonly db: Queryable) {}

  /** The municipality and its current plan, or undefined for an unknown code. */
  async current(lgCode: string): Promise<{ municipality: Municipality; plan: Plan | undefined } | undefined> {
    const found = await findMunicipalityWithCurrentPlan(this.db, lgCode);
    if (!found) return undefined;
    const { municipality, plan: version } = found;
    if (!version) return { municipality, plan: undefined };
    const cached = this.plans.get(version.id);
    if (cached && cached.updatedAt.getTime() === version.updatedAt.getTime()) return { municipality, plan: cached };
    const plan = await loadPlan(this.db, version.id);
    if (plan) this.plans.set(plan.id, plan);
    return { municipality, plan };
  }
}
