/**
 * Read queries about cycles and the divisions that answer for reports.
 * Every cycle is looked up with its municipality: an id from a URL only
 * finds a cycle of that URL's municipality.
 */
import type { Queryable } from "../../../core/db/database.ts";
import type { Cycle } from "../cycle.ts";
import type { CollectiveMembers, ResolvableCollective } from "../domain/responsibility.ts";
import type { ReportState } from "../domain/report-workflow.ts";

type CycleRow = {
  id: number;
  municipality_id: number;
  plan_id: number;
  fiscal_year: number;
  status: "open" | "closed";
  opened_at: Date;
  opened_by_label: string;
  report_due: string;
  review_due: string;
  committee_due: string;
};

// Dates as text: a `date` read into a JS Date would shift with the server's time zone.
const CYCLE_COLUMNS = `c.id, c.municipality_id, c.plan_id, c.fiscal_year, c.status, c.opened_at, c.opened_by_label,
  c.report_due::text as report_due, c.review_due::text as review_due, c.committee_due::text as committee_due`;

const toCycle = (r: CycleRow): Cycle => ({
  id: r.id,
  municipalityId: r.municipality_id,
  planId: r.plan_id,
  fiscalYear: r.fiscal_year,
  status: r.status,
  openedAt: new Date(r.opened_at),
  openedByLabel: r.opened_by_label,
  deadlines: { reportDue: r.report_due, reviewDue: r.review_due, committeeDue: r.committee_due },
});

export async function findCycle(db: Queryable, municipalityId: number, cycleId: number): Promise<Cycle | undefined> {
  const [row] = await db.query<CycleRow>(
    `select ${CYCLE_COLUMNS} from evaluation_cycle c where c.municipality_id = $1 and c.id = $2`,
    [municipalityId, cycleId],
  );
  return row && toCycle(row);
}

export async function findCycleByYear(db: Queryable, planId: number, fiscalYear: number): Promise<Cycle | undefined> {
  const [row] = await db.query<CycleRow>(
    `select ${CYCLE_COLUMNS} from evaluation_cycle c where c.plan_id = $1 and c.fiscal_year = $2`,
    [planId, fiscalYear],
  );
  return row && toCycle(row);
}

export type CycleSummary = Cycle & { stateCounts: Map<ReportState, number>; reports: number };

export async function listCycles(db: Queryable, municipalityId: number): Promise<CycleSummary[]> {
  const rows = await db.query<CycleRow>(
    `select ${CYCLE_COLUMNS} from evaluation_cycle c where c.municipality_id = $1 order by c.fiscal_year desc, c.id desc`,
    [municipalityId],
  );
  const counts = await db.query<{ cycle_id: number; state: ReportState; n: number }>(
    `select r.cycle_id, r.state, count(*)::int as n from initiative_report r
       join evaluation_cycle c on c.id = r.cycle_id
      where c.municipality_id = $1 group by r.cycle_id, r.state`,
    [municipalityId],
  );
  return rows.map((row) => {
    const mine = counts.filter((c) => c.cycle_id === row.id);
    return {
      ...toCycle(row),
      stateCounts: new Map(mine.map((c) => [c.state, c.n])),
      reports: mine.reduce((sum, c) => sum + c.n, 0),
    };
  });
}

/** Open cycles of every municipality (the reminder timer serves them all). */
export async function listOpenCycles(db: Queryable): Promise<Cycle[]> {
  const rows = await db.query<CycleRow>(`select ${CYCLE_COLUMNS} from evaluation_cycle c where c.status = 'open' order by c.id`);
  return rows.map(toCycle);
}

/** Collective members of every initiative of a plan: initiative id → members. */
export async function listCollectiveMembers(db: Queryable, planId: number): Promise<Map<number, CollectiveMembers>> {
  const rows = await db.query<{ initiative_id: number; kind: ResolvableCollective; division_id: number }>(
    `select m.initiative_id, m.kind, m.division_id from initiative_collective_division m
       join initiative i on i.id = m.initiative_id
      where i.plan_id = $1 order by m.initiative_id, m.kind, m.division_id`,
    [planId],
  );
  const result = new Map<number, Map<ResolvableCollective, number[]>>();
  for (const row of rows) {
    const members = result.get(row.initiative_id) ?? new Map<ResolvableCollective, number[]>();
    members.set(row.kind, [...(members.get(row.kind) ?? []), row.division_id]);
    result.set(row.initiative_id, members);
  }
  return result;
}

export type DivisionRef = { id: number; name: string };

export async function listMunicipalityDivisions(db: Queryable, municipalityId: number): Promise<DivisionRef[]> {
  return db.query<DivisionRef>("select id, name from division where municipality_id = $1 order by name, id", [municipalityId]);
}
