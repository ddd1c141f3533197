/**
 * ALL of the analysis module's writing SQL: imported respondents, raking
 * weights, and published crosstabs. Called inside the commands' transactions.
 * Rows go in as arrays through unnest, one statement per table, not row by row.
 */
import type { Queryable } from "../../../../core/db/database.ts";
import { writePublishedTable } from "../../evidence/repository/evidence-writes.ts";
import type { PublishedCategory, PublishedCell } from "../domain/publication.ts";
import type { ImportedRespondent } from "../domain/respondent-file.ts";
import { refreshResponseChoices } from "./response-choices.ts";

export async function insertImportedResponses(tx: Queryable, surveyId: number, definitionVersion: number, respondents: readonly ImportedRespondent[]): Promise<number> {
  if (respondents.length === 0) return 0;
  const inserted = await tx.query<{ id: string; external_id: string }>(
    `insert into survey_response (survey_id, definition_version, channel, state, external_id, submitted_at)
     select $1, $2, 'imported', 'submitted', external_id, now() from unnest($3::text[]) with ordinality as t(external_id, position) order by position
     returning id::text as id, external_id`,
    [surveyId, definitionVersion, respondents.map((r) => r.externalId)],
  );
  const idOf = new Map(inserted.map((r) => [r.external_id, r.id]));
  const responseIds: string[] = [];
  const questions: string[] = [];
  const options: string[] = [];
  const numbers: (string | null)[] = [];
  const texts: (string | null)[] = [];
  for (const respondent of respondents) {
    for (const a of respondent.answers) {
      responseIds.push(idOf.get(respondent.externalId)!);
      questions.push(a.questionCode);
      options.push(a.optionCode);
      numbers.push(a.numericValue);
      texts.push(a.textValue);
    }
  }
  await tx.query(
    `insert into survey_answer (response_id, survey_id, question_code, option_code, numeric_value, text_value)
     select response_id, $1, question_code, option_code, numeric_value, text_value
       from unnest($2::bigint[], $3::text[], $4::text[], $5::numeric[], $6::text[]) as t(response_id, question_code, option_code, numeric_value, text_value)`,
    [surveyId, responseIds, questions, options, numbers, texts],
  );
  await refreshResponseChoices(tx, surveyId, inserted.map((r) => r.id));
  return inserted.length;
}

/** Sets every listed response's weight (ids and weights in the same order); others become NULL. */
export async function replaceWeights(tx: Queryable, surveyId: number, responseIds: readonly string[], weights: readonly number[]): Promise<void> {
  await tx.query("update survey_response set weight = null, updated_at = now() where survey_id = $1 and weight is not null", [surveyId]);
  if (responseIds.length === 0) return;
  await tx.query(
    `update survey_response r set weight = t.weight, updated_at = now()
       from unnest($2::bigint[], $3::numeric[]) as t(id, weight)
      where r.survey_id = $1 and r.id = t.id`,
    [surveyId, responseIds, weights.map((w) => w.toPrecision(12))],
  );
}

export async function clearWeights(tx: Queryable, surveyId: number): Promise<number> {
  const rows = await tx.query("update survey_response set weight = null, updated_at = now() where survey_id = $1 and weight is not null returning id", [surveyId]);
  return rows.length;
}

export type PublicationRow = {
  surveyId: number;
  definitionVersion: number;
  key: string;
  title: string;
  questionCode: string;
  questionText: string;
  kind: "single" | "multiple";
  columnAttribute: string | null;
  columnQuestionCode: string;
  columnTitle: string;
  weighted: boolean;
  categories: readonly PublishedCategory[];
  cells: readonly PublishedCell[];
  note: string;
};

/**
 * Stores a published crosstab in survey-evidence's tables (migration 0019)
 * through its writer (one way to write a published table), as a new
 * snapshot: one published earlier under the same key is replaced, so the
 * public page shows the latest publication. Returns the table's id.
 */
export async function replacePublishedTable(tx: Queryable, p: PublicationRow): Promise<{ id: number; replaced: boolean }> {
  const [existing] = await tx.query<{ position: number }>("select position from survey_published_table where survey_id = $1 and key = $2", [p.surveyId, p.key]);
  const [last] = await tx.query<{ position: number }>("select coalesce(max(position), 0)::int as position from survey_published_table where survey_id = $1", [p.surveyId]);
  const category = (axis: "row" | "column") => p.categories.filter((c) => c.axis === axis).map((c) => ({ code: c.code, label: c.label, n: c.n }));
  const id = await writePublishedTable(tx, p.surveyId, {
    key: p.key,
    position: existing?.position ?? last!.position + 1,
    number: null,
    title: p.title,
    questionCode: p.questionCode,
    questionText: p.questionText,
    kind: p.kind,
    rowTitle: p.questionText,
    columnAttribute: p.columnAttribute,
    columnQuestionCode: p.columnQuestionCode,
    columnTitle: p.columnTitle,
    unit: "人",
    weighted: p.weighted,
    source: "computed",
    definitionVersion: p.definitionVersion,
    note: p.note,
    rows: category("row"),
    columns: category("column"),
    cells: p.cells.map((c) => ({ row: c.rowCode, column: c.columnCode, count: c.count })),
  });
  return { id, replaced: existing !== undefined };
}
