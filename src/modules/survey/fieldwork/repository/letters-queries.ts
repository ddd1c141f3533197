/** The kept letters PDF of a survey (survey_letters). */
import type { Queryable } from "../../../../core/db/database.ts";

export type LettersInfo = { letterCount: number; builtAt: Date; byteSize: number };

export async function findLettersInfo(db: Queryable, surveyId: number): Promise<LettersInfo | undefined> {
  const [row] = await db.query<{ letter_count: number; built_at: Date | string; byte_size: number }>(
    "select letter_count, built_at, octet_length(pdf) as byte_size from survey_letters where survey_id = $1",
    [surveyId],
  );
  return row && { letterCount: row.letter_count, builtAt: new Date(row.built_at), byteSize: Number(row.byte_size) };
}

export async function findLettersPdf(db: Queryable, surveyId: number): Promise<Uint8Array | undefined> {
  const [row] = await db.query<{ pdf: Uint8Array }>("select pdf from survey_letters where survey_id = $1", [surveyId]);
  return row && new Uint8Array(row.pdf);
}

export async function saveLetters(db: Queryable, surveyId: number, pdf: Uint8Array, letterCount: number, jobId: number | null): Promise<void> {
  await db.query(
    `insert into survey_letters (survey_id, pdf, letter_count, job_id) values ($1, $2, $3, $4)
     on conflict (survey_id) do update set pdf = excluded.pdf, letter_count = excluded.letter_count, job_id = excluded.job_id, built_at = now()`,
    [surveyId, pdf, letterCount, jobId],
  );
}

export async function deleteLetters(db: Queryable, surveyId: number): Promise<void> {
  await db.query("delete from survey_letters where survey_id = $1", [surveyId]);
}
