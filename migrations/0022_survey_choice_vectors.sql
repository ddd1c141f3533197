-- Crosstabs at a million respondents (issue #8 §4, decision 033): each
-- response carries its choice answers as one array, so that a crosstab of
-- any question by any other is one scan of survey_response (two array
-- subscripts a row), not a join of two questions' answer rows and the
-- responses. survey_answer stays the record of what was answered; the
-- array is derived from it by the repository in the same transaction that
-- writes the answers (analysis/repository/response-choices.ts).
--
--   survey_choice_slot       per survey, the array position of each question
--                            that has choice answers: 1, 2, 3 … in the order
--                            they were first answered; never renumbered, so
--                            a new questionnaire version only adds positions
--   survey_response.choices  choices[slot] = the option codes the respondent
--                            has in survey_answer for that question, in code
--                            order, separated by one space (codes are
--                            [A-Za-z0-9_]): '3', 'NA', '1 4' for a multiple
--                            choice; NULL = no answer row (not asked).

create table survey_choice_slot (
  survey_id integer not null references survey (id) on delete cascade,
  question_code text not null,
  slot integer not null check (slot > 0),
  primary key (survey_id, question_code),
  unique (survey_id, slot)
);

alter table survey_response add column choices text[] not null default '{}';

insert into survey_choice_slot (survey_id, question_code, slot)
select survey_id, question_code, row_number() over (partition by survey_id order by question_code)
  from (select distinct survey_id, question_code from survey_answer where option_code <> '') q;

-- The same vector as the repository builds (response-choices.ts).
update survey_response r
   set choices = (select coalesce(array_agg(c.codes order by s.slot), '{}')
                    from survey_choice_slot s
                    left join (select a.question_code, string_agg(a.option_code, ' ' order by a.option_code) as codes
                                 from survey_answer a
                                where a.response_id = r.id and a.option_code <> ''
                                group by a.question_code) c on c.question_code = s.question_code
                   where s.survey_id = r.survey_id)
 where exists (select 1 from survey_answer a where a.response_id = r.id and a.option_code <> '');
