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

/** The vector of one response, built from its answer rows and the survey's slots. */
const VECTOR = `array(select (select string_agg(a.option_code, ' ' order by a.option_code)
                                from survey_answer a
                               where a.response_id = r.id and a.question_code = s.question_code and a.option_code <> '')
                        from survey_choice_slot s
                       where s.survey_id = r.survey_id
                       order by s.slot)`;

/**
 * Gives every choice question answered by these responses a slot (new ones
 * after the survey's last), then rebuilds the responses' vectors.
 */
export async function refreshResponseChoices(tx: Queryable, surveyId: number, responseIds: readonly (number | string)[]): Promise<void> {
  if (responseIds.length === 0) return;
  await addSlots(tx, surveyId, "response_id = any($2::bigint[])", [responseIds]);
  await tx.query(`update survey_response r set choices = ${VECTOR} where r.survey_id = $1 and r.id = any($2::bigint[])`, [surveyId, responseIds]);
}

/**
 * Rebuilds the vectors of a whole survey set-based (one pass over its
 * answers, not a look-up per response and question): for a bulk load.
 */
export async function rebuildSurveyChoices(tx: Queryable, surveyId: number): Promise<void> {
  await addSlots(tx, surveyId, "survey_id = $1", []);
  await tx.query(
    `update survey_response r set choices = v.choices
       from (select x.id, array_agg(c.codes order by s.slot) as choices
               from survey_response x
               join survey_choice_slot s on s.survey_id = x.survey_id
               left join (select response_id, question_code, string_agg(option_code, ' ' order by option_code) as codes
                            from survey_answer
                           where survey_id = $1 and option_code <> ''
                           group by response_id, question_code) c on c.response_id = x.id and c.question_code = s.question_code
              where x.survey_id = $1
              group by x.id) v
      where r.id = v.id`,
    [surveyId],
  );
}

/**
 * Slots for the choice questions in the selected answer rows that have none.
 * Numbering takes the max so far, so two transactions adding slots to one
 * survey are serialised by a lock on the survey's row, taken only when a
 * question is new (the first answers to it), not on every save.
 */
async function addSlots(tx: Queryable, surveyId: number, answers: string, params: unknown[]): Promise<void> {
  const missing = `select distinct a.question_code from survey_answer a
                    where a.${answers} and a.option_code <> ''
                      and not exists (select 1 from survey_choice_slot s where s.survey_id = $1 and s.question_code = a.question_code)`;
  const [any] = await tx.query<{ n: number }>(`select count(*)::int as n from (${missing}) m`, [surveyId, ...params]);
  if (!any?.n) return;
  await tx.query("select id from survey where id = $1 for update", [surveyId]);
  await tx.query(
    `insert into survey_choice_slot (survey_id, question_code, slot)
     select $1, m.question_code, (select coalesce(max(slot), 0) from survey_choice_slot where survey_id = $1) + row_number() over (order by m.question_code)
       from (${missing}) m`,
    [surveyId, ...params],
  );
}
