/**
 * Write queries of the plan module, used by the importPlan command inside
 * its transaction. Kept beside plan-queries.ts so that all of the plan's SQL
 * can be reviewed in one folder.
 */
import type { Queryable } from "../../../core/db/database.ts";
import type { PlanFile, PlanFileInitiative } from "../plan-file-schema.ts";

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

export async function findPlanDigest(
  tx: Queryable,
  municipalityId: number,
  code: string,
): Promise<{ id: number; digest: string } | undefined> {
  const [row] = await tx.query<{ id: number; content_digest: string }>(
    "select id, content_digest from plan where municipality_id = $1 and code = $2 for update",
    [municipalityId, code],
  );
  return row && { id: row.id, digest: row.content_digest };
}

/** Inserts the plan row, or updates it and clears its content for re-insertion. */
export async function upsertPlanRow(
  tx: Queryable,
  municipalityId: number,
  existingId: number | undefined,
  plan: PlanFile,
  digest: string,
): Promise<number> {
  const values = [
    plan.title,
    plan.subtitle ?? null,
    plan.goal,
    plan.period.startFiscalYear,
    plan.period.endFiscalYear,
    plan.source.title,
    plan.source.note ?? null,
    plan.evaluationHistory.title,
    digest,
  ];
  if (existingId !== undefined) {
    await tx.query(
      `update plan set title = $1, subtitle = $2, goal = $3, start_fiscal_year = $4, end_fiscal_year = $5,
              source_title = $6, source_note = $7, evaluation_history_title = $8, content_digest = $9,
              updated_at = now()
        where id = $10`,
      [...values, existingId],
    );
    // Children cascade from these; the plan row and its id stay.
    for (const table of ["phase_legend", "grade_definition", "glossary_term", "national_priority_item", "data_utilization_measure", "evaluation_history_year", "initiative", "policy"]) {
      await tx.query(`delete from ${table} where plan_id = $1`, [existingId]);
    }
    return existingId;
  }
  const [hasCurrent] = await tx.query<{ n: number }>(
    "select count(*) as n from plan where municipality_id = $1 and is_current",
    [municipalityId],
  );
  const [row] = await tx.query<{ id: number }>(
    `insert into plan (municipality_id, code, title, subtitle, goal, start_fiscal_year, end_fiscal_year,
                       source_title, source_note, evaluation_history_title, content_digest, is_current)
     values ($10, $11, $1, $2, $3, $4, $5, $6, $7, $8, $9, $12) returning id`,
    [...values, municipalityId, plan.code, hasCurrent!.n === 0],
  );
  return row!.id;
}

export async function insertPlanContent(tx: Queryable, municipalityId: number, planId: number, plan: PlanFile) {
  for (const l of plan.phaseLegend) {
    await tx.query("insert into phase_legend (plan_id, phase, label, description) values ($1, $2, $3, $4)", [
      planId,
      l.phase,
      l.label,
      l.description,
    ]);
  }
  for (const g of plan.gradeDefinitions) {
    await tx.query("insert into grade_definition (plan_id, grade, definition) values ($1, $2, $3)", [
      planId,
      g.grade,
      g.definition,
    ]);
  }
  const policyIds = new Map<number, number>();
  for (const p of plan.policies) {
    const [row] = await tx.query<{ id: number }>(
      "insert into policy (plan_id, number, title) values ($1, $2, $3) returning id",
      [planId, p.number, p.title],
    );
    policyIds.set(p.number, row!.id);
    for (const [position, o] of p.outcomes.entries()) {
      await tx.query(
        "insert into policy_outcome (policy_id, position, statement, description) values ($1, $2, $3, $4)",
        [row!.id, position, o.statement, o.description],
      );
    }
  }
  const initiativeIds = new Map<number, number>();
  for (const item of plan.initiatives) {
    const id = await insertInitiative(tx, municipalityId, planId, policyIds.get(item.policy)!, item);
    initiativeIds.set(item.number, id);
  }
  for (const [position, g] of plan.glossary.entries()) {
    await tx.query(
      "insert into glossary_term (plan_id, position, term, section, description, aliases) values ($1, $2, $3, $4, $5, $6)",
      [planId, position, g.term, g.section, g.description, g.aliases],
    );
  }
  for (const [position, item] of plan.nationalPriorityItems.entries()) {
    const [row] = await tx.query<{ id: number }>(
      `insert into national_priority_item (plan_id, position, code, group_label, title, assumed, note)
       values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [planId, position, item.code, item.group, item.title, item.assumed, item.note ?? null],
    );
    for (const n of new Set(item.initiatives)) {
      await tx.query("insert into national_priority_initiative (item_id, initiative_id) values ($1, $2)", [
        row!.id,
        initiativeIds.get(n),
      ]);
    }
  }
  for (const m of plan.dataUtilizationMeasures) {
    const [row] = await tx.query<{ id: number }>(
      `insert into data_utilization_measure (plan_id, number, measure, plan_action, assumed, note)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [planId, m.number, m.measure, m.planAction, m.assumed, m.note ?? null],
    );
    for (const n of new Set(m.initiatives)) {
      await tx.query("insert into data_utilization_initiative (measure_id, initiative_id) values ($1, $2)", [
        row!.id,
        initiativeIds.get(n),
      ]);
    }
  }
  for (const year of plan.evaluationHistory.years) {
    await tx.query("insert into evaluation_history_year (plan_id, fiscal_year, total, note) values ($1, $2, $3, $4)", [
      planId,
      year.fiscalYear,
      year.total,
      year.note ?? null,
    ]);
    for (const r of year.results) {
      await tx.query(
        `insert into evaluation_history_result (plan_id, fiscal_year, grade, count, printed_percent)
         values ($1, $2, $3, $4, $5)`,
        [planId, year.fiscalYear, r.grade, r.count, r.printedPercent],
      );
    }
  }
}

async function insertInitiative(
  tx: Queryable,
  municipalityId: number,
  planId: number,
  policyId: number,
  item: PlanFileInitiative,
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    "insert into initiative (plan_id, policy_id, number, title, is_new) values ($1, $2, $3, $4, $5) returning id",
    [planId, policyId, item.number, item.title, item.isNew],
  );
  const id = row!.id;
  for (const [position, d] of item.divisions.entries()) {
    const divisionId = d.kind === "division" ? await ensureDivision(tx, municipalityId, d.name) : null;
    await tx.query(
      `insert into initiative_division (initiative_id, position, kind, division_id, unit, note)
       values ($1, $2, $3, $4, $5, $6)`,
      [id, position, d.kind, divisionId, d.kind === "division" ? (d.unit ?? null) : null, d.kind === "division" ? (d.note ?? null) : null],
    );
  }
  for (const [kind, lines] of [["content", item.content], ["goal", item.goals]] as const) {
    for (const [position, body] of lines.entries()) {
      await tx.query("insert into initiative_text (initiative_id, kind, position, body) values ($1, $2, $3, $4)", [
        id,
        kind,
        position,
        body,
      ]);
    }
  }
  for (const [position, s] of item.schedule.entries()) {
    const [r] = await tx.query<{ id: number }>(
      "insert into schedule_row (initiative_id, position, label, assumed, note) values ($1, $2, $3, $4, $5) returning id",
      [id, position, s.label, s.assumed, s.note ?? null],
    );
    for (const [year, phase] of Object.entries(s.phases)) {
      if (phase === null) continue;
      await tx.query("insert into schedule_phase (schedule_row_id, fiscal_year, phase) values ($1, $2, $3)", [
        r!.id,
        Number(year),
        phase,
      ]);
    }
  }
  for (const [index, k] of item.kpis.entries()) {
    const [kr] = await tx.query<{ id: number }>(
      `insert into kpi (initiative_id, position, code, label, unit, direction, cumulative,
                        baseline_fiscal_year, baseline_value, baseline_note, note)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
      [
        id,
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
      ],
    );
    for (const [year, value] of Object.entries(k.targets)) {
      await tx.query("insert into kpi_target (kpi_id, fiscal_year, value) values ($1, $2, $3)", [kr!.id, Number(year), value]);
    }
  }
  return id;
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
