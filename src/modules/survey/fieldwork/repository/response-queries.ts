/**
 * Responses under a code (online and paper), paper entries, the duplicate
 * check and the code-guessing throttle. All SQL of these for this module.
 */
import type { Queryable } from "../../../../core/db/database.ts";
import { refreshResponseChoices } from "../../analysis/repository/response-choices.ts";
import type { AnswerRow } from "../domain/answers.ts";

export type CodeHolder = { memberId: number; surveyId: number; municipalityId: number; code: string };

export async function findCodeHolder(db: Queryable, code: string): Promise<CodeHolder | undefined> {
  const [row] = await db.query<{ id: number | string; survey_id: number; municipality_id: number; code: string }>(
    `select m.id, m.survey_id, s.municipality_id, m.code from survey_sample_member m join survey s on s.id = m.survey_id where m.code = $1`,
    [code],
  );
  return row && { memberId: Number(row.id), surveyId: row.survey_id, municipalityId: row.municipality_id, code: row.code };
}

export type CodeResponse = { responseId: number; channel: "online" | "paper"; state: "in_progress" | "submitted" | "excluded"; definitionVersion: number };

export async function responsesOfMember(db: Queryable, memberId: number): Promise<CodeResponse[]> {
  const rows = await db.query<{ response_id: number | string; channel: "online" | "paper"; state: CodeResponse["state"]; definition_version: number }>(
    `select mr.response_id, mr.channel, r.state, r.definition_version
       from survey_member_response mr join survey_response r on r.id = mr.response_id
      where mr.sample_member_id = $1 order by r.id`,
    [memberId],
  );
  return rows.map((r) => ({ responseId: Number(r.response_id), channel: r.channel, state: r.state, definitionVersion: r.definition_version }));
}

/** Locks the member's row: one save or submission under a code at a time. */
export async function lockMember(tx: Queryable, memberId: number): Promise<void> {
  await tx.query("select id from survey_sample_member where id = $1 for update", [memberId]);
}

export async function insertResponse(
  tx: Queryable,
  input: { surveyId: number; memberId: number; definitionVersion: number; channel: "online" | "paper"; submitted: boolean },
): Promise<number> {
  const [row] = await tx.query<{ id: number | string }>(
    `insert into survey_response (survey_id, definition_version, channel, state, submitted_at)
     values ($1, $2, $3, $4, case when $4 = 'submitted' then now() end) returning id`,
    [input.surveyId, input.definitionVersion, input.channel, input.submitted ? "submitted" : "in_progress"],
  );
  const id = Number(row!.id);
  await tx.query("insert into survey_member_response (sample_member_id, response_id, channel) values ($1, $2, $3)", [input.memberId, id, input.channel]);
  return id;
}

export async function markSubmitted(tx: Queryable, responseId: number): Promise<void> {
  await tx.query("update survey_response set state = 'submitted', submitted_at = now(), updated_at = now() where id = $1", [responseId]);
}

export async function replaceAnswers(tx: Queryable, surveyId: number, responseId: number, rows: readonly AnswerRow[]): Promise<void> {
  await tx.query("delete from survey_answer where response_id = $1", [responseId]);
  // The crosstab reads the response's choice vector, not these rows: it is rebuilt from them in this transaction.
  if (rows.length === 0) return refreshResponseChoices(tx, surveyId, [responseId]);
  // One statement for the whole response: unnest of parallel arrays works the same on PGlite and a server.
  await tx.query(
    `insert into survey_answer (response_id, survey_id, question_code, option_code, numeric_value, text_value)
     select $1, $2, q, o, n::numeric, t from unnest($3::text[], $4::text[], $5::text[], $6::text[]) as a(q, o, n, t)`,
    [responseId, surveyId, rows.map((r) => r.questionCode), rows.map((r) => r.optionCode), rows.map((r) => r.numericValue), rows.map((r) => r.textValue)],
  );
  await refreshResponseChoices(tx, surveyId, [responseId]);
  await tx.query("update survey_response set updated_at = now() where id = $1", [responseId]);
}

export async function answersOf(db: Queryable, responseId: number): Promise<AnswerRow[]> {
  const rows = await db.query<{ question_code: string; option_code: string; numeric_value: string | null; text_value: string | null }>(
    "select question_code, option_code, numeric_value, text_value from survey_answer where response_id = $1 order by question_code, option_code",
    [responseId],
  );
  return rows.map((r) => ({ questionCode: r.question_code, optionCode: r.option_code, numericValue: r.numeric_value, textValue: r.text_value }));
}

export type PaperEntry = { entryNo: 1 | 2; answers: AnswerRow[]; enteredBy: number; enteredByName: string };

export async function paperEntriesOf(db: Queryable, memberId: number): Promise<PaperEntry[]> {
  const rows = await db.query<{ entry_no: 1 | 2; answers: unknown; entered_by: number; display_name: string }>(
    `select e.entry_no, e.answers, e.entered_by, u.display_name
       from survey_paper_entry e join app_user u on u.id = e.entered_by
      where e.sample_member_id = $1 order by e.entry_no`,
    [memberId],
  );
  return rows.map((r) => ({
    entryNo: r.entry_no,
    answers: (typeof r.answers === "string" ? JSON.parse(r.answers) : r.answers) as AnswerRow[],
    enteredBy: r.entered_by,
    enteredByName: r.display_name,
  }));
}

export async function insertPaperEntry(tx: Queryable, input: { surveyId: number; memberId: number; entryNo: 1 | 2; answers: readonly AnswerRow[]; userId: number }): Promise<void> {
  await tx.query("insert into survey_paper_entry (survey_id, sample_member_id, entry_no, answers, entered_by) values ($1, $2, $3, $4::jsonb, $5)", [
    input.surveyId,
    input.memberId,
    input.entryNo,
    JSON.stringify(input.answers),
    input.userId,
  ]);
}

export type PaperStatus = { code: string; entries: number; hasResponse: boolean; alsoOnline: boolean };

/** Codes with paper entries: how far each is (1 entry, 2 entries, keyed as a response) and whether it also came in online. */
export async function paperStatuses(db: Queryable, surveyId: number): Promise<PaperStatus[]> {
  const rows = await db.query<{ code: string; entries: number | string; has_response: boolean; also_online: boolean }>(
    `select m.code, count(e.id) as entries,
            exists (select 1 from survey_member_response mr where mr.sample_member_id = m.id and mr.channel = 'paper') as has_response,
            exists (select 1 from survey_member_response mr join survey_response r on r.id = mr.response_id
                     where mr.sample_member_id = m.id and mr.channel = 'online' and r.state = 'submitted') as also_online
       from survey_sample_member m join survey_paper_entry e on e.sample_member_id = m.id
      where m.survey_id = $1 group by m.id, m.code order by m.code`,
    [surveyId],
  );
  return rows.map((r) => ({ code: r.code, entries: Number(r.entries), hasResponse: r.has_response, alsoOnline: r.also_online }));
}

export type ResponseState = "in_progress" | "submitted" | "excluded";
export type DuplicateCode = {
  code: string;
  memberId: number;
  online: { responseId: number; state: ResponseState };
  /** Null while the paper is keyed but not yet a response (double entry waiting for its second entry or a resolution). */
  paper: { responseId: number; state: ResponseState } | null;
};

/**
 * Codes answered both online (submitted) and on paper: never silently
 * double-counted. Resolved when one of the two is excluded (state 'excluded').
 */
export async function duplicateCodes(db: Queryable, surveyId: number): Promise<DuplicateCode[]> {
  const rows = await db.query<{ id: number | string; code: string; online_id: number | string; online_state: ResponseState; paper_id: number | string | null; paper_state: ResponseState | null }>(
    `select m.id, m.code, o.response_id as online_id, ro.state as online_state, p.response_id as paper_id, rp.state as paper_state
       from survey_sample_member m
       join survey_member_response o on o.sample_member_id = m.id and o.channel = 'online'
       join survey_response ro on ro.id = o.response_id and ro.state in ('submitted', 'excluded')
       left join survey_member_response p on p.sample_member_id = m.id and p.channel = 'paper'
       left join survey_response rp on rp.id = p.response_id
      where m.survey_id = $1
        and (p.response_id is not null or exists (select 1 from survey_paper_entry e where e.sample_member_id = m.id))
      order by m.code`,
    [surveyId],
  );
  return rows.map((r) => ({
    code: r.code,
    memberId: Number(r.id),
    online: { responseId: Number(r.online_id), state: r.online_state },
    paper: r.paper_id === null ? null : { responseId: Number(r.paper_id), state: r.paper_state! },
  }));
}

/** The one response of a duplicate that counts is 'submitted'; the other is kept as 'excluded', with who and when. */
export async function setResponseCounted(tx: Queryable, input: { counted: number; excluded: number; userId: number }): Promise<void> {
  await tx.query("update survey_response set state = 'submitted', excluded_at = null, excluded_by = null, updated_at = now() where id = $1", [input.counted]);
  await tx.query("update survey_response set state = 'excluded', excluded_at = now(), excluded_by = $2, updated_at = now() where id = $1", [input.excluded, input.userId]);
}

/** Whether raking weights are set: a response brought back into the count would have none. */
export async function hasWeights(db: Queryable, surveyId: number): Promise<boolean> {
  const rows = await db.query("select 1 from survey_response where survey_id = $1 and weight is not null limit 1", [surveyId]);
  return rows.length > 0;
}

/** Responses of a survey by state: what counts in analysis (submitted) and what was set aside (excluded). */
export async function countResponses(db: Queryable, surveyId: number): Promise<{ submitted: number; excluded: number }> {
  const [row] = await db.query<{ submitted: number | string; excluded: number | string }>(
    `select count(*) filter (where state = 'submitted') as submitted, count(*) filter (where state = 'excluded') as excluded
       from survey_response where survey_id = $1`,
    [surveyId],
  );
  return { submitted: Number(row!.submitted), excluded: Number(row!.excluded) };
}

export async function countCodeFailures(db: Queryable, ip: string, since: Date): Promise<number> {
  const [row] = await db.query<{ n: number | string }>("select count(*) as n from survey_code_attempt where ip = $1 and at > $2", [ip, since]);
  return Number(row!.n);
}

export async function recordCodeFailure(db: Queryable, ip: string, at: Date): Promise<void> {
  await db.query("insert into survey_code_attempt (ip, at) values ($1, $2)", [ip, at]);
}
