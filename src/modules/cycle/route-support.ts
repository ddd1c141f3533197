/**
 * What the cycle's handlers share: their dependencies, the command context,
 * and loading a cycle or a report through the URL's municipality (another
 * municipality's id is simply not found: 404).
 */
import type { Context } from "hono";
import type { Database } from "../../core/db/database.ts";
import { clientIp } from "../../core/http/client-ip.ts";
import { HttpError, notFound } from "../../core/http/http-error.ts";
import { userActor } from "../accounts/commands/actor.ts";
import { staffState, type SignedIn } from "../accounts/staff-area.ts";
import type { PlanCache } from "../plan/plan-cache.ts";
import type { Initiative, Plan } from "../plan/plan.ts";
import type { Municipality } from "../tenancy/municipality.ts";
import { loadPlan } from "../plan/repository/plan-queries.ts";
import type { CycleCommandContext } from "./commands/context.ts";
import type { Cycle, Report } from "./cycle.ts";
import { leadIsDesignated, responsibleDivisionIds } from "./domain/responsibility.ts";
import type { ReportAccess } from "./policy.ts";
import { findCycle, listCollectiveMembers, listMunicipalityDivisions, type DivisionRef } from "./repository/cycle-queries.ts";
import { findReport } from "./repository/report-queries.ts";

export type CycleDeps = {
  db: Database;
  config: { siteUrl?: string; trustProxy?: boolean };
  plans: PlanCache;
};

export const forbidden = () =>
  new HttpError(403, "この操作を行う権限がありません", "この報告に対するこの操作は、あなたの役割と所属では行えません。必要な場合は事務局（デジタル推進課）に相談してください。");

export function commandContext(c: Context, deps: CycleDeps, signedIn: SignedIn): CycleCommandContext {
  const { municipality } = staffState(c);
  return {
    municipality,
    actor: userActor(signedIn.user),
    ip: clientIp(c, deps.config.trustProxy),
    siteUrl: deps.config.siteUrl,
  };
}

export async function loadCycle(c: Context, db: Database): Promise<Cycle> {
  const cycle = await findCycle(db, staffState(c).municipality.id, Number(c.req.param("cycleId")));
  if (!cycle) throw notFound("この評価サイクルは見つかりません。");
  return cycle;
}

/** The cycle's plan: the portal's cached aggregate when it is the current plan, else loaded. */
export async function planOf(deps: CycleDeps, municipality: Municipality, planId: number): Promise<Plan> {
  const current = await deps.plans.current(municipality.lgCode);
  if (current?.plan?.id === planId) return current.plan;
  const plan = await loadPlan(deps.db, planId);
  if (!plan) throw notFound();
  return plan;
}

export type ReportScope = {
  municipality: Municipality;
  cycle: Cycle;
  plan: Plan;
  initiative: Initiative;
  report: Report;
  divisions: DivisionRef[];
  responsibleDivisions: DivisionRef[];
  access: ReportAccess;
};

/** /cycles/:cycleId/initiatives/:number → the report, within the URL's municipality. */
export async function loadReportScope(c: Context, deps: CycleDeps): Promise<ReportScope> {
  const { municipality } = staffState(c);
  const cycle = await loadCycle(c, deps.db);
  const plan = await planOf(deps, municipality, cycle.planId);
  const initiative = plan.initiatives.find((i) => i.number === Number(c.req.param("number")));
  const report = initiative && (await findReport(deps.db, cycle.id, initiative.id));
  if (!initiative || !report) throw notFound("この取組項目の報告はこの評価サイクルにありません。");
  const [divisions, members] = await Promise.all([
    listMunicipalityDivisions(deps.db, municipality.id),
    listCollectiveMembers(deps.db, plan.id),
  ]);
  const ids = responsibleDivisionIds(initiative, members.get(initiative.id) ?? new Map(), divisions.map((d) => d.id));
  const byId = new Map(divisions.map((d) => [d.id, d]));
  return {
    municipality,
    cycle,
    plan,
    initiative,
    report,
    divisions,
    responsibleDivisions: ids.flatMap((id) => byId.get(id) ?? []),
    access: { state: report.state, leadDivisionId: report.leadDivisionId, responsibleDivisionIds: new Set(ids) },
  };
}

/** The secretariat designates a lead only where the plan lists a collective first, while the report is being written. */
export const canDesignateLead = (signedIn: SignedIn, scope: ReportScope) =>
  signedIn.user.roles.includes("secretariat") &&
  leadIsDesignated(scope.initiative) &&
  (scope.report.state === "draft" || scope.report.state === "returned");

export const positiveInt = (value: string | undefined) => (value && /^\d{1,9}$/.test(value) ? Number(value) : undefined);
