/**
 * Read queries of the plan module. Every query is scoped by a plan id that
 * was itself found through its municipality (findCurrentPlan), so a caller
 * holding one municipality's plan cannot read another's.
 */
import type { Queryable } from "../../../core/db/database.ts";
import type { CollectiveKind, Direction, EvaluationHistoryYear, Grade, Initiative, Kpi, Mapping, Phase, Plan, ResponsibleDivision } from "../plan.ts";
import type { Municipality, MunicipalityProfile } from "../../tenancy/municipality.ts";
import { HAS_DEMO_DATA, toMunicipality, type MunicipalityRow } from "../../tenancy/repository/municipality-queries.ts";

/** The municipality's divisions (組織管理), by name, with their bureau: the choices of the draft editor's 担当課 grid. */
export async function listDivisionNames(db: Queryable, municipalityId: number): Promise<{ name: string; bureau: string | null }[]> {
  return db.query<{ name: string; bureau: string | null }>(
    `select d.name, b.name as bureau from division d left join bureau b on b.id = d.bureau_id
      where d.municipality_id = $1 order by d.name, d.id`,
    [municipalityId],
  );
}

export type PlanVersion = { id: number; updatedAt: Date };

/**
 * The municipality and its current plan's version in one round trip: the
 * portal asks this on every request to decide whether its cached plan is fresh.
 */
export async function findMunicipalityWithCurrentPlan(
  db: Queryable,
  lgCode: string,
): Promise<{ municipality: Municipality; plan: PlanVersion | undefined; publicChangedAt: Date } | undefined> {
  const rows = await db.query<MunicipalityRow & { plan_id: number | null; updated_at: Date | null; public_changed_at: Date }>(
    `select m.id, m.lg_code, m.name, m.prefecture, ${HAS_DEMO_DATA}, m.public_changed_at, p.id as plan_id, p.updated_at
       from municipality m left join plan p on p.municipality_id = m.id and p.is_current
      where m.lg_code = $1`,
    [lgCode],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    municipality: toMunicipality(row),
    plan: row.plan_id === null ? undefined : { id: row.plan_id, updatedAt: new Date(row.updated_at!) },
    publicChangedAt: new Date(row.public_changed_at),
  };
}

/** The municipality's current plan: its id and version, cheap enough to ask on every request. */
export async function findCurrentPlan(db: Queryable, municipalityId: number): Promise<PlanVersion | undefined> {
  const rows = await db.query<{ id: number; updated_at: Date }>(
    "select id, updated_at from plan where municipality_id = $1 and is_current",
    [municipalityId],
  );
  return rows[0] && { id: rows[0].id, updatedAt: new Date(rows[0].updated_at) };
}

/** Loads a whole plan. A dozen small queries; callers cache the result by version. */
export async function loadPlan(db: Queryable, planId: number): Promise<Plan | undefined> {
  const [planRow] = await db.query<PlanRow>(
    `select p.*, m.lg_code, m.name as municipality_name, m.prefecture, ${HAS_DEMO_DATA}, ${PROFILE_COLUMNS}
       from plan p join municipality m on m.id = p.municipality_id
       left join municipality_profile mp on mp.municipality_id = m.id
      where p.id = $1`,
    [planId],
  );
  if (!planRow) return undefined;

  const [
    legend,
    grades,
    policies,
    outcomes,
    initiatives,
    divisions,
    texts,
    scheduleRows,
    phases,
    kpis,
    targets,
    glossary,
    priorityItems,
    priorityLinks,
    measures,
    measureLinks,
    historyYears,
    historyResults,
  ] = await Promise.all([
    db.query<{ phase: Phase; label: string; description: string }>(
      `select phase, label, description from phase_legend where plan_id = $1
        order by array_position(array['study','implement','expand'], phase)`,
      [planId],
    ),
    db.query<{ grade: Grade; definition: string }>(
      "select grade, definition from grade_definition where plan_id = $1 order by grade = 'C', grade = 'B', grade = 'A'",
      [planId],
    ),
    db.query<{ id: number; number: number; title: string }>(
      "select id, number, title from policy where plan_id = $1 order by number",
      [planId],
    ),
    db.query<{ policy_id: number; statement: string; description: string }>(
      `select o.policy_id, o.statement, o.description from policy_outcome o
         join policy p on p.id = o.policy_id where p.plan_id = $1 order by o.policy_id, o.position`,
      [planId],
    ),
    db.query<{ id: number; number: number; policy_number: number; title: string; is_new: boolean }>(
      `select i.id, i.number, p.number as policy_number, i.title, i.is_new
         from initiative i join policy p on p.id = i.policy_id
        where i.plan_id = $1 order by i.number`,
      [planId],
    ),
    db.query<{
      initiative_id: number;
      position: number;
      kind: "division" | CollectiveKind;
      division_id: number | null;
      name: string | null;
      unit: string | null;
      note: string | null;
    }>(
      `select d.initiative_id, d.position, d.kind, d.division_id, v.name, d.unit, d.note
         from initiative_division d
         join initiative i on i.id = d.initiative_id
         left join division v on v.id = d.division_id
        where i.plan_id = $1 order by d.initiative_id, d.position`,
      [planId],
    ),
    db.query<{ initiative_id: number; kind: "content" | "goal"; body: string }>(
      `select t.initiative_id, t.kind, t.body from initiative_text t
         join initiative i on i.id = t.initiative_id
        where i.plan_id = $1 order by t.initiative_id, t.kind, t.position`,
      [planId],
    ),
    db.query<{ id: number; initiative_id: number; label: string; assumed: boolean; note: string | null }>(
      `select r.id, r.initiative_id, r.label, r.assumed, r.note from schedule_row r
         join initiative i on i.id = r.initiative_id
        where i.plan_id = $1 order by r.initiative_id, r.position`,
      [planId],
    ),
    db.query<{ schedule_row_id: number; fiscal_year: number; phase: Phase }>(
      `select s.schedule_row_id, s.fiscal_year, s.phase from schedule_phase s
         join schedule_row r on r.id = s.schedule_row_id
         join initiative i on i.id = r.initiative_id
        where i.plan_id = $1 order by s.schedule_row_id, s.fiscal_year`,
      [planId],
    ),
    db.query<KpiRow>(
      `select k.*, i.number as initiative_number from kpi k
         join initiative i on i.id = k.initiative_id
        where i.plan_id = $1 order by k.initiative_id, k.position`,
      [planId],
    ),
    db.query<{ kpi_id: number; fiscal_year: number; value: string | null }>(
      `select t.kpi_id, t.fiscal_year, t.value from kpi_target t
         join kpi k on k.id = t.kpi_id
         join initiative i on i.id = k.initiative_id
        where i.plan_id = $1 order by t.kpi_id, t.fiscal_year`,
      [planId],
    ),
    db.query<{ term: string; section: "alphabet" | "kana"; description: string; aliases: string[] }>(
      "select term, section, description, aliases from glossary_term where plan_id = $1 order by position",
      [planId],
    ),
    db.query<MappingRow>(
      `select id, code, group_label, title, null as detail, assumed, note
         from national_priority_item where plan_id = $1 order by position`,
      [planId],
    ),
    db.query<{ item_id: number; number: number }>(
      `select l.item_id, i.number from national_priority_initiative l
         join initiative i on i.id = l.initiative_id where i.plan_id = $1 order by i.number`,
      [planId],
    ),
    db.query<MappingRow>(
      `select id, number::text as code, null as group_label, measure as title, plan_action as detail, assumed, note
         from data_utilization_measure where plan_id = $1 order by number`,
      [planId],
    ),
    db.query<{ item_id: number; number: number }>(
      `select l.measure_id as item_id, i.number from data_utilization_initiative l
         join initiative i on i.id = l.initiative_id where i.plan_id = $1 order by i.number`,
      [planId],
    ),
    db.query<{ fiscal_year: number; total: number; note: string | null }>(
      "select fiscal_year, total, note from evaluation_history_year where plan_id = $1 order by fiscal_year",
      [planId],
    ),
    db.query<{ fiscal_year: number; grade: Grade; count: number; printed_percent: number }>(
      `select fiscal_year, grade, count, printed_percent from evaluation_history_result
        where plan_id = $1 order by fiscal_year, grade = 'C', grade = 'B', grade = 'A'`,
      [planId],
    ),
  ]);

  const byInitiative = <T extends { initiative_id: number }>(rows: T[]) => groupBy(rows, (r) => r.initiative_id);
  const divisionsOf = byInitiative(divisions);
  const textsOf = byInitiative(texts);
  const rowsOf = byInitiative(scheduleRows);
  const phasesOf = groupBy(phases, (p) => p.schedule_row_id);
  const kpisOf = byInitiative(kpis);
  const targetsOf = groupBy(targets, (t) => t.kpi_id);
  const outcomesOf = groupBy(outcomes, (o) => o.policy_id);

  const toKpi = (row: KpiRow): Kpi => ({
    id: row.id,
    key: `${row.initiative_number}-${row.position}`,
    position: row.position,
    code: row.code,
    label: row.label,
    unit: row.unit,
    direction: row.direction,
    cumulative: row.cumulative,
    baseline:
      row.baseline_fiscal_year === null
        ? null
        : { fiscalYear: row.baseline_fiscal_year, value: row.baseline_value, note: row.baseline_note },
    targets: new Map((targetsOf.get(row.id) ?? []).map((t) => [t.fiscal_year, t.value])),
    note: row.note,
  });

  const toInitiative = (row: (typeof initiatives)[number]): Initiative => ({
    id: row.id,
    number: row.number,
    policyNumber: row.policy_number,
    title: row.title,
    isNew: row.is_new,
    divisions: (divisionsOf.get(row.id) ?? []).map(
      (d, i): ResponsibleDivision =>
        d.kind === "division"
          ? { kind: "division", role: i === 0 ? "lead" : "co", divisionId: d.division_id!, name: d.name!, unit: d.unit, note: d.note }
          : { kind: d.kind, role: i === 0 ? "lead" : "co" },
    ),
    content: (textsOf.get(row.id) ?? []).filter((t) => t.kind === "content").map((t) => t.body),
    goals: (textsOf.get(row.id) ?? []).filter((t) => t.kind === "goal").map((t) => t.body),
    schedule: (rowsOf.get(row.id) ?? []).map((r) => ({
      label: r.label,
      phases: new Map((phasesOf.get(r.id) ?? []).map((p) => [p.fiscal_year, p.phase])),
      assumed: r.assumed,
      note: r.note,
    })),
    kpis: (kpisOf.get(row.id) ?? []).map(toKpi),
  });

  const toMappings = (rows: MappingRow[], links: { item_id: number; number: number }[]): Mapping[] => {
    const linksOf = groupBy(links, (l) => l.item_id);
    return rows.map((r) => ({
      code: r.code,
      group: r.group_label,
      title: r.title,
      detail: r.detail,
      initiativeNumbers: (linksOf.get(r.id) ?? []).map((l) => l.number),
      assumed: r.assumed,
      note: r.note,
    }));
  };

  const resultsOf = groupBy(historyResults, (r) => r.fiscal_year);
  const historyYearsList: EvaluationHistoryYear[] = historyYears.map((y) => ({
    fiscalYear: y.fiscal_year,
    total: y.total,
    note: y.note,
    results: (resultsOf.get(y.fiscal_year) ?? []).map((r) => ({
      grade: r.grade,
      count: r.count,
      printedPercent: r.printed_percent,
    })),
  }));

  return {
    id: planRow.id,
    municipality: {
      id: planRow.municipality_id,
      lgCode: planRow.lg_code,
      name: planRow.municipality_name,
      prefecture: planRow.prefecture,
      hasDemoData: planRow.has_demo_data,
      profile: toProfile(planRow),
    },
    code: planRow.code,
    title: planRow.title,
    subtitle: planRow.subtitle,
    goal: planRow.goal,
    period: { startFiscalYear: planRow.start_fiscal_year, endFiscalYear: planRow.end_fiscal_year },
    source: { title: planRow.source_title, note: planRow.source_note },
    adoptedOn: planRow.adopted_on,
    updatedAt: new Date(planRow.updated_at),
    phaseLegend: legend,
    gradeDefinitions: grades,
    policies: policies.map((p) => ({
      number: p.number,
      title: p.title,
      outcomes: (outcomesOf.get(p.id) ?? []).map((o) => ({ statement: o.statement, description: o.description })),
    })),
    initiatives: initiatives.map(toInitiative),
    glossary,
    nationalPriorityItems: toMappings(priorityItems, priorityLinks),
    dataUtilizationMeasures: toMappings(measures, measureLinks),
    evaluationHistory:
      planRow.evaluation_history_title === null
        ? null
        : { title: planRow.evaluation_history_title, years: historyYearsList },
  };
}

/** The municipality's profile (migrations/0010), joined as `mp`; the adoption falls back to the plan file's. */
const PROFILE_COLUMNS = `mp.division as profile_division, mp.phone as profile_phone, mp.email as profile_email,
  mp.address as profile_address, mp.site_url as profile_site_url, mp.plan_adopted_on as profile_plan_adopted_on`;

type ProfileRow = {
  adopted_on: string | null;
  profile_division: string | null;
  profile_phone: string | null;
  profile_email: string | null;
  profile_address: string | null;
  profile_site_url: string | null;
  profile_plan_adopted_on: string | null;
};

function toProfile(row: ProfileRow): MunicipalityProfile {
  return {
    division: row.profile_division,
    phone: row.profile_phone,
    email: row.profile_email,
    address: row.profile_address,
    siteUrl: row.profile_site_url,
    planAdoptedOn: row.profile_plan_adopted_on ?? row.adopted_on,
  };
}

type PlanRow = ProfileRow & {
  id: number;
  municipality_id: number;
  code: string;
  title: string;
  subtitle: string | null;
  goal: string;
  start_fiscal_year: number;
  end_fiscal_year: number;
  source_title: string;
  source_note: string | null;
  evaluation_history_title: string | null;
  updated_at: Date;
  lg_code: string;
  municipality_name: string;
  prefecture: string | null;
  has_demo_data: boolean;
};

type KpiRow = {
  id: number;
  initiative_id: number;
  initiative_number: number;
  position: number;
  code: string | null;
  label: string;
  unit: string;
  direction: Direction;
  cumulative: boolean;
  baseline_fiscal_year: number | null;
  baseline_value: string | null;
  baseline_note: string | null;
  note: string | null;
};

type MappingRow = {
  id: number;
  code: string;
  group_label: string | null;
  title: string;
  detail: string | null;
  assumed: boolean;
  note: string | null;
};

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}
