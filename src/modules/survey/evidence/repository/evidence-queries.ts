/**
 * SQL that reads published survey evidence. Every query is scoped by the
 * municipality (or by the plan, which belongs to one), so one municipality's
 * surveys cannot be reached through another's code. A constant number of
 * queries per survey page, whatever the number of tables.
 */
import type { Queryable } from "../../../../core/db/database.ts";
import { cellKey, type PublishedCategory, type PublishedTable } from "../domain/published-table.ts";
import type { SurveyEvidence, SurveySummary } from "../domain/survey-evidence.ts";

type SurveyRow = {
  id: number;
  code: string;
  title: string;
  purpose: string | null;
  population: string | null;
  method: string | null;
  sample_size: number | null;
  period_start: string | null;
  period_end: string | null;
  published_response_count: number | null;
  published_response_rate: string | null;
  place: string | null;
  plan_id: number | null;
};

const SURVEY_COLUMNS = `s.id, s.code, s.title, s.purpose, s.population, s.method, s.sample_size,
  to_char(s.period_start, 'YYYY-MM-DD') as period_start, to_char(s.period_end, 'YYYY-MM-DD') as period_end,
  s.published_response_count, s.published_response_rate, src.place, src.plan_id`;

const summaryOf = (r: SurveyRow): SurveySummary => ({
  id: r.id,
  code: r.code,
  title: r.title,
  purpose: r.purpose,
  population: r.population,
  method: r.method,
  sampleSize: r.sample_size,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  responses: r.published_response_count,
  responseRate: r.published_response_rate,
  place: r.place,
  planId: r.plan_id,
});

/** Published surveys (those with at least one published table) of a municipality, newest first. */
export async function listPublishedSurveys(db: Queryable, municipalityId: number): Promise<SurveySummary[]> {
  const rows = await db.query<SurveyRow>(
    `select ${SURVEY_COLUMNS} from survey s left join survey_source src on src.survey_id = s.id
      where s.municipality_id = $1 and exists (select 1 from survey_published_table t where t.survey_id = s.id)
      order by s.period_start desc nulls last, s.id desc`,
    [municipalityId],
  );
  return rows.map(summaryOf);
}

export async function loadSurveyEvidence(db: Queryable, municipalityId: number, code: string): Promise<SurveyEvidence | undefined> {
  const [row] = await db.query<SurveyRow>(
    `select ${SURVEY_COLUMNS} from survey s left join survey_source src on src.survey_id = s.id where s.municipality_id = $1 and s.code = $2`,
    [municipalityId, code],
  );
  if (!row) return undefined;
  return (await loadEvidenceOf(db, [summaryOf(row)]))[0];
}

/** The surveys whose findings name this initiative of this plan, each with all its evidence. */
export async function loadEvidenceForInitiative(db: Queryable, planId: number, initiativeNumber: number): Promise<SurveyEvidence[]> {
  const rows = await db.query<SurveyRow>(
    `select distinct ${SURVEY_COLUMNS} from survey s left join survey_source src on src.survey_id = s.id
       join survey_finding f on f.survey_id = s.id
       join survey_finding_initiative fi on fi.finding_id = f.id
       join plan p on p.id = fi.plan_id and p.municipality_id = s.municipality_id
      where fi.plan_id = $1 and fi.initiative_number = $2`,
    [planId, initiativeNumber],
  );
  return loadEvidenceOf(db, rows.map(summaryOf));
}

/** Every published survey of a municipality with its tables (open data). */
export async function loadAllEvidence(db: Queryable, municipalityId: number): Promise<SurveyEvidence[]> {
  return loadEvidenceOf(db, await listPublishedSurveys(db, municipalityId));
}

async function loadEvidenceOf(db: Queryable, surveys: SurveySummary[]): Promise<SurveyEvidence[]> {
  if (surveys.length === 0) return [];
  const ids = surveys.map((s) => s.id);
  const [groups, tables, categories, cells, headlines, findings, findingTables, links, readings] = await Promise.all([
    db.query<{ survey_id: number; title: string; question_count: number }>(
      "select survey_id, title, question_count from survey_question_group where survey_id = any($1::int[]) order by survey_id, position",
      [ids],
    ),
    db.query<{
      id: number; survey_id: number; key: string; number: string | null; title: string; question_code: string | null; question_text: string;
      kind: "single" | "multiple"; row_title: string | null; column_attribute: string | null; column_title: string | null; unit: string;
      weighted: boolean; source: "printed" | "computed"; note: string | null; published_at: Date;
    }>(
      `select id, survey_id, key, number, title, question_code, question_text, kind, row_title, column_attribute, column_title, unit, weighted, source, note, published_at
         from survey_published_table where survey_id = any($1::int[]) order by survey_id, position, id`,
      [ids],
    ),
    db.query<{ table_id: number; axis: "row" | "column"; code: string; label: string; n: number | null }>(
      `select c.table_id, c.axis, c.code, c.label, c.n from survey_published_category c join survey_published_table t on t.id = c.table_id
        where t.survey_id = any($1::int[]) order by c.table_id, c.axis, c.position`,
      [ids],
    ),
    db.query<{ table_id: number; row_code: string | null; column_code: string | null; count: string | null }>(
      `select c.table_id, c.row_code, c.column_code, c.count from survey_published_cell c join survey_published_table t on t.id = c.table_id
        where t.survey_id = any($1::int[])`,
      [ids],
    ),
    db.query<{ survey_id: number; table_id: number; row_code: string; column_code: string | null; label: string; stated_percent: string | null }>(
      "select survey_id, table_id, row_code, column_code, label, stated_percent from survey_headline where survey_id = any($1::int[]) order by survey_id, position",
      [ids],
    ),
    db.query<{ id: number; survey_id: number; number: number; title: string; body: string }>(
      "select id, survey_id, number, title, body from survey_finding where survey_id = any($1::int[]) order by survey_id, number",
      [ids],
    ),
    db.query<{ finding_id: number; table_id: number }>(
      "select ft.finding_id, ft.table_id from survey_finding_table ft join survey_finding f on f.id = ft.finding_id where f.survey_id = any($1::int[])",
      [ids],
    ),
    db.query<{ finding_id: number; plan_id: number; initiative_number: number; assumed: boolean }>(
      `select fi.finding_id, fi.plan_id, fi.initiative_number, fi.assumed from survey_finding_initiative fi join survey_finding f on f.id = fi.finding_id
        where f.survey_id = any($1::int[]) order by fi.finding_id, fi.position`,
      [ids],
    ),
    db.query<{ survey_id: number; reading: string; confirmed: boolean }>(
      "select survey_id, reading, confirmed_at is not null as confirmed from survey_reading where survey_id = any($1::int[])",
      [ids],
    ),
  ]);

  const tablesById = new Map<number, PublishedTable & { surveyId: number }>();
  for (const t of tables) {
    tablesById.set(t.id, {
      id: t.id, surveyId: t.survey_id, key: t.key, number: t.number, title: t.title, questionCode: t.question_code, questionText: t.question_text,
      kind: t.kind, rowTitle: t.row_title, columnAttribute: t.column_attribute, columnTitle: t.column_title, unit: t.unit, weighted: t.weighted,
      source: t.source, note: t.note, publishedAt: t.published_at, rows: [], columns: [], cells: new Map(),
    });
  }
  for (const c of categories) {
    const category: PublishedCategory = { code: c.code, label: c.label, n: c.n };
    tablesById.get(c.table_id)?.[c.axis === "row" ? "rows" : "columns"].push(category);
  }
  for (const c of cells) (tablesById.get(c.table_id)?.cells as Map<string, string | null> | undefined)?.set(cellKey(c.row_code, c.column_code), c.count);

  return surveys.map((survey) => {
    const own = [...tablesById.values()].filter((t) => t.surveyId === survey.id);
    const keyOf = new Map(own.map((t) => [t.id, t.key]));
    return {
      ...survey,
      questionGroups: groups.filter((g) => g.survey_id === survey.id).map((g) => ({ title: g.title, count: g.question_count })),
      tables: own,
      headlines: headlines
        .filter((h) => h.survey_id === survey.id)
        .map((h) => ({ tableKey: keyOf.get(h.table_id)!, row: h.row_code, column: h.column_code, label: h.label, statedPercent: h.stated_percent })),
      findings: findings
        .filter((f) => f.survey_id === survey.id)
        .map((f) => ({
          number: f.number,
          title: f.title,
          body: f.body.split("\n"),
          tableKeys: findingTables.filter((ft) => ft.finding_id === f.id).map((ft) => keyOf.get(ft.table_id)!),
          initiatives: links.filter((l) => l.finding_id === f.id).map((l) => ({ planId: l.plan_id, number: l.initiative_number, assumed: l.assumed })),
          unconfirmedReadings: readings.filter((r) => r.survey_id === survey.id && !r.confirmed && f.body.includes(r.reading)).length,
        })),
    };
  });
}

/** The published surveys of the plan's municipality (open data reads them with the plan). */
export async function loadEvidenceOfPlanMunicipality(db: Queryable, planId: number): Promise<SurveyEvidence[]> {
  const [row] = await db.query<{ municipality_id: number }>("select municipality_id from plan where id = $1", [planId]);
  return row ? loadAllEvidence(db, row.municipality_id) : [];
}
