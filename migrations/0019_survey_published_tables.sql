-- Published survey results as stored snapshots (issue #8 §1, §3 publication).
-- A published table is what a reader saw: the plan's printed tables
-- (source 'printed', transcribed from the plan) and the crosstabs the
-- analysis module publishes (source 'computed'). Both live in these tables,
-- so the portal, open data and the initiative pages read one shape:
--   survey_published_table     one table: a question (rows) by an attribute
--                              (columns, e.g. age band) or a simple tally
--   survey_published_category  the rows' and columns' categories in order,
--                              with their labels as published and n
--   survey_published_cell      the counts, totals included as published
--   survey_headline            figures the report states in its text (「506人中420人で
--                              約83%」), as references to cells: the page computes
--                              them from the stored table; the stated percent is
--                              kept to check the computation against the print
--   survey_question_group      the questionnaire's groups and their counts
--                              as the report states them (「…に関する設問：3問」)
--   survey_finding             the findings (課題①②③) drawn from the survey
--   survey_finding_table       which tables a finding rests on
--   survey_finding_initiative  which of a plan's initiatives answer a finding
--   survey_reading             places where the stored text is a reading of
--                              the printed text (a transcription artefact
--                              corrected), kept until the secretariat confirms
--   survey_source              where a survey came from (the plan and the
--                              data file's digest, for idempotent re-imports)
-- Snapshots, not views over survey_answer: a published figure never changes
-- when answers are re-imported or corrected; republishing writes new rows.

create table survey_published_table (
  id integer generated always as identity primary key,
  survey_id integer not null references survey (id) on delete cascade,
  -- Stable address part and open-data key: q1-by-age
  key text not null check (key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  position integer not null,
  -- As printed: ①; NULL when the report gives none.
  number text,
  title text not null check (title <> ''),
  -- The question as asked, and its code in survey_definition when known.
  question_code text,
  question_text text not null check (question_text <> ''),
  -- single: rows are exclusive, a column's cells sum to its total.
  -- multiple: rows are options chosen; the column total is the number of
  -- respondents (the base for %), not the sum of the cells.
  kind text not null check (kind in ('single', 'multiple')),
  row_title text,
  -- Column dimension: a respondent attribute (age_band, area, sex,
  -- occupation) or any other question; NULL for a simple tally (one column).
  column_attribute text,
  column_question_code text,
  column_title text,
  -- What a count counts: 人, 件.
  unit text not null default '人' check (unit <> ''),
  -- Weighted counts are numeric (raking); unweighted are whole numbers.
  weighted boolean not null default false,
  source text not null check (source in ('printed', 'computed')),
  -- The definition the computed table was tallied against.
  definition_version integer,
  -- e.g. 「この設問の数値は計画書の本文に掲載されていません」 for a question the
  -- report shows only as a chart: such a table has categories or none, and no cells.
  note text,
  published_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  unique (survey_id, key),
  foreign key (survey_id, definition_version) references survey_definition (survey_id, version)
);
create index survey_published_table_survey on survey_published_table (survey_id, position);

create table survey_published_category (
  table_id integer not null references survey_published_table (id) on delete cascade,
  axis text not null check (axis in ('row', 'column')),
  -- The option code in the definition (NA = 無回答; see definition.ts).
  code text not null check (code ~ '^[A-Za-z0-9_]{1,32}$'),
  -- The label as published (the two printed tables spell 20～29歳 and
  -- 20歳～29歳 for the same band: each keeps its own).
  label text not null check (label <> ''),
  position integer not null,
  -- Respondents (unweighted) in this category when published; for weighted
  -- tables this is the n beside the weighted figures.
  n integer check (n >= 0),
  primary key (table_id, axis, code),
  unique (table_id, axis, position)
);

create table survey_published_cell (
  table_id integer not null references survey_published_table (id) on delete cascade,
  -- NULL row_code = the column's total (合計 row); NULL column_code = the
  -- row's total (合計 column); both NULL = the grand total. Totals are kept
  -- as published so a printed total can be checked against its cells.
  row_code text,
  column_code text,
  -- NULL only when suppressed (a small cell not published); never 0 for "no value".
  count numeric check (count >= 0),
  suppressed boolean not null default false,
  check ((count is null) = suppressed)
);
create unique index survey_published_cell_key on survey_published_cell (table_id, coalesce(row_code, ''), coalesce(column_code, ''));

create table survey_headline (
  survey_id integer not null references survey (id) on delete cascade,
  position integer not null,
  table_id integer not null references survey_published_table (id) on delete cascade,
  -- The cell counted (NULL = the total, as in survey_published_cell) …
  row_code text,
  column_code text,
  -- … out of this base cell (usually the column's total).
  base_row_code text,
  base_column_code text,
  -- What is counted, in the report's words: 「インターネットを利用している」
  label text not null check (label <> ''),
  -- The percent as the report states it (83 for 「約83%」); NULL when it states none.
  stated_percent numeric,
  primary key (survey_id, position)
);

create table survey_question_group (
  survey_id integer not null references survey (id) on delete cascade,
  position integer not null,
  title text not null check (title <> ''),
  question_count integer not null check (question_count > 0),
  primary key (survey_id, position)
);

create table survey_finding (
  id integer generated always as identity primary key,
  survey_id integer not null references survey (id) on delete cascade,
  -- 課題① = 1
  number integer not null check (number > 0),
  title text not null check (title <> ''),
  -- The report's reasoning that leads to the finding, as printed.
  body text not null,
  unique (survey_id, number)
);

create table survey_finding_table (
  finding_id integer not null references survey_finding (id) on delete cascade,
  table_id integer not null references survey_published_table (id) on delete cascade,
  primary key (finding_id, table_id)
);

-- By plan and initiative number (the natural key that survives revisions,
-- decision 010), not by initiative id.
create table survey_finding_initiative (
  finding_id integer not null references survey_finding (id) on delete cascade,
  plan_id integer not null references plan (id) on delete cascade,
  initiative_number integer not null check (initiative_number > 0),
  position integer not null,
  -- true when the plan does not state the link in so many words.
  assumed boolean not null,
  note text,
  primary key (finding_id, plan_id, initiative_number)
);
create index survey_finding_initiative_plan on survey_finding_initiative (plan_id, initiative_number);

create table survey_reading (
  survey_id integer not null references survey (id) on delete cascade,
  key text not null check (key <> ''),
  -- Where in the survey's text: e.g. 「課題② 本文」
  place text not null,
  printed text not null,
  reading text not null,
  note text,
  confirmed_at timestamptz,
  confirmed_by integer references app_user (id),
  primary key (survey_id, key)
);

create table survey_source (
  survey_id integer primary key references survey (id) on delete cascade,
  -- The plan whose chapter reports the survey (NULL for a survey run in the product).
  plan_id integer references plan (id) on delete set null,
  place text,
  -- SHA-256 of the validated survey data file: the same content again changes nothing.
  content_digest text not null,
  imported_at timestamptz not null default now()
);
