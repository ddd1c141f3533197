/**
 * Write queries of the plan module: the municipality and plan rows, and the
 * synchronisation of a plan's tables with a plan file (an import or a
 * published revision), always inside the caller's transaction.
 *
 * Synchronisation updates rows IN PLACE by natural keys instead of deleting
 * and re-inserting the plan: initiatives and KPIs keep their ids across
 * revisions, because PDCA reports reference them by id. Only what the new
 * content no longer has is deleted.
 */
import type { Queryable } from "../../../core/db/database.ts";
import type { PlanFile } from "../plan-file-schema.ts";
import { syncInitiatives } from "./initiative-sync.ts";

export async function ensureMunicipality(
  tx: Queryable,
  lgCode: string,
  name: string | undefined,
): Promise<{ id: number; created: boolean } | { error: "missing_name" | "name_mismatch"; existingName?: string }> {
  const [existing] = await tx.query<{ id: number; name: string }>(
    "select id, name from municipality where lg_code = $1",
    [lgCode],
  );
  if (existing) {
    if (name !== undefined && name !== existing.name) return { error: "name_mismatch", existingName: existing.name };
    return { id: existing.id, created: false };
  }
  if (name === undefined) return { error: "missing_name" };
  const [created] = await tx.query<{ id: number }>(
    "insert into municipality (lg_code, name) values ($1, $2) returning id",
    [lgCode, name],
  );
  return { id: created!.id, created: true };
}

export type LockedPlan = { id: number; municipalityId: number; code: string; digest: string; isCurrent: boolean };

/**
 * The plan row, locked until the transaction ends: every command that changes
 * a plan or its revisions takes this lock first, so two of them on one plan
 * run one after the other instead of interleaving.
 */
export async function lockPlanByCode(tx: Queryable, municipalityId: number, code: string): Promise<LockedPlan | undefined> {
  const rows = await tx.query<PlanLockRow>(
    `select id, municipality_id, code, content_digest, is_current from plan
      where municipality_id = $1 and code = $2 for update`,
    [municipalityId, code],
  );
  return rows[0] && toLockedPlan(rows[0]);
}

export async function lockPlan(tx: Queryable, planId: number): Promise<LockedPlan | undefined> {
  const rows = await tx.query<PlanLockRow>(
    "select id, municipality_id, code, content_digest, is_current from plan where id = $1 for update",
    [planId],
  );
  return rows[0] && toLockedPlan(rows[0]);
}

type PlanLockRow = { id: number; municipality_id: number; code: string; content_digest: string; is_current: boolean };

const toLockedPlan = (r: PlanLockRow): LockedPlan => ({
  id: r.id,
  municipalityId: r.municipality_id,
  code: r.code,
  digest: r.content_digest,
  isCurrent: r.is_current,
});

/** Whether the municipality already shows a plan: its first plan becomes current on import. */
export async function hasCurrentPlan(tx: Queryable, municipalityId: number): Promise<boolean> {
  const [row] = await tx.query<{ n: number }>(
    "select count(*) as n from plan where municipality_id = $1 and is_current",
    [municipalityId],
  );
  return row!.n > 0;
}

const planColumns = (plan: PlanFile) => [
  plan.title,
  plan.subtitle ?? null,
  plan.goal,
  plan.period.startFiscalYear,
  plan.period.endFiscalYear,
  plan.source.title,
  plan.source.note ?? null,
  plan.evaluationHistory.title,
  plan.adoptedOn ?? null,
];

/**
 * A new plan row. `digest` is the digest of the content in its tables: empty
 * for a plan whose first revision is still a draft (its tables are empty).
 */
export async function insertPlanRow(
  tx: Queryable,
  municipalityId: number,
  plan: PlanFile,
  digest: string,
  isCurrent: boolean,
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `insert into plan (title, subtitle, goal, start_fiscal_year, end_fiscal_year, source_title, source_note,
                       evaluation_history_title, adopted_on, municipality_id, code, content_digest, is_current)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
    [...planColumns(plan), municipalityId, plan.code, digest, isCurrent],
  );
  return row!.id;
}

/**
 * Rewrites the plan row's own fields and its digest, and bumps updated_at —
 * the version the portal's cache and the catalog's "last update" read. The
 * bump is strictly increasing even for two commits within one clock tick.
 */
export async function updatePlanRow(tx: Queryable, planId: number, plan: PlanFile, digest: string): Promise<void> {
  await tx.query(
    `update plan set title = $1, subtitle = $2, goal = $3, start_fiscal_year = $4, end_fiscal_year = $5,
            source_title = $6, source_note = $7, evaluation_history_title = $8, adopted_on = $9, content_digest = $10,
            updated_at = greatest(now(), updated_at + interval '1 millisecond')
      where id = $11`,
    [...planColumns(plan), digest, planId],
  );
}

/**
 * Deletes a plan that never published anything (a next plan whose only draft
 * was discarded). The guard makes it a no-op for any plan with a revision left.
 */
export async function deletePlanWithoutContent(tx: Queryable, planId: number): Promise<void> {
  await tx.query(
    `delete from plan where id = $1 and not is_current
        and not exists (select 1 from plan_revision where plan_id = $1)`,
    [planId],
  );
}

/** Makes the plan the one the portal shows, in place of the municipality's current plan. */
export async function makePlanCurrent(tx: Queryable, municipalityId: number, planId: number): Promise<void> {
  // First clear the old one: plan_one_current allows one current plan per municipality at any moment.
  await tx.query(
    `update plan set is_current = false, updated_at = greatest(now(), updated_at + interval '1 millisecond')
      where municipality_id = $1 and is_current and id <> $2`,
    [municipalityId, planId],
  );
  await tx.query("update plan set is_current = true where id = $1", [planId]);
}

/** Makes the plan's tables hold exactly `plan`, keeping the ids of rows that still exist. */
export async function syncPlanContent(tx: Queryable, municipalityId: number, planId: number, plan: PlanFile): Promise<void> {
  await tx.query(
    `insert into phase_legend (plan_id, phase, label, description)
     select $1, * from unnest($2::text[], $3::text[], $4::text[])
     on conflict (plan_id, phase) do update set label = excluded.label, description = excluded.description`,
    [planId, plan.phaseLegend.map((l) => l.phase), plan.phaseLegend.map((l) => l.label), plan.phaseLegend.map((l) => l.description)],
  );
  await tx.query("delete from phase_legend where plan_id = $1 and phase <> all($2::text[])", [
    planId,
    plan.phaseLegend.map((l) => l.phase),
  ]);
  await tx.query(
    `insert into grade_definition (plan_id, grade, definition)
     select $1, * from unnest($2::text[], $3::text[])
     on conflict (plan_id, grade) do update set definition = excluded.definition`,
    [planId, plan.gradeDefinitions.map((g) => g.grade), plan.gradeDefinitions.map((g) => g.definition)],
  );
  await tx.query("delete from grade_definition where plan_id = $1 and grade <> all($2::text[])", [
    planId,
    plan.gradeDefinitions.map((g) => g.grade),
  ]);

  const policyIds = await upsertPolicies(tx, planId, plan);
  const initiativeIds = await syncInitiatives(tx, municipalityId, planId, policyIds, plan.initiatives);
  // Removed initiatives go (with their KPIs, schedule and mappings) before removed
  // policies, so an initiative moved to another policy is never cascaded away.
  // Initiatives and KPIs with reports never reach here: publishDraft and
  // importPlan refuse their removal first, with a message (reported-items.ts).
  await tx.query("delete from initiative where plan_id = $1 and number <> all($2::int[])", [
    planId,
    plan.initiatives.map((i) => i.number),
  ]);
  await tx.query("delete from policy where plan_id = $1 and number <> all($2::int[])", [
    planId,
    plan.policies.map((p) => p.number),
  ]);

  await syncGlossary(tx, planId, plan);
  await syncMappings(tx, planId, plan, initiativeIds);
  await syncEvaluationHistory(tx, planId, plan);
}

async function upsertPolicies(tx: Queryable, planId: number, plan: PlanFile): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  for (const p of plan.policies) {
    const [row] = await tx.query<{ id: number }>(
      `insert into policy (plan_id, number, title) values ($1, $2, $3)
       on conflict (plan_id, number) do update set title = excluded.title returning id`,
      [planId, p.number, p.title],
    );
    ids.set(p.number, row!.id);
    await tx.query(
      `insert into policy_outcome (policy_id, position, statement, description)
       select $1, ord - 1, statement, description from unnest($2::text[], $3::text[]) with ordinality as t(statement, description, ord)
       on conflict (policy_id, position) do update set statement = excluded.statement, description = excluded.description`,
      [row!.id, p.outcomes.map((o) => o.statement), p.outcomes.map((o) => o.description)],
    );
    await tx.query("delete from policy_outcome where policy_id = $1 and position >= $2", [row!.id, p.outcomes.length]);
  }
  return ids;
}

async function syncGlossary(tx: Queryable, planId: number, plan: PlanFile): Promise<void> {
  for (const [position, g] of plan.glossary.entries()) {
    await tx.query(
      `insert into glossary_term (plan_id, position, term, section, description, aliases) values ($1, $2, $3, $4, $5, $6)
       on conflict (plan_id, term) do update
         set position = excluded.position, section = excluded.section,
             description = excluded.description, aliases = excluded.aliases`,
      [planId, position, g.term, g.section, g.description, g.aliases],
    );
  }
  await tx.query("delete from glossary_term where plan_id = $1 and term <> all($2::text[])", [
    planId,
    plan.glossary.map((g) => g.term),
  ]);
}

async function syncMappings(tx: Queryable, planId: number, plan: PlanFile, initiativeIds: Map<number, number>): Promise<void> {
  const idsOf = (numbers: number[]) => [...new Set(numbers)].map((n) => initiativeIds.get(n)!);
  for (const [position, item] of plan.nationalPriorityItems.entries()) {
    const [row] = await tx.query<{ id: number }>(
      `insert into national_priority_item (plan_id, position, code, group_label, title, assumed, note)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (plan_id, code) do update
         set position = excluded.position, group_label = excluded.group_label, title = excluded.title,
             assumed = excluded.assumed, note = excluded.note
       returning id`,
      [planId, position, item.code, item.group, item.title, item.assumed, item.note ?? null],
    );
    await syncLinks(tx, "national_priority_initiative", "item_id", row!.id, idsOf(item.initiatives));
  }
  await tx.query("delete from national_priority_item where plan_id = $1 and code <> all($2::text[])", [
    planId,
    plan.nationalPriorityItems.map((m) => m.code),
  ]);

  for (const m of plan.dataUtilizationMeasures) {
    const [row] = await tx.query<{ id: number }>(
      `insert into data_utilization_measure (plan_id, number, measure, plan_action, assumed, note)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (plan_id, number) do update
         set measure = excluded.measure, plan_action = excluded.plan_action,
             assumed = excluded.assumed, note = excluded.note
       returning id`,
      [planId, m.number, m.measure, m.planAction, m.assumed, m.note ?? null],
    );
    await syncLinks(tx, "data_utilization_initiative", "measure_id", row!.id, idsOf(m.initiatives));
  }
  await tx.query("delete from data_utilization_measure where plan_id = $1 and number <> all($2::int[])", [
    planId,
    plan.dataUtilizationMeasures.map((m) => m.number),
  ]);
}

/** The links of one mapping entry to initiatives: exactly `initiativeIds` afterwards. */
async function syncLinks(
  tx: Queryable,
  table: "national_priority_initiative" | "data_utilization_initiative",
  column: "item_id" | "measure_id",
  id: number,
  initiativeIds: number[],
): Promise<void> {
  // table and column come from the two literals above, never from input.
  await tx.query(`delete from ${table} where ${column} = $1 and initiative_id <> all($2::int[])`, [id, initiativeIds]);
  await tx.query(
    `insert into ${table} (${column}, initiative_id) select $1, unnest($2::int[]) on conflict do nothing`,
    [id, initiativeIds],
  );
}

async function syncEvaluationHistory(tx: Queryable, planId: number, plan: PlanFile): Promise<void> {
  const years = plan.evaluationHistory.years;
  await tx.query("delete from evaluation_history_year where plan_id = $1 and fiscal_year <> all($2::int[])", [
    planId,
    years.map((y) => y.fiscalYear),
  ]);
  for (const year of years) {
    await tx.query(
      `insert into evaluation_history_year (plan_id, fiscal_year, total, note) values ($1, $2, $3, $4)
       on conflict (plan_id, fiscal_year) do update set total = excluded.total, note = excluded.note`,
      [planId, year.fiscalYear, year.total, year.note ?? null],
    );
    await tx.query(
      `insert into evaluation_history_result (plan_id, fiscal_year, grade, count, printed_percent)
       select $1, $2, * from unnest($3::text[], $4::int[], $5::int[])
       on conflict (plan_id, fiscal_year, grade) do update
         set count = excluded.count, printed_percent = excluded.printed_percent`,
      [planId, year.fiscalYear, year.results.map((r) => r.grade), year.results.map((r) => r.count), year.results.map((r) => r.printedPercent)],
    );
    await tx.query(
      "delete from evaluation_history_result where plan_id = $1 and fiscal_year = $2 and grade <> all($3::text[])",
      [planId, year.fiscalYear, year.results.map((r) => r.grade)],
    );
  }
}
