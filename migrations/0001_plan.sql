-- The plan as data. Every row belongs to one municipality, reached through
-- its plan; queries always start from the municipality (see
-- src/modules/plan/plan-repository.ts), so nothing crosses municipalities.
-- "No value" is NULL everywhere and never 0. Numbers from the plan are
-- numeric so that their printed scale survives (38.0 stays 38.0).

create table municipality (
  id integer generated always as identity primary key,
  -- 全国地方公共団体コード: 6 digits including the check digit.
  lg_code char(6) not null unique check (lg_code ~ '^[0-9]{6}$'),
  name text not null check (name <> ''),
  prefecture text,
  created_at timestamptz not null default now()
);

create table plan (
  id integer generated always as identity primary key,
  municipality_id integer not null references municipality (id),
  code text not null check (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  title text not null,
  subtitle text,
  goal text not null,
  start_fiscal_year integer not null,
  end_fiscal_year integer not null check (end_fiscal_year >= start_fiscal_year),
  source_title text not null,
  source_note text,
  evaluation_history_title text,
  -- The public portal shows the municipality's current plan.
  is_current boolean not null default false,
  -- SHA-256 of the imported file's canonical content: importing the same
  -- content again changes nothing (not even updated_at).
  content_digest text not null,
  -- Bumped on every change; the portal's cache and the catalog's
  -- "last update" read it.
  updated_at timestamptz not null default now(),
  unique (municipality_id, code)
);
create unique index plan_one_current on plan (municipality_id) where is_current;

create table phase_legend (
  plan_id integer not null references plan (id) on delete cascade,
  phase text not null check (phase in ('study', 'implement', 'expand')),
  label text not null,
  description text not null,
  primary key (plan_id, phase)
);

create table grade_definition (
  plan_id integer not null references plan (id) on delete cascade,
  grade text not null check (grade in ('S', 'A', 'B', 'C')),
  definition text not null,
  primary key (plan_id, grade)
);

create table policy (
  id integer generated always as identity primary key,
  plan_id integer not null references plan (id) on delete cascade,
  number integer not null check (number > 0),
  title text not null,
  unique (plan_id, number)
);

create table policy_outcome (
  policy_id integer not null references policy (id) on delete cascade,
  position integer not null,
  statement text not null,
  description text not null,
  primary key (policy_id, position)
);

-- The organisation registry: divisions (課) of a municipality. Bureaus and
-- membership come with accounts (issue #3).
create table division (
  id integer generated always as identity primary key,
  municipality_id integer not null references municipality (id),
  name text not null check (name <> ''),
  unique (municipality_id, name)
);

create table initiative (
  id integer generated always as identity primary key,
  plan_id integer not null references plan (id) on delete cascade,
  policy_id integer not null references policy (id) on delete cascade,
  number integer not null check (number > 0),
  title text not null,
  is_new boolean not null,
  unique (plan_id, number)
);
create index initiative_policy on initiative (policy_id);

-- 「全部局」「関係各課」「各システム担当課」 are kinds, not division names.
create table initiative_division (
  initiative_id integer not null references initiative (id) on delete cascade,
  position integer not null,
  kind text not null check (kind in ('division', 'all_bureaus', 'related_divisions', 'system_divisions')),
  division_id integer references division (id),
  unit text,
  note text,
  primary key (initiative_id, position),
  check ((kind = 'division') = (division_id is not null))
);
create index initiative_division_division on initiative_division (division_id);

create table initiative_text (
  initiative_id integer not null references initiative (id) on delete cascade,
  kind text not null check (kind in ('content', 'goal')),
  position integer not null,
  body text not null,
  primary key (initiative_id, kind, position)
);

create table schedule_row (
  id integer generated always as identity primary key,
  initiative_id integer not null references initiative (id) on delete cascade,
  position integer not null,
  label text not null,
  -- True when a phase is a reading of the printed layout, for the secretariat to check.
  assumed boolean not null default false,
  note text,
  unique (initiative_id, position)
);

-- A missing (row, year) means no phase that year.
create table schedule_phase (
  schedule_row_id integer not null references schedule_row (id) on delete cascade,
  fiscal_year integer not null,
  phase text not null check (phase in ('study', 'implement', 'expand')),
  primary key (schedule_row_id, fiscal_year)
);

create table kpi (
  id integer generated always as identity primary key,
  initiative_id integer not null references initiative (id) on delete cascade,
  position integer not null,
  code text,
  label text not null,
  unit text not null,
  direction text not null check (direction in ('higher', 'lower', 'keep')),
  cumulative boolean not null default false,
  -- baseline_fiscal_year null: no baseline printed. baseline_value null with a
  -- year: printed as － (no value) for that year.
  baseline_fiscal_year integer,
  baseline_value numeric,
  baseline_note text,
  note text,
  unique (initiative_id, position),
  check (baseline_value is null or baseline_fiscal_year is not null)
);

-- One row per fiscal year of the plan period; value null = — (no target).
create table kpi_target (
  kpi_id integer not null references kpi (id) on delete cascade,
  fiscal_year integer not null,
  value numeric,
  primary key (kpi_id, fiscal_year)
);

create table glossary_term (
  id integer generated always as identity primary key,
  plan_id integer not null references plan (id) on delete cascade,
  position integer not null,
  term text not null,
  section text not null check (section in ('alphabet', 'kana')),
  description text not null,
  aliases text[] not null default '{}',
  unique (plan_id, term)
);

-- 図表2: the national 自治体DX推進計画's items.
create table national_priority_item (
  id integer generated always as identity primary key,
  plan_id integer not null references plan (id) on delete cascade,
  position integer not null,
  code text not null,
  group_label text not null,
  title text not null,
  assumed boolean not null default false,
  note text,
  unique (plan_id, code)
);

create table national_priority_initiative (
  item_id integer not null references national_priority_item (id) on delete cascade,
  initiative_id integer not null references initiative (id) on delete cascade,
  primary key (item_id, initiative_id)
);

-- 図表5: the five measures of the data-utilization law (官民データ活用推進基本法).
create table data_utilization_measure (
  id integer generated always as identity primary key,
  plan_id integer not null references plan (id) on delete cascade,
  number integer not null,
  measure text not null,
  plan_action text not null,
  assumed boolean not null default false,
  note text,
  unique (plan_id, number)
);

create table data_utilization_initiative (
  measure_id integer not null references data_utilization_measure (id) on delete cascade,
  initiative_id integer not null references initiative (id) on delete cascade,
  primary key (measure_id, initiative_id)
);

-- 図表10: the previous plan's self-evaluation, kept as printed history. The
-- yearly evaluation of this plan (issue #3) computes the same table from
-- finalised grades.
create table evaluation_history_year (
  plan_id integer not null references plan (id) on delete cascade,
  fiscal_year integer not null,
  total integer not null,
  note text,
  primary key (plan_id, fiscal_year)
);

create table evaluation_history_result (
  plan_id integer not null,
  fiscal_year integer not null,
  grade text not null check (grade in ('S', 'A', 'B', 'C')),
  count integer not null check (count >= 0),
  printed_percent integer not null check (printed_percent between 0 and 100),
  primary key (plan_id, fiscal_year, grade),
  foreign key (plan_id, fiscal_year) references evaluation_history_year (plan_id, fiscal_year) on delete cascade
);

-- Results of the automated accessibility check (npm run cli -- check-accessibility),
-- shown on the accessibility policy page.
create table accessibility_check (
  id integer generated always as identity primary key,
  checked_at timestamptz not null default now(),
  tool text not null,
  standard text not null,
  pages_checked integer not null,
  violations integer not null,
  details jsonb not null default '[]'
);
