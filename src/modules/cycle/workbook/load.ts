/**
 * What one division's workbook is made of, read from the system: the
 * cycle's reports on initiatives the division leads or contributes to (the
 * same rule as the report page: responsibleDivisionIds, collectives
 * resolved), with the KPI actuals, this division's contribution, and what
 * the user may do with each report now (policy.ts). Both the export and the
 * upload's comparison start from this, so they cannot disagree.
 */
import type { StaffUser } from "../../accounts/user.ts";
import type { Initiative } from "../../plan/plan.ts";
import type { Municipality } from "../../tenancy/municipality.ts";
import type { Cycle, KpiActual, Report } from "../cycle.ts";
import { responsibleDivisionIds } from "../domain/responsibility.ts";
import type { Actor } from "../domain/report-workflow.ts";
import { actorFor, reportAbilities } from "../policy.ts";
import { planOf, type CycleDeps } from "../route-support.ts";
import { listCollectiveMembers, listMunicipalityDivisions } from "../repository/cycle-queries.ts";
import { listContributions, listKpiActuals, listReports } from "../repository/report-queries.ts";

export type DivisionReport = {
  initiative: Initiative;
  report: Report;
  role: "lead" | "co";
  actuals: ReadonlyMap<number, KpiActual>;
  /** This division's contribution; version "" when there is none yet (saveContribution's check). */
  contribution: { body: string; version: string };
  /** What the user may change now: the report's own fields (lead) or the contribution (co). */
  canEdit: boolean;
  canContribute: boolean;
  /** The user as the workflow sees them on this report (for the save commands). */
  actor: Actor;
};

export type DivisionWorkbookData = {
  municipality: Pick<Municipality, "id" | "lgCode" | "name">;
  cycle: Cycle;
  division: { id: number; name: string };
  reports: DivisionReport[];
};

export async function loadDivisionWorkbook(
  deps: CycleDeps,
  municipality: Municipality,
  cycle: Cycle,
  user: StaffUser & { division: { id: number; name: string } },
): Promise<DivisionWorkbookData> {
  const plan = await planOf(deps, municipality, cycle.planId);
  const [reports, members, divisions] = await Promise.all([
    listReports(deps.db, cycle.id),
    listCollectiveMembers(deps.db, plan.id),
    listMunicipalityDivisions(deps.db, municipality.id),
  ]);
  const byId = new Map(plan.initiatives.map((i) => [i.id, i]));
  const divisionIds = divisions.map((d) => d.id);
  const mine = reports.flatMap((report) => {
    const initiative = byId.get(report.initiativeId);
    if (!initiative) return [];
    const ids = responsibleDivisionIds(initiative, members.get(initiative.id) ?? new Map(), divisionIds);
    if (!ids.includes(user.division.id)) return [];
    const access = { state: report.state, leadDivisionId: report.leadDivisionId, responsibleDivisionIds: new Set(ids) };
    return [{ initiative, report, abilities: reportAbilities(user, access), actor: actorFor(user, access) }];
  });
  const actuals = await listKpiActuals(deps.db, mine.map((m) => m.report.id));
  const result: DivisionReport[] = [];
  for (const { initiative, report, abilities, actor } of mine) {
    const own = (await listContributions(deps.db, report.id)).find((x) => x.divisionId === user.division.id);
    result.push({
      initiative,
      report,
      role: report.leadDivisionId === user.division.id ? "lead" : "co",
      actuals: actuals.get(report.id) ?? new Map(),
      contribution: { body: own?.body ?? "", version: own?.version ?? "" },
      canEdit: abilities.canEdit,
      canContribute: abilities.canContribute,
      actor,
    });
  }
  return { municipality, cycle, division: user.division, reports: result };
}
