/**
 * Where each municipality of a prefecture stands (decision 037): its plan,
 * whether it has an administrator yet, its latest PDCA cycle with the number
 * of reports in each state, and the years it has published. Counts only:
 * the prefecture administrator never reads a report's contents, and sees of
 * an unpublished cycle no more than how many reports are in which state.
 * Built from the modules' own queries (the cycle's listCycles and
 * listPublishedYears, the plan cache, the accounts' administrator count).
 */
import type { Database } from "../../../core/db/database.ts";
import { countActiveAdministrators } from "../../accounts/repository/user-queries.ts";
import { listCycles, type CycleSummary } from "../../cycle/repository/cycle-queries.ts";
import { listPublishedYears } from "../../cycle/repository/results-queries.ts";
import type { PlanCache } from "../../plan/plan-cache.ts";
import type { Municipality } from "../../tenancy/municipality.ts";
import type { Prefecture } from "../../tenancy/prefectures.ts";
import { findMunicipality, listMunicipalities } from "../../tenancy/repository/municipality-queries.ts";

export type MunicipalityProgress = {
  municipality: Municipality;
  /** The current plan; null = none imported yet. */
  plan: { title: string; startFiscalYear: number; endFiscalYear: number } | null;
  administrators: number;
  /** The latest cycle of the current plan, with its reports counted by state; undefined = none opened yet. */
  latestCycle: CycleSummary | undefined;
  /** Fiscal years with published results (the public already sees these). */
  publishedYears: number[];
};

/** The prefecture's hosted municipalities: those whose code starts with its two digits. */
export async function listPrefectureMunicipalities(db: Database, prefecture: Prefecture): Promise<Municipality[]> {
  return (await listMunicipalities(db)).filter((m) => belongsTo(m.lgCode, prefecture));
}

export const belongsTo = (lgCode: string, prefecture: Prefecture) => lgCode.startsWith(prefecture.code);

/** One municipality of this prefecture by its code; undefined for another prefecture's, as for an unknown one. */
export async function findPrefectureMunicipality(db: Database, prefecture: Prefecture, lgCode: string): Promise<Municipality | undefined> {
  if (!belongsTo(lgCode, prefecture)) return undefined;
  return findMunicipality(db, lgCode);
}

export async function municipalityProgress(db: Database, plans: PlanCache, municipality: Municipality): Promise<MunicipalityProgress> {
  const plan = (await plans.current(municipality.lgCode))?.plan;
  const cycles = plan ? (await listCycles(db, municipality.id)).filter((c) => c.planId === plan.id) : [];
  return {
    municipality,
    plan: plan ? { title: plan.title, ...plan.period } : null,
    administrators: await countActiveAdministrators(db, municipality.id),
    latestCycle: cycles[0],
    publishedYears: plan ? await listPublishedYears(db, plan.id) : [],
  };
}

/**
 * What the prefecture administrator may still do for a municipality: set it
 * up, not run it. The plan is imported while there is none (later versions
 * are the municipality's own revisions), and the first administrator created
 * while there is no active one (after that, the municipality manages its own
 * accounts, so a prefecture administrator cannot give themselves a way in).
 */
export function setUpSteps(progress: Pick<MunicipalityProgress, "plan" | "administrators">) {
  return { importPlan: progress.plan === null, createAdministrator: progress.administrators === 0 };
}
