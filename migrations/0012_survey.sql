-- Citizen surveys (市民アンケート・市民意識調査), per municipality. The shared
-- core that the survey's parts build on (issue #8):
--   survey             one survey: what the published report says about it
--   survey_definition  its questionnaire, versioned (sections, questions,
--                      options, respondent attributes, codebook) as a JSON
--                      document validated by src/modules/survey/domain/definition.ts
--   survey_response    one respondent's response (online, paper or imported)
--   survey_answer      the answers, one row per question and chosen option,
--                      so that a crosstab of any question by any other is a
--                      self-join on response_id computed in PostgreSQL
-- The sample (who was sent a letter) and its codes live in their own tables
-- (a later migration), apart from the answers, so that the link between a
-- code and a person can be destroyed after fieldwork and the answers stay.
-- "No answer" and "invalid" are explicit option codes (NA, INVALID), never a
-- missing row; a missing row means the question was not shown or not reached.

create table survey (
  id integer generated always as identity primary key,
  municipality_id integer not null references municipality (id),
  -- Stable address part: /{lg}/surveys/{code}
  code text not null check (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  title text not null check (title <> ''),
  -- 調査の目的・対象・方法 as printed; NULL when not stated.
  purpose text,
  population text,
  method text,
  sample_size integer check (sample_size > 0),
  period_start date,
  period_end date check (period_end >= period_start),
  -- As published (506); NULL for a survey still running. The count of rows
  -- in survey_response is what analysis uses.
  published_response_count integer check (published_response_count >= 0),
  published_response_rate text,
  state text not null default 'draft' check (state in ('draft', 'fieldwork', 'closed', 'published')),
  copied_from_survey_id integer references survey (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (municipality_id, code)
);

create table survey_definition (
  survey_id integer not null references survey (id) on delete cascade,
  version integer not null check (version > 0),
  definition jsonb not null,
  created_at timestamptz not null default now(),
  created_by integer references app_user (id),
  primary key (survey_id, version)
);

create table survey_response (
  id bigint generated always as identity primary key,
  survey_id integer not null references survey (id) on delete cascade,
  definition_version integer not null,
  channel text not null check (channel in ('online', 'paper', 'imported')),
  state text not null default 'submitted' check (state in ('in_progress', 'submitted')),
  -- Raking weight (NULL = not weighted); see the analysis module.
  weight numeric check (weight > 0),
  -- An identifier from an imported respondent-level file, kept for re-imports.
  external_id text,
  submitted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (survey_id, definition_version) references survey_definition (survey_id, version),
  unique (survey_id, external_id)
);
create index survey_response_survey on survey_response (survey_id, state);

create table survey_answer (
  response_id bigint not null references survey_response (id) on delete cascade,
  -- Repeated from the response so the crosstab reads one index per question.
  survey_id integer not null,
  question_code text not null,
  -- Choice questions: the chosen option's code (one row per option chosen;
  -- NA = 無回答, INVALID = 無効回答). Other questions: '' .
  option_code text not null default '',
  numeric_value numeric,
  -- Free text, and the text written beside 「その他」. Never published.
  text_value text,
  primary key (survey_id, question_code, option_code, response_id)
);
create index survey_answer_response on survey_answer (response_id);
