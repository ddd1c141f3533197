-- Publishing to citizens (issue #6): corrections of published results, the
-- municipality's profile shown in every public page's footer, the plan's
-- adoption date, and the secretariat's confirmations of transcription
-- readings. See docs/decisions/019-publishing-corrections-and-readings.md.

-- A published result corrected (訂正) by the secretariat, with its reason.
-- Append-only like report_event: the public page shows every correction with
-- its date and the value it replaced, so nothing published disappears silently.
create table result_correction (
  id integer generated always as identity primary key,
  report_id integer not null references initiative_report (id),
  corrected_at timestamptz not null default now(),
  reason text not null check (btrim(reason) <> ''),
  -- Only the fields that changed: {"grade": "B", "gradeReasons": "…", "kpi": {"12": {"value": "25", …}}}.
  before jsonb not null,
  after jsonb not null,
  actor_user_id integer references app_user (id),
  actor_label text not null
);
create index result_correction_report on result_correction (report_id, id);

create function result_correction_refuse_change() returns trigger
language plpgsql as $$
begin
  raise exception '評価結果の訂正の記録（result_correction）は追記のみです。%は許可されていません', tg_op
    using errcode = 'insufficient_privilege';
end;
$$;

create trigger result_correction_append_only
  before update or delete on result_correction
  for each row execute function result_correction_refuse_change();

-- The contact for the plan and the city's own site, edited by the secretariat.
-- NULL = not given (the footer leaves the line out).
create table municipality_profile (
  municipality_id integer primary key references municipality (id),
  division text,
  phone text check (phone ~ '^0[0-9]{1,4}-[0-9]{1,4}-[0-9]{3,4}$'),
  email text check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  address text,
  site_url text check (site_url ~ '^https?://'),
  -- The plan's adoption (策定) day or month as shown publicly; NULL = the plan file's.
  plan_adopted_on text check (plan_adopted_on ~ '^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$'),
  updated_at timestamptz not null default now(),
  updated_by_label text not null
);

-- The adoption (策定) as the plan file gives it (optional `adoptedOn`): a day
-- "YYYY-MM-DD", or a month "YYYY-MM" where only the month is printed.
alter table plan add column adopted_on text check (adopted_on ~ '^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$');

-- A transcription reading (an item the plan file marks `assumed`) that the
-- secretariat has checked against the printed plan. Keyed by the natural key
-- that survives revisions (decision 010): "schedule:<initiative>:<row label>",
-- "priority:<code>", "data-utilization:<number>". The note read at the time is
-- kept: if a later revision changes the reading, it is no longer confirmed.
create table reading_confirmation (
  plan_id integer not null references plan (id) on delete cascade,
  item_key text not null,
  note text,
  confirmed_at timestamptz not null default now(),
  confirmed_by_user_id integer references app_user (id),
  confirmed_by_label text not null,
  primary key (plan_id, item_key)
);
