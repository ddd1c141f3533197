/**
 * ALL of the analysis module's reading SQL (the choice vectors it reads are
 * written by response-choices.ts). The crosstab is one statement over the
 * responses' choice vectors, counted and weighted in PostgreSQL; only the
 * cells and the column bases come back (a few dozen rows however many
 * respondents there are).
 */
import type { Database, Queryable } from "../../../../core/db/database.ts";
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
 * responses, in one scan of survey_response: each response's choice vector
 * (response-choices.ts) gives its codes for both questions by position.
 * The inner aggregate groups responses by (codes of the question, group),
 * a few hundred groups even for a multiple choice ('1 4' is one group);
 * the outer one splits the codes into cells, and takes the bases (each
 * response once, whatever it chose) from the same groups. A respondent
 * without an answer to the grouping question falls in its 無回答 column
 * ('NA'). Weights: coalesce(weight, 1), so the weighted figures equal the
 * counts until weights are set.
 */
export async function crosstabCounts(
  db: Database,
  surveyId: number,
  questionCode: string,
  byCode: string,
): Promise<{ cells: CrosstabCountRow[]; bases: CrosstabBaseRow[] }> {
  const slots = await db.query<{ question_code: string; slot: number }>(
    "select question_code, slot from survey_choice_slot where survey_id = $1 and question_code in ($2, $3)",
    [surveyId, questionCode, byCode],
  );
  const slotOf = (code: string) => slots.find((s) => s.question_code === code)?.slot;
  const questionSlot = slotOf(questionCode);
  if (questionSlot === undefined) return { cells: [], bases: [] }; // nobody has answered it
  // A grouping question nobody answered has no slot: every response is in 無回答 (slot 0 is always NULL).
  const bySlot = slotOf(byCode) ?? 0;
  const rows = await db.transaction(async (tx) => {
    // One scan of a million rows costs less than compiling it: JIT (on by default on a server) took longer than the query.
    await tx.query("set local jit = off");
    // The planner cannot know that choices[n] has a handful of values: it expects a group per response and
    // sorts them all (on disk at a million). Hashing keeps the few hundred groups in memory.
    await tx.query("set local enable_sort = off");
    return tx.query<{ kind: string; row_code: string; column_code: string; n: number; weighted: string; squares: string }>(
    `with groups as (
       select r.choices[$2::int] as codes, coalesce(r.choices[$3::int], 'NA') as column_code,
              count(*) as n, sum(coalesce(r.weight, 1)) as weighted, sum(coalesce(r.weight, 1) * coalesce(r.weight, 1)) as squares
         from survey_response r
        where r.survey_id = $1 and r.state = 'submitted' and r.choices[$2::int] is not null
        group by 1, 2)
     select 'cell' as kind, o.code as row_code, g.column_code, sum(g.n)::int as n, sum(g.weighted)::text as weighted, '0' as squares
       from groups g cross join lateral unnest(string_to_array(g.codes, ' ')) as o(code)
      group by o.code, g.column_code
     union all
     select 'base', '', column_code, sum(n)::int, sum(weighted)::text, sum(squares)::text
       from groups
      group by column_code`,
    [surveyId, questionSlot, bySlot],
  );
  });
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
