/** Surveys and their versioned definitions, as the fieldwork pages need them. All SQL of these tables for this module. */
import type { Queryable } from "../../../../core/db/database.ts";
import { surveyDefinitionSchema, type SurveyDefinition } from "../../domain/definition.ts";

export type SurveyState = "draft" | "fieldwork" | "closed" | "published";

export type SurveyRecord = {
  id: number;
  municipalityId: number;
  code: string;
  title: string;
  purpose: string | null;
  population: string | null;
  method: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  /** お問い合わせ先 as printed on the letters. */
  contact: string | null;
  answerDeadline: string | null;
  state: SurveyState;
  copiedFrom: { code: string; title: string } | null;
  doubleEntry: boolean;
  linkDestroyedAt: Date | null;
};

const SURVEY_SELECT = `
  select s.id, s.municipality_id, s.code, s.title, s.purpose, s.population, s.method,
         to_char(s.period_start, 'YYYY-MM-DD') as period_start, to_char(s.period_end, 'YYYY-MM-DD') as period_end,
         s.contact, to_char(s.answer_deadline, 'YYYY-MM-DD') as answer_deadline,
         s.state, src.code as copied_code, src.title as copied_title,
         coalesce(f.double_entry, false) as double_entry, f.link_destroyed_at
    from survey s
    left join survey src on src.id = s.copied_from_survey_id
    left join survey_fieldwork f on f.survey_id = s.id`;

type SurveyRow = {
  id: number; municipality_id: number; code: string; title: string; purpose: string | null; population: string | null; method: string | null;
  period_start: string | null; period_end: string | null; contact: string | null; answer_deadline: string | null; state: SurveyState; copied_code: string | null; copied_title: string | null;
  double_entry: boolean; link_destroyed_at: Date | string | null;
};

const toSurvey = (r: SurveyRow): SurveyRecord => ({
  id: r.id,
  municipalityId: r.municipality_id,
  code: r.code,
  title: r.title,
  purpose: r.purpose,
  population: r.population,
  method: r.method,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  contact: r.contact,
  answerDeadline: r.answer_deadline,
  state: r.state,
  copiedFrom: r.copied_code ? { code: r.copied_code, title: r.copied_title! } : null,
  doubleEntry: r.double_entry,
  linkDestroyedAt: r.link_destroyed_at === null ? null : new Date(r.link_destroyed_at),
});

export async function listSurveys(db: Queryable, municipalityId: number): Promise<SurveyRecord[]> {
  const rows = await db.query<SurveyRow>(`${SURVEY_SELECT} where s.municipality_id = $1 order by s.created_at desc, s.id desc`, [municipalityId]);
  return rows.map(toSurvey);
}

export async function findSurvey(db: Queryable, municipalityId: number, code: string): Promise<SurveyRecord | undefined> {
  const [row] = await db.query<SurveyRow>(`${SURVEY_SELECT} where s.municipality_id = $1 and s.code = $2`, [municipalityId, code]);
  return row && toSurvey(row);
}

export async function findSurveyById(db: Queryable, id: number): Promise<SurveyRecord | undefined> {
  const [row] = await db.query<SurveyRow>(`${SURVEY_SELECT} where s.id = $1`, [id]);
  return row && toSurvey(row);
}

/** The row locked for a state change or a definition save, so two saves cannot both become version n+1. */
export async function lockSurvey(tx: Queryable, id: number): Promise<SurveyState | undefined> {
  const [row] = await tx.query<{ state: SurveyState }>("select state from survey where id = $1 for update", [id]);
  return row?.state;
}

export type SurveyFields = Pick<SurveyRecord, "code" | "title" | "purpose" | "population" | "method" | "periodStart" | "periodEnd">;

export async function insertSurvey(tx: Queryable, municipalityId: number, fields: SurveyFields, copiedFrom: number | null): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `insert into survey (municipality_id, code, title, purpose, population, method, period_start, period_end, copied_from_survey_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [municipalityId, fields.code, fields.title, fields.purpose, fields.population, fields.method, fields.periodStart, fields.periodEnd, copiedFrom],
  );
  await tx.query("insert into survey_fieldwork (survey_id) values ($1)", [row!.id]);
  return row!.id;
}

export type SurveyDetails = Pick<SurveyRecord, "purpose" | "population" | "periodStart" | "periodEnd" | "contact" | "answerDeadline">;

export async function updateSurveyDetails(tx: Queryable, id: number, d: SurveyDetails): Promise<void> {
  await tx.query(
    `update survey set purpose = $2, population = $3, period_start = $4, period_end = $5, contact = $6, answer_deadline = $7, updated_at = now()
      where id = $1`,
    [id, d.purpose, d.population, d.periodStart, d.periodEnd, d.contact, d.answerDeadline],
  );
}

export async function surveyCodeTaken(db: Queryable, municipalityId: number, code: string): Promise<boolean> {
  const rows = await db.query("select 1 from survey where municipality_id = $1 and code = $2", [municipalityId, code]);
  return rows.length > 0;
}

export async function updateSurveyState(tx: Queryable, id: number, state: SurveyState): Promise<void> {
  await tx.query("update survey set state = $2, updated_at = now() where id = $1", [id, state]);
}

export async function setDoubleEntry(tx: Queryable, id: number, on: boolean): Promise<void> {
  await tx.query(
    `insert into survey_fieldwork (survey_id, double_entry) values ($1, $2)
     on conflict (survey_id) do update set double_entry = excluded.double_entry`,
    [id, on],
  );
}

export type DefinitionVersion = { version: number; definition: SurveyDefinition; createdAt: Date; createdBy: string | null };

export async function latestDefinition(db: Queryable, surveyId: number): Promise<DefinitionVersion | undefined> {
  const [row] = await db.query<{ version: number; definition: unknown; created_at: Date | string; created_by: string | null }>(
    `select d.version, d.definition, d.created_at, u.display_name as created_by
       from survey_definition d left join app_user u on u.id = d.created_by
      where d.survey_id = $1 order by d.version desc limit 1`,
    [surveyId],
  );
  if (!row) return undefined;
  const definition = typeof row.definition === "string" ? JSON.parse(row.definition) : row.definition;
  return { version: row.version, definition: surveyDefinitionSchema.parse(definition), createdAt: new Date(row.created_at), createdBy: row.created_by };
}

export async function definitionHistory(db: Queryable, surveyId: number): Promise<{ version: number; createdAt: Date; createdBy: string | null }[]> {
  const rows = await db.query<{ version: number; created_at: Date | string; created_by: string | null }>(
    `select d.version, d.created_at, u.display_name as created_by
       from survey_definition d left join app_user u on u.id = d.created_by
      where d.survey_id = $1 order by d.version desc`,
    [surveyId],
  );
  return rows.map((r) => ({ version: r.version, createdAt: new Date(r.created_at), createdBy: r.created_by }));
}

export async function insertDefinition(tx: Queryable, surveyId: number, version: number, definition: SurveyDefinition, userId: number): Promise<void> {
  await tx.query("insert into survey_definition (survey_id, version, definition, created_by) values ($1, $2, $3::jsonb, $4)", [
    surveyId,
    version,
    JSON.stringify(definition),
    userId,
  ]);
  await tx.query("update survey set updated_at = now() where id = $1", [surveyId]);
}
