/**
 * The names of the rows a page of audit records points at by id — reports,
 * users, revisions, plans, initiatives, KPIs, cycles, divisions, bureaus —
 * loaded in one query per kind for the whole page, each scoped by the
 * municipality (an id from another municipality's record finds nothing).
 * A row deleted since is simply absent; describe-record.ts then names it
 * from the record itself or by its number.
 */
import type { AuditRow } from "../../../core/audit/audit-repository.ts";
import type { Queryable } from "../../../core/db/database.ts";
import { isObject, type AuditNames } from "../domain/describe-values.ts";

type Ids = number[];

/** Everything `rows` name, for describeRecord. */
export async function loadAuditNames(db: Queryable, municipalityId: number, rows: readonly Pick<AuditRow, "entityType" | "entityId" | "before" | "after">[]): Promise<AuditNames> {
  const ids = (type: string) => numbers(rows.filter((r) => r.entityType === type).map((r) => r.entityId));
  const kpiIds = numbers(rows.flatMap((r) => [...kpisIn(r.before), ...kpisIn(r.after), ...(r.entityType === "kpi" ? [r.entityId] : [])]));
  const userIds = numbers([...rows.filter((r) => r.entityType === "app_user").map((r) => r.entityId), ...rows.map((r) => filterActor(r.after))]);
  const m = municipalityId;
  const [reports, users, revisions, plans, initiatives, kpis, cycles, divisions, bureaus] = await Promise.all([
    byId(ids("initiative_report"), (list) =>
      db.query<{ id: number; initiative_number: number; fiscal_year: number }>(
        `select r.id, i.number as initiative_number, c.fiscal_year
           from initiative_report r join evaluation_cycle c on c.id = r.cycle_id join initiative i on i.id = r.initiative_id
          where c.municipality_id = $1 and r.id = any($2::integer[])`,
        [m, list],
      ),
    ),
    byId(userIds, (list) =>
      db.query<{ id: number; login_id: string; division_name: string | null }>(
        `select u.id, u.login_id, d.name as division_name
           from app_user u left join division d on d.id = u.division_id
          where u.municipality_id = $1 and u.id = any($2::integer[])`,
        [m, list],
      ),
    ),
    byId(ids("plan_revision"), (list) =>
      db.query<{ id: number; number: number; status: string }>(
        `select v.id, v.number, v.status from plan_revision v join plan p on p.id = v.plan_id
          where p.municipality_id = $1 and v.id = any($2::integer[])`,
        [m, list],
      ),
    ),
    byId(numbers([...ids("plan"), ...rows.flatMap((r) => [planIdIn(r.before), planIdIn(r.after)])]), (list) =>
      db.query<{ id: number; title: string }>(`select id, title from plan where municipality_id = $1 and id = any($2::integer[])`, [m, list]),
    ),
    byId(ids("initiative"), (list) =>
      db.query<{ id: number; number: number; title: string }>(
        `select i.id, i.number, i.title from initiative i join plan p on p.id = i.plan_id
          where p.municipality_id = $1 and i.id = any($2::integer[])`,
        [m, list],
      ),
    ),
    byId(kpiIds, (list) =>
      db.query<{ id: number; code: string | null; label: string; unit: string }>(
        `select k.id, k.code, k.label, k.unit from kpi k join initiative i on i.id = k.initiative_id join plan p on p.id = i.plan_id
          where p.municipality_id = $1 and k.id = any($2::integer[])`,
        [m, list],
      ),
    ),
    byId(ids("evaluation_cycle"), (list) =>
      db.query<{ id: number; fiscal_year: number }>(`select id, fiscal_year from evaluation_cycle where municipality_id = $1 and id = any($2::integer[])`, [m, list]),
    ),
    // A municipality has tens to a few hundred divisions: all of them, since records name them inside values too.
    db.query<{ id: number; name: string }>(`select id, name from division where municipality_id = $1`, [m]),
    db.query<{ id: number; name: string }>(`select id, name from bureau where municipality_id = $1`, [m]),
  ]);
  return {
    reports: new Map(reports.map((r) => [String(r.id), { initiativeNumber: r.initiative_number, fiscalYear: r.fiscal_year }])),
    users: new Map(users.map((u) => [String(u.id), { loginId: u.login_id, divisionName: u.division_name }])),
    revisions: new Map(revisions.map((v) => [String(v.id), { number: v.number, status: v.status }])),
    plans: new Map(plans.map((p) => [String(p.id), { title: p.title }])),
    initiatives: new Map(initiatives.map((i) => [String(i.id), { number: i.number, title: i.title }])),
    kpis: new Map(kpis.map((k) => [String(k.id), { code: k.code, label: k.label, unit: k.unit }])),
    cycles: new Map(cycles.map((c) => [String(c.id), { fiscalYear: c.fiscal_year }])),
    divisions: new Map(divisions.map((d) => [String(d.id), d.name])),
    bureaus: new Map(bureaus.map((b) => [String(b.id), b.name])),
  };
}

async function byId<T>(list: Ids, load: (list: Ids) => Promise<T[]>): Promise<T[]> {
  return list.length === 0 ? [] : load(list);
}

/** Distinct positive integers among ids written as text or numbers. */
function numbers(values: readonly unknown[]): Ids {
  const found = new Set<number>();
  for (const v of values) {
    const n = typeof v === "number" ? v : typeof v === "string" && /^[1-9][0-9]{0,9}$/.test(v) ? Number(v) : NaN;
    if (Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647) found.add(n);
  }
  return [...found];
}

/** KPI ids inside a record: kpiActuals[].kpiId (a saved report) and the keys of `kpi` (a correction). */
function kpisIn(side: unknown): unknown[] {
  if (!isObject(side)) return [];
  const actuals = Array.isArray(side.kpiActuals) ? side.kpiActuals.map((a) => (isObject(a) ? a.kpiId : undefined)) : [];
  return [...actuals, ...(isObject(side.kpi) ? Object.keys(side.kpi) : [])];
}

const planIdIn = (side: unknown) => (isObject(side) ? side.planId : undefined);
const filterActor = (side: unknown) => (isObject(side) && isObject(side.filter) ? side.filter.actor : undefined);
