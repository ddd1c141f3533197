-- Finishing the survey's fieldwork (issue #8 §2), on top of 0012 and 0020:
--   survey.contact          お問い合わせ先 printed on the letters (担当課・電話・メール), NULL when not set
--   survey.answer_deadline  the date residents are asked to answer by, printed on the letters;
--                           within the survey period when both are set
--   survey_response.state   'excluded': a code answered both online and on paper counts once; the
--                           secretariat chooses which response counts and the other is kept but
--                           excluded. Analysis reads state = 'submitted' only, so it drops out of
--                           every crosstab, weight and export without a change there.
alter table survey add column contact text check (contact <> '');
alter table survey add column answer_deadline date;
alter table survey add constraint survey_answer_deadline_in_period
  check (answer_deadline is null or ((period_start is null or answer_deadline >= period_start)
                                     and (period_end is null or answer_deadline <= period_end)));

alter table survey_response drop constraint survey_response_state_check;
alter table survey_response add constraint survey_response_state_check
  check (state in ('in_progress', 'submitted', 'excluded'));
-- Who chose, and when, for an excluded response (NULL otherwise).
alter table survey_response add column excluded_at timestamptz;
alter table survey_response add column excluded_by integer references app_user (id);
