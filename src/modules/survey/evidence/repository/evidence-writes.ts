/**
 * SQL that writes a survey as a report publishes it (importSurvey) and the
 * published tables of any source (writePublishedTable, which the analysis
 * module can call for its computed crosstabs).
 */
import type { Queryable } from "../../../../core/db/database.ts";
import type { SurveyDefinition } from "../../domain/definition.ts";
import type { SurveyFile } from "../domain/survey-file-schema.ts";

export async function findMunicipalityAndPlan(tx: Queryable, lgCode: string, planCode: string): Promise<{ municipalityId: number | null; planId: number | null }> {
  const [row] = await tx.query<{ municipality_id: number; plan_id: number | null }>(
    "select m.id as municipality_id, p.id as plan_id from municipality m left join plan p on p.municipality_id = m.id and p.code = $2 where m.lg_code = $1",
    [lgCode, planCode],
  );
  return { municipalityId: row?.municipality_id ?? null, planId: row?.plan_id ?? null };
}

/** The survey by its code, locked for the import, with the digest of the file it came from. */
export async function lockSurvey(tx: Queryable, municipalityId: number, code: string): Promise<{ id: number; digest: string | null } | undefined> {
  const [row] = await tx.query<{ id: number; digest: string | null }>(
    `select s.id, src.content_digest as digest from survey s left join survey_source src on src.survey_id = s.id
      where s.municipality_id = $1 and s.code = $2 for update of s`,
    [municipalityId, code],
  );
  return row;
}

export async function upsertSurveyRow(tx: Queryable, municipalityId: number, file: SurveyFile, existingId: number | undefined): Promise<number> {
  const values = [
    file.title,
    file.purpose ?? null,
    file.population ?? null,
    file.method ?? null,
    file.sampleSize ?? null,
    file.period?.start ?? null,
    file.period?.end ?? null,
    file.responses ?? null,
    file.responseRate ?? null,
  ];
  if (existingId !== undefined) {
    await tx.query(
      `update survey set title = $2, purpose = $3, population = $4, method = $5, sample_size = $6, period_start = $7, period_end = $8,
              published_response_count = $9, published_response_rate = $10, updated_at = now() where id = $1`,
      [existingId, ...values],
    );
    return existingId;
  }
  const [row] = await tx.query<{ id: number }>(
    `insert into survey (municipality_id, code, title, purpose, population, method, sample_size, period_start, period_end,
                         published_response_count, published_response_rate, state)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'published') returning id`,
    [municipalityId, file.code, ...values],
  );
  return row!.id;
}

/** A new definition version when the questionnaire differs from the latest one (responses keep theirs). */
export async function ensureDefinition(tx: Queryable, surveyId: number, definition: SurveyDefinition): Promise<number> {
  const [latest] = await tx.query<{ version: number; same: boolean }>(
    "select version, definition = $2::jsonb as same from survey_definition where survey_id = $1 order by version desc limit 1",
    [surveyId, JSON.stringify(definition)],
  );
  if (latest?.same) return latest.version;
  const version = (latest?.version ?? 0) + 1;
  await tx.query("insert into survey_definition (survey_id, version, definition) values ($1, $2, $3::jsonb)", [surveyId, version, JSON.stringify(definition)]);
  return version;
}

export type TableToWrite = {
  key: string;
  position: number;
  number: string | null;
  title: string;
  questionCode: string | null;
  questionText: string;
  kind: "single" | "multiple";
  rowTitle: string | null;
  columnAttribute: string | null;
  columnQuestionCode: string | null;
  columnTitle: string | null;
  unit: string;
  weighted: boolean;
  source: "printed" | "computed";
  definitionVersion: number | null;
  note: string | null;
  rows: { code: string; label: string; n?: number | null }[];
  columns: { code: string; label: string; n?: number | null }[];
  /** row/column null = the total of that axis; count null = suppressed. */
  cells: { row: string | null; column: string | null; count: string | number | null }[];
};

/** Writes one published table (replacing an earlier one with the same key) and returns its id. */
export async function writePublishedTable(tx: Queryable, surveyId: number, table: TableToWrite): Promise<number> {
  await tx.query("delete from survey_published_table where survey_id = $1 and key = $2", [surveyId, table.key]);
  const [row] = await tx.query<{ id: number }>(
    `insert into survey_published_table (survey_id, key, position, number, title, question_code, question_text, kind, row_title,
       column_attribute, column_question_code, column_title, unit, weighted, source, definition_version, note)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) returning id`,
    [surveyId, table.key, table.position, table.number, table.title, table.questionCode, table.questionText, table.kind, table.rowTitle,
      table.columnAttribute, table.columnQuestionCode, table.columnTitle, table.unit, table.weighted, table.source, table.definitionVersion, table.note],
  );
  const id = row!.id;
  const categories = [
    ...table.rows.map((c, i) => ["row", c, i] as const),
    ...table.columns.map((c, i) => ["column", c, i] as const),
  ];
  if (categories.length > 0) {
    await tx.query(
      `insert into survey_published_category (table_id, axis, code, label, position, n)
       select $1, axis, code, label, position, n from unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::int[]) as c(axis, code, label, position, n)`,
      [id, categories.map(([a]) => a), categories.map(([, c]) => c.code), categories.map(([, c]) => c.label), categories.map(([, , i]) => i), categories.map(([, c]) => c.n ?? null)],
    );
  }
  if (table.cells.length > 0) {
    await tx.query(
      `insert into survey_published_cell (table_id, row_code, column_code, count, suppressed)
       select $1, r, c, n, n is null from unnest($2::text[], $3::text[], $4::numeric[]) as x(r, c, n)`,
      [id, table.cells.map((c) => c.row), table.cells.map((c) => c.column), table.cells.map((c) => (c.count === null ? null : String(c.count)))],
    );
  }
  return id;
}

/** Everything the file owns is replaced; tables the analysis module computed ('computed') stay. */
export async function clearPrintedContent(tx: Queryable, surveyId: number): Promise<void> {
  await tx.query("delete from survey_finding where survey_id = $1", [surveyId]);
  await tx.query("delete from survey_headline where survey_id = $1", [surveyId]);
  await tx.query("delete from survey_question_group where survey_id = $1", [surveyId]);
  await tx.query("delete from survey_published_table where survey_id = $1 and source = 'printed'", [surveyId]);
}

export async function insertQuestionGroups(tx: Queryable, surveyId: number, groups: SurveyFile["questionGroups"]): Promise<void> {
  for (const [i, g] of groups.entries()) {
    await tx.query("insert into survey_question_group (survey_id, position, title, question_count) values ($1, $2, $3, $4)", [surveyId, i, g.title, g.count]);
  }
}

export async function insertHeadline(
  tx: Queryable,
  surveyId: number,
  position: number,
  h: { tableId: number; row: string; column: string | null; label: string; statedPercent: number | null },
): Promise<void> {
  await tx.query(
    `insert into survey_headline (survey_id, position, table_id, row_code, column_code, base_row_code, base_column_code, label, stated_percent)
     values ($1, $2, $3, $4, $5, null, $5, $6, $7)`,
    [surveyId, position, h.tableId, h.row, h.column, h.label, h.statedPercent],
  );
}

export async function insertFinding(
  tx: Queryable,
  surveyId: number,
  planId: number,
  finding: SurveyFile["findings"][number],
  tableIds: number[],
): Promise<void> {
  const [row] = await tx.query<{ id: number }>("insert into survey_finding (survey_id, number, title, body) values ($1, $2, $3, $4) returning id", [
    surveyId,
    finding.number,
    finding.title,
    finding.body.join("\n"),
  ]);
  for (const tableId of tableIds) await tx.query("insert into survey_finding_table (finding_id, table_id) values ($1, $2)", [row!.id, tableId]);
  for (const [i, link] of finding.initiatives.entries()) {
    await tx.query(
      "insert into survey_finding_initiative (finding_id, plan_id, initiative_number, position, assumed, note) values ($1, $2, $3, $4, $5, $6)",
      [row!.id, planId, link.number, i, link.assumed, link.note ?? null],
    );
  }
}

/**
 * Readings: a confirmation survives a re-import only while the reading is
 * unchanged (as in decision 019); readings no longer in the file go.
 */
export async function syncReadings(tx: Queryable, surveyId: number, readings: SurveyFile["readings"]): Promise<void> {
  await tx.query("delete from survey_reading where survey_id = $1 and not (key = any($2::text[]))", [surveyId, readings.map((r) => r.key)]);
  for (const r of readings) {
    await tx.query(
      `insert into survey_reading (survey_id, key, place, printed, reading, note) values ($1, $2, $3, $4, $5, $6)
       on conflict (survey_id, key) do update set place = excluded.place, printed = excluded.printed, reading = excluded.reading, note = excluded.note,
         confirmed_at = case when (survey_reading.printed, survey_reading.reading, coalesce(survey_reading.note, '')) = (excluded.printed, excluded.reading, coalesce(excluded.note, ''))
                             then survey_reading.confirmed_at end,
         confirmed_by = case when (survey_reading.printed, survey_reading.reading, coalesce(survey_reading.note, '')) = (excluded.printed, excluded.reading, coalesce(excluded.note, ''))
                             then survey_reading.confirmed_by end`,
      [surveyId, r.key, r.place, r.printed, r.reading, r.note ?? null],
    );
  }
}

export async function upsertSource(tx: Queryable, surveyId: number, planId: number, place: string | null, digest: string): Promise<void> {
  await tx.query(
    `insert into survey_source (survey_id, plan_id, place, content_digest) values ($1, $2, $3, $4)
     on conflict (survey_id) do update set plan_id = excluded.plan_id, place = excluded.place, content_digest = excluded.content_digest, imported_at = now()`,
    [surveyId, planId, place, digest],
  );
}
