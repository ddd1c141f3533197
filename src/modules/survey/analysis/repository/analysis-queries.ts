/**
 * ALL of the analysis module's reading SQL. The crosstab is one statement:
 * the analysed question's answer rows (one per chosen option) joined to the
 * grouping question's answer on response_id, counted and weighted in
 * PostgreSQL; only the cells and the column bases come back (a few dozen
 * rows however many respondents there are).
 */
import type { Queryable } from "../../../../core/db/database.ts";
import { surveyDefinitionSchema, type SurveyDefinition } from "../../domain/definition.ts";
import type { CrosstabBaseRow, CrosstabCountRow } from "../domain/crosstab.ts";

export type AnalysisSurvey = {
  id: number;
  code: string;
  title: string;
  state: string;
  definitionVersion: number;
  definition: SurveyDefinition;
};

/** The survey of this municipality with its newest questionnaire version, or undefined. */
export async function findAnalysisSurvey(db: Queryable, municipalityId: number, code: string): Promise<AnalysisSurvey | undefined> {
  const [row] = await db.query<{ id: number; code: string; title: string; state: string; version: number | null; definition: unknown }>(
    `select s.id, s.code, s.title, s.state, d.version, d.definition
       from survey s
       left join lateral (select version, definition from survey_definition where survey_id = s.id order by version desc limit 1) d on true
      where s.municipality_id = $1 and s.code = $2`,
    [municipalityId, code],
  );
  if (!row || row.version === null) return undefined;
  const definition = surveyDefinitionSchema.parse(typeof row.definition === "string" ? JSON.parse(row.definition) : row.definition);
  return { id: row.id, code: row.code, title: row.title, state: row.state, definitionVersion: row.version, definition };
}

/**
 * Cells and column bases of question × grouping question over submitted
 * responses. A respondent without an answer to the grouping question falls
 * in its 無回答 column ('NA'). Weights: coalesce(weight, 1), so the weighted
 * figures equal the counts until weights are set.
 */
export async function crosstabCounts(
  db: Queryable,
  surveyId: number,
  questionCode: string,
  byCode: string,
): Promise<{ cells: CrosstabCountRow[]; bases: CrosstabBaseRow[] }> {
  const rows = await db.query<{ kind: string; row_code: string; column_code: string; n: number; weighted: string; squares: string }>(
    `select 'cell' as kind, q.option_code as row_code, coalesce(g.option_code, 'NA') as column_code,
            count(*)::int as n, sum(coalesce(r.weight, 1))::text as weighted, '0' as squares
       from survey_answer q
       join survey_response r on r.id = q.response_id and r.state = 'submitted'
       left join survey_answer g on g.survey_id = $1 and g.question_code = $3 and g.response_id = q.response_id
      where q.survey_id = $1 and q.question_code = $2
      group by q.option_code, coalesce(g.option_code, 'NA')
     union all
     -- The bases: respondents with any answer row to the question (a semi-join, so a
     -- multiple choice's several rows count once), by their group.
     select 'base', '', coalesce(g.option_code, 'NA'),
            count(*)::int, sum(coalesce(r.weight, 1))::text, sum(coalesce(r.weight, 1) * coalesce(r.weight, 1))::text
       from survey_response r
       left join survey_answer g on g.survey_id = $1 and g.question_code = $3 and g.response_id = r.id
      where r.survey_id = $1 and r.state = 'submitted'
        and exists (select 1 from survey_answer q where q.survey_id = $1 and q.question_code = $2 and q.response_id = r.id)
      group by coalesce(g.option_code, 'NA')`,
    [surveyId, questionCode, byCode],
  );
  const cells: CrosstabCountRow[] = [];
  const bases: CrosstabBaseRow[] = [];
  for (const row of rows) {
    if (row.kind === "cell") cells.push({ rowCode: row.row_code, columnCode: row.column_code, count: row.n, weighted: Number(row.weighted) });
    else bases.push({ columnCode: row.column_code, count: row.n, weighted: Number(row.weighted), sumSquares: Number(row.squares) });
  }
  return { cells, bases };
}

export type WeightSummary = { responses: number; weighted: number; weights: number[] };

/** How many submitted responses carry a weight, and the weights (for the design effect). */
export async function weightSummary(db: Queryable, surveyId: number): Promise<WeightSummary> {
  const rows = await db.query<{ weight: string | null }>(
    "select weight::text as weight from survey_response where survey_id = $1 and state = 'submitted'",
    [surveyId],
  );
  const weights = rows.flatMap((r) => (r.weight === null ? [] : [Number(r.weight)]));
  return { responses: rows.length, weighted: weights.length, weights };
}

/** Each submitted response with its answer (option code) to the given attribute questions, for raking. */
export async function respondentCategories(
  db: Queryable,
  surveyId: number,
  questionCodes: readonly string[],
): Promise<{ responseId: string; categories: Record<string, string> }[]> {
  const rows = await db.query<{ id: string; categories: Record<string, string> | string | null }>(
    `select r.id::text as id,
            (select jsonb_object_agg(a.question_code, a.option_code) from survey_answer a
              where a.survey_id = r.survey_id and a.response_id = r.id and a.question_code = any($2::text[])) as categories
       from survey_response r
      where r.survey_id = $1 and r.state = 'submitted'
      order by r.id`,
    [surveyId, questionCodes],
  );
  return rows.map((r) => ({ responseId: r.id, categories: (typeof r.categories === "string" ? JSON.parse(r.categories) : r.categories) ?? {} }));
}

export type RespondentAnswerRow = {
  responseId: string;
  externalId: string | null;
  weight: string | null;
  questionCode: string | null;
  optionCode: string | null;
  numericValue: string | null;
  textValue: string | null;
};

/** Every submitted response with its answers, in response order (respondent-level export). */
export async function respondentAnswers(db: Queryable, surveyId: number): Promise<RespondentAnswerRow[]> {
  const rows = await db.query<{ id: string; external_id: string | null; weight: string | null; question_code: string | null; option_code: string | null; numeric_value: string | null; text_value: string | null }>(
    `select r.id::text as id, r.external_id, r.weight::text as weight, a.question_code, a.option_code, a.numeric_value::text as numeric_value, a.text_value
       from survey_response r
       left join survey_answer a on a.response_id = r.id
      where r.survey_id = $1 and r.state = 'submitted'
      order by r.id, a.question_code, a.option_code`,
    [surveyId],
  );
  return rows.map((r) => ({
    responseId: r.id,
    externalId: r.external_id,
    weight: r.weight,
    questionCode: r.question_code,
    optionCode: r.option_code,
    numericValue: r.numeric_value,
    textValue: r.text_value,
  }));
}

/** External ids already used in this survey, among the given ones (a re-import must not duplicate a respondent). */
export async function existingExternalIds(db: Queryable, surveyId: number, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ external_id: string }>(
    "select external_id from survey_response where survey_id = $1 and external_id = any($2::text[])",
    [surveyId, ids],
  );
  return new Set(rows.map((r) => r.external_id));
}
