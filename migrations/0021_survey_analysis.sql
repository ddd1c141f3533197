-- Survey analysis (issue #8 §3–4): the crosstab (analysis/repository/
-- analysis-queries.ts) joins a question's answer rows to the grouping
-- question's on response_id and to survey_response for state and weight.
-- The answers are read through survey_answer's primary key (survey_id,
-- question_code, …, response_id): index-only once vacuumed. This index lets
-- the response side be read the same way (id, state and weight without the
-- table), which matters at a million respondents (bench/survey.ts).
create index survey_response_analysis on survey_response (survey_id, state, id) include (weight);
