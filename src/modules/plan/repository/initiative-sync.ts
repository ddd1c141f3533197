/**
 * Synchronises a plan's initiatives (and everything under them) with a plan
 * file, in place. Natural keys: initiative by number; KPI by its code, or its
 * label when unnumbered; schedule row by label; divisions, texts and policy
 * outcomes by position; targets and phases by fiscal year. A row whose key
 * survives keeps its id, whatever else about it changed.
 */
import type { Queryable } from "../../../core/db/database.ts";
import type { PlanFileInitiative, PlanFileKpi } from "../plan-file-schema.ts";

/** Returns initiative number → id for every initiative of the file. */
export async function syncInitiatives(
  tx: Queryable,
  municipalityId: number,
  planId: number,
  policyIds: Map<number, number>,
  initiatives: PlanFileInitiative[],
): Promise<Map<number, number>> {
  const existingRows = groupBy(
    await tx.query<{ id: number; initiative_id: number; label: string }>(
      `select r.id, r.initiative_id, r.label from schedule_row r
         join initiative i on i.id = r.initiative_id where i.plan_id = $1 order by r.position`,
      [planId],
    ),
  );
  const existingKpis = groupBy(
    await tx.query<{ id: number; initiative_id: number; code: string | null; label: string }>(
      `select k.id, k.initiative_id, k.code, k.label from kpi k
         join initiative i on i.id = k.initiative_id where i.plan_id = $1 order by k.position`,
      [planId],
    ),
  );

  const ids = new Map<number, number>();
  for (const item of initiatives) {
    const [row] = await tx.query<{ id: number }>(
      `insert into initiative (plan_id, policy_id, number, title, is_new) values ($1, $2, $3, $4, $5)
       on conflict (plan_id, number) do update
         set policy_id = excluded.policy_id, title = excluded.title, is_new = excluded.is_new
       returning id`,
      [planId, policyIds.get(item.policy), item.number, item.title, item.isNew],
    );
    const id = row!.id;
    ids.set(item.number, id);
    await syncDivisions(tx, municipalityId, id, item);
    await syncTexts(tx, id, "content", item.content);
    await syncTexts(tx, id, "goal", item.goals);
    await syncScheduleRows(tx, id, item, existingRows.get(id) ?? []);
    await syncKpis(tx, id, item.kpis, existingKpis.get(id) ?? []);
  }
  return ids;
}

async function syncDivisions(tx: Queryable, municipalityId: number, initiativeId: number, item: PlanFileInitiative) {
  const divisionIds: (number | null)[] = [];
  for (const d of item.divisions) divisionIds.push(d.kind === "division" ? await ensureDivision(tx, municipalityId, d.name) : null);
  const named = (field: "unit" | "note") => item.divisions.map((d) => (d.kind === "division" ? (d[field] ?? null) : null));
  await tx.query(
    `insert into initiative_division (initiative_id, position, kind, division_id, unit, note)
     select $1, ord - 1, kind, division_id, unit, note
       from unnest($2::text[], $3::int[], $4::text[], $5::text[]) with ordinality as t(kind, division_id, unit, note, ord)
     on conflict (initiative_id, position) do update
       set kind = excluded.kind, division_id = excluded.division_id, unit = excluded.unit, note = excluded.note`,
    [initiativeId, item.divisions.map((d) => d.kind), divisionIds, named("unit"), named("note")],
  );
  await tx.query("delete from initiative_division where initiative_id = $1 and position >= $2", [
    initiativeId,
    item.divisions.length,
  ]);
}

async function syncTexts(tx: Queryable, initiativeId: number, kind: "content" | "goal", lines: string[]) {
  await tx.query(
    `insert into initiative_text (initiative_id, kind, position, body)
     select $1, $2, ord - 1, body from unnest($3::text[]) with ordinality as t(body, ord)
     on conflict (initiative_id, kind, position) do update set body = excluded.body`,
    [initiativeId, kind, lines],
  );
  await tx.query("delete from initiative_text where initiative_id = $1 and kind = $2 and position >= $3", [
    initiativeId,
    kind,
    lines.length,
  ]);
}

async function syncScheduleRows(
  tx: Queryable,
  initiativeId: number,
  item: PlanFileInitiative,
  existing: { id: number; label: string }[],
) {
  const matched = matchByKey(existing, (r) => r.label, item.schedule, (r) => r.label);
  await deleteUnmatched(tx, "schedule_row", existing, matched);
  await parkPositions(tx, "schedule_row", initiativeId);
  for (const [position, s] of item.schedule.entries()) {
    const values = [position, s.label, s.assumed, s.note ?? null];
    const known = matched[position];
    let rowId: number;
    if (known) {
      await tx.query("update schedule_row set position = $1, label = $2, assumed = $3, note = $4 where id = $5", [...values, known.id]);
      rowId = known.id;
    } else {
      const [row] = await tx.query<{ id: number }>(
        "insert into schedule_row (position, label, assumed, note, initiative_id) values ($1, $2, $3, $4, $5) returning id",
        [...values, initiativeId],
      );
      rowId = row!.id;
    }
    const years = Object.entries(s.phases).filter(([, phase]) => phase !== null);
    await tx.query(
      `insert into schedule_phase (schedule_row_id, fiscal_year, phase)
       select $1, * from unnest($2::int[], $3::text[])
       on conflict (schedule_row_id, fiscal_year) do update set phase = excluded.phase`,
      [rowId, years.map(([y]) => Number(y)), years.map(([, p]) => p)],
    );
    // A year without a phase has no row (see 0001_plan.sql).
    await tx.query("delete from schedule_phase where schedule_row_id = $1 and fiscal_year <> all($2::int[])", [
      rowId,
      years.map(([y]) => Number(y)),
    ]);
  }
}

async function syncKpis(
  tx: Queryable,
  initiativeId: number,
  kpis: PlanFileKpi[],
  existing: { id: number; code: string | null; label: string }[],
) {
  const keyOf = (k: { code: string | null; label: string }) => k.code ?? k.label;
  const matched = matchByKey(existing, keyOf, kpis, keyOf);
  await deleteUnmatched(tx, "kpi", existing, matched);
  await parkPositions(tx, "kpi", initiativeId);
  for (const [index, k] of kpis.entries()) {
    const known = matched[index];
    const values = [
      // KPI positions count from 1: the public KPI key is "<initiative>-<position>".
      index + 1,
      k.code,
      k.label,
      k.unit,
      k.direction,
      k.cumulative,
      k.baseline?.fiscalYear ?? null,
      k.baseline?.value ?? null,
      k.baseline?.note ?? null,
      k.note ?? null,
    ];
    let kpiId: number;
    if (known) {
      await tx.query(
        `update kpi set position = $1, code = $2, label = $3, unit = $4, direction = $5, cumulative = $6,
                baseline_fiscal_year = $7, baseline_value = $8, baseline_note = $9, note = $10
          where id = $11`,
        [...values, known.id],
      );
      kpiId = known.id;
    } else {
      const [row] = await tx.query<{ id: number }>(
        `insert into kpi (position, code, label, unit, direction, cumulative,
                          baseline_fiscal_year, baseline_value, baseline_note, note, initiative_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
        [...values, initiativeId],
      );
      kpiId = row!.id;
    }
    const targets = Object.entries(k.targets);
    await tx.query(
      `insert into kpi_target (kpi_id, fiscal_year, value)
       select $1, * from unnest($2::int[], $3::numeric[])
       on conflict (kpi_id, fiscal_year) do update set value = excluded.value`,
      [kpiId, targets.map(([y]) => Number(y)), targets.map(([, v]) => v)],
    );
    await tx.query("delete from kpi_target where kpi_id = $1 and fiscal_year <> all($2::int[])", [
      kpiId,
      targets.map(([y]) => Number(y)),
    ]);
  }
}

/**
 * For each wanted item, the existing row with the same key (or undefined).
 * A key repeated within one list is matched occurrence by occurrence, so two
 * rows with one label stay two rows.
 */
function matchByKey<E, W>(existing: E[], existingKey: (e: E) => string, wanted: W[], wantedKey: (w: W) => string): (E | undefined)[] {
  const pool = new Map<string, E[]>();
  for (const e of existing) {
    const list = pool.get(existingKey(e));
    if (list) list.push(e);
    else pool.set(existingKey(e), [e]);
  }
  return wanted.map((w) => pool.get(wantedKey(w))?.shift());
}

async function deleteUnmatched(
  tx: Queryable,
  table: "schedule_row" | "kpi",
  existing: { id: number }[],
  matched: ({ id: number } | undefined)[],
) {
  const kept = new Set(matched.flatMap((m) => (m ? [m.id] : [])));
  const gone = existing.filter((e) => !kept.has(e.id)).map((e) => e.id);
  // A KPI referenced by a report never reaches here: its removal is refused first (reported-items.ts).
  if (gone.length > 0) await tx.query(`delete from ${table} where id = any($1::int[])`, [gone]);
}

/**
 * Moves the initiative's rows to negative positions before they are renumbered:
 * (initiative_id, position) is unique and checked row by row, so reordering in
 * place would collide with a row that has not moved yet.
 */
async function parkPositions(tx: Queryable, table: "schedule_row" | "kpi", initiativeId: number) {
  await tx.query(`update ${table} set position = -1 - position where initiative_id = $1`, [initiativeId]);
}

async function ensureDivision(tx: Queryable, municipalityId: number, name: string): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `insert into division (municipality_id, name) values ($1, $2)
     on conflict (municipality_id, name) do update set name = excluded.name
     returning id`,
    [municipalityId, name],
  );
  return row!.id;
}

function groupBy<T extends { initiative_id: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(row.initiative_id);
    if (list) list.push(row);
    else map.set(row.initiative_id, [row]);
  }
  return map;
}
