/**
 * The choice vector of each response (survey_response.choices, migration
 * 0022, decision 033): the crosstab's input, derived from survey_answer.
 * Every statement that writes answers calls refreshResponseChoices for those
 * responses in the same transaction, so the vector never disagrees with the
 * answers it is built from. choices[slot] holds the response's option codes
 * for the question at that slot, in code order, space-separated; NULL when
 * the response has no answer row for it.
 */
import type { Queryable } from "../../../../core/db/database.ts";

/**
 * The vector of one response (r), built from its answer rows (one index scan
 * of survey_answer_response, grouped by question) and the survey's slots.
 */
const VECTOR = `(select coalesce(array_agg(c.codes order by s.slot), '{}')
                   from survey_choice_slot s
                   left join (select a.question_code, string_agg(a.option_code, ' ' order by a.option_code) as codes
                                from survey_answer a
                               where a.response_id = r.id and a.option_code <> ''
                               group by a.question_code) c on c.question_code = s.question_code
                  where s.survey_id = r.survey_id)`;

/**
 * Gives every choice question answered by these responses a slot (new ones
 * after the survey's last), then rebuilds the responses' vectors.
 */
export async function refreshResponseChoices(tx: Queryable, surveyId: number, responseIds: readonly (number | string)[]): Promise<void> {
  if (responseIds.length === 0) return;
  await addSlots(tx, surveyId, responseIds);
  await tx.query(`update survey_response r set choices = ${VECTOR} where r.survey_id = $1 and r.id = any($2::bigint[])`, [surveyId, responseIds]);
}

/**
 * Slots for the choice questions in the selected answer rows that have none.
 * Numbering takes the max so far, so two transactions adding slots to one
 * survey are serialised by a lock on the survey's row, taken only when a
 * question is new (the first answers to it), not on every save.
 */
async function addSlots(tx: Queryable, surveyId: number, responseIds: readonly (number | string)[]): Promise<void> {
  const missing = `select distinct a.question_code from survey_answer a
                    where a.response_id = any($2::bigint[]) and a.option_code <> ''
                      and not exists (select 1 from survey_choice_slot s where s.survey_id = $1 and s.question_code = a.question_code)`;
  const [any] = await tx.query<{ n: number }>(`select count(*)::int as n from (${missing}) m`, [surveyId, responseIds]);
  if (!any?.n) return;
  await tx.query("select id from survey where id = $1 for update", [surveyId]);
  await tx.query(
    `insert into survey_choice_slot (survey_id, question_code, slot)
     select $1, m.question_code, (select coalesce(max(slot), 0) from survey_choice_slot where survey_id = $1) + row_number() over (order by m.question_code)
       from (${missing}) m`,
    [surveyId, responseIds],
  );
}
