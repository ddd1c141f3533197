/**
 * Assembles a user's work from the repositories and the pure task rules
 * (domain/tasks.ts): every report of the municipality's open cycles that
 * waits for this user, with its deadline, and the counts per stage of the
 * reports this user can see (their divisions' reports, or all of them for
 * the roles that read every report). Always within the user's municipality.
 */
import type { StaffUser } from "../accounts/user.ts";
import type { Initiative } from "../plan/plan.ts";
import type { Municipality } from "../tenancy/municipality.ts";
import type { Cycle, IsoDate, Report } from "./cycle.ts";
import { responsibleDivisionIds } from "./domain/responsibility.ts";
import { compareTasks, dueFor, stageCounts, taskFor, type StageCounts, type TaskKind } from "./domain/tasks.ts";
import { actorFor, READER_ROLES } from "./policy.ts";
import { planOf, type CycleDeps } from "./route-support.ts";
import { listCollectiveMembers, listCycles, listMunicipalityDivisions } from "./repository/cycle-queries.ts";
import { listEventsOf, listReports } from "./repository/report-queries.ts";

export type Task = {
  cycle: Cycle;
  initiative: Initiative;
  report: Report;
  kind: TaskKind;
  due: IsoDate | null;
  isLead: boolean;
  /** The latest return's comment, for a returned report. */
  returnReason?: string;
};

export type CycleWork = { cycle: Cycle; counts: StageCounts; visible: number };

export type Work = { tasks: Task[]; cycles: CycleWork[] };

export async function loadWork(deps: CycleDeps, municipality: Municipality, user: StaffUser): Promise<Work> {
  const cycles = (await listCycles(deps.db, municipality.id)).filter((c) => c.status === "open");
  const divisionIds = (await listMunicipalityDivisions(deps.db, municipality.id)).map((d) => d.id);
  const readsAll = user.roles.some((r) => READER_ROLES.includes(r));
  const tasks: Task[] = [];
  const work: CycleWork[] = [];
  for (const cycle of cycles) {
    const [plan, reports] = await Promise.all([planOf(deps, municipality, cycle.planId), listReports(deps.db, cycle.id)]);
    const members = await listCollectiveMembers(deps.db, plan.id);
    const byId = new Map(plan.initiatives.map((i) => [i.id, i]));
    const visibleStates: Report["state"][] = [];
    const mine: Task[] = [];
    for (const report of reports) {
      const initiative = byId.get(report.initiativeId);
      if (!initiative) continue;
      const ids = responsibleDivisionIds(initiative, members.get(initiative.id) ?? new Map(), divisionIds);
      const actor = actorFor(user, { state: report.state, leadDivisionId: report.leadDivisionId, responsibleDivisionIds: new Set(ids) });
      if (readsAll || actor.isResponsibleDivision) visibleStates.push(report.state);
      const kind = taskFor(report.state, actor);
      if (kind) mine.push({ cycle, initiative, report, kind, due: dueFor(report.state, cycle.deadlines), isLead: actor.isLeadDivision });
    }
    const returned = mine.filter((t) => t.report.state === "returned").map((t) => t.report.id);
    const returns = returned.length > 0 ? await listEventsOf(deps.db, returned, "return") : new Map();
    for (const t of mine) {
      const events = returns.get(t.report.id);
      const last = events?.[events.length - 1];
      tasks.push(last?.comment ? { ...t, returnReason: last.comment } : t);
    }
    work.push({ cycle, counts: stageCounts(visibleStates), visible: visibleStates.length });
  }
  tasks.sort((a, b) =>
    compareTasks(
      { state: a.report.state, kind: a.kind, due: a.due, initiativeNumber: a.initiative.number, fiscalYear: a.cycle.fiscalYear },
      { state: b.report.state, kind: b.kind, due: b.due, initiativeNumber: b.initiative.number, fiscalYear: b.cycle.fiscalYear },
    ),
  );
  return { tasks, cycles: work };
}
