-- Running a survey (issue #8 §2): the sample, its one-time codes, the
-- identity link kept apart, paper entries and online-code throttling.
-- Builds on 0012_survey.sql; nothing there is changed.
--
--   survey_fieldwork        per survey: double entry on/off, when the identity link was destroyed
--   survey_sample_member    one sampled resident: the one-time code and the stratum (age band, sex,
--                           area as option codes of the definition's attribute questions). No identity.
--   survey_sample_identity  the frame identifier of a member: the ONLY link between a code and a
--                           person. Deleted as a whole after fieldwork (destroySampleIdentities).
--   survey_member_response  which response came in under which code (online, paper): response rates
--                           by stratum and the online+paper duplicate check. Kept after the link is
--                           destroyed: a code then names nobody.
--   survey_paper_entry      a paper questionnaire keyed in (entry 1, and entry 2 by another person
--                           when double entry is on), before it becomes a response.
--   survey_code_attempt     failed code look-ups per client address: the guessing throttle.

create table survey_fieldwork (
  survey_id integer primary key references survey (id) on delete cascade,
  double_entry boolean not null default false,
  link_destroyed_at timestamptz,
  link_destroyed_by integer references app_user (id)
);

create table survey_sample_member (
  id bigint generated always as identity primary key,
  survey_id integer not null references survey (id) on delete cascade,
  -- Normalised (no hyphens, upper case): 11 characters and a check character.
  -- Unique across all surveys, so that the code alone finds its survey.
  code text not null unique check (code ~ '^[0-9A-HJKMNP-TV-Y]{12}$'),
  age_band text,
  sex text,
  area text,
  created_at timestamptz not null default now()
);
create index survey_sample_member_survey on survey_sample_member (survey_id);

create table survey_sample_identity (
  sample_member_id bigint primary key references survey_sample_member (id) on delete cascade,
  survey_id integer not null references survey (id) on delete cascade,
  frame_id text not null check (frame_id <> ''),
  unique (survey_id, frame_id)
);

create table survey_member_response (
  sample_member_id bigint not null references survey_sample_member (id) on delete cascade,
  response_id bigint not null references survey_response (id) on delete cascade,
  channel text not null check (channel in ('online', 'paper')),
  primary key (sample_member_id, response_id)
);
-- One online response per code (in progress or submitted); paper ones are checked against it.
create unique index survey_member_response_online on survey_member_response (sample_member_id) where channel = 'online';
create unique index survey_member_response_of on survey_member_response (response_id);

create table survey_paper_entry (
  id bigint generated always as identity primary key,
  survey_id integer not null references survey (id) on delete cascade,
  sample_member_id bigint not null references survey_sample_member (id) on delete cascade,
  entry_no integer not null check (entry_no in (1, 2)),
  -- The answers as keyed: [{questionCode, optionCode, numericValue, textValue}, …]
  answers jsonb not null,
  entered_by integer not null references app_user (id),
  entered_at timestamptz not null default now(),
  unique (sample_member_id, entry_no)
);

create table survey_code_attempt (
  id bigint generated always as identity primary key,
  ip text not null,
  at timestamptz not null default now()
);
create index survey_code_attempt_ip on survey_code_attempt (ip, at);

-- The letters PDF, printed by a background job (survey_letters; 1,300 letters
-- take longer than a request should). It shows every code, so it is deleted
-- with the identity link.
create table survey_letters (
  survey_id integer primary key references survey (id) on delete cascade,
  pdf bytea not null,
  letter_count integer not null,
  job_id bigint references job (id) on delete set null,
  built_at timestamptz not null default now()
);
