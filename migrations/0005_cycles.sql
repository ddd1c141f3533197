-- The yearly PDCA cycle (計画 §6 進行管理; issue #3 §4–§6). See
-- docs/decisions/011-pdca-cycle.md.
--
-- A cycle is one fiscal year's self-evaluation of a plan: the secretariat
-- opens it with three deadlines, every initiative gets one report, and each
-- report moves through the states of src/modules/cycle/domain/report-workflow.ts.
-- Reports hang off initiative and KPI ids, which survive plan revisions
-- (decision 010); the foreign keys below do not cascade, so a revision cannot
-- silently delete an initiative or a KPI that has been reported on.
-- Dates are `date` (deadlines, as-of dates): a deadline is a day in Japan, not an instant.

create table evaluation_cycle (
  id integer generated always as identity primary key,
  municipality_id integer not null references municipality (id),
  plan_id integer not null references plan (id),
  -- The fiscal year being evaluated (its results are reported), as its starting Western year.
  fiscal_year integer not null,
  status text not null default 'open' check (status in ('open', 'closed')),
  opened_at timestamptz not null default now(),
  opened_by_user_id integer references app_user (id),
  opened_by_label text not null check (opened_by_label <> ''),
  -- Divisions submit by report_due, the secretariat checks by review_due, the committee meets by committee_due.
  report_due date not null,
  review_due date not null,
  committee_due date not null,
  unique (plan_id, fiscal_year),
  check (report_due <= review_due and review_due <= committee_due)
);
create index evaluation_cycle_municipality on evaluation_cycle (municipality_id, fiscal_year);

-- 「関係各課」「各システム担当課」 of an initiative, as the secretariat resolved
-- them. 「全部局」 needs no rows: it means every division of the municipality.
create table initiative_collective_division (
  initiative_id integer not null references initiative (id) on delete cascade,
  kind text not null check (kind in ('related_divisions', 'system_divisions')),
  division_id integer not null references division (id),
  primary key (initiative_id, kind, division_id)
);
create index initiative_collective_division_division on initiative_collective_division (division_id);

create table initiative_report (
  id integer generated always as identity primary key,
  cycle_id integer not null references evaluation_cycle (id),
  initiative_id integer not null references initiative (id),
  -- The division that writes and submits the report: the first listed
  -- responsible division, or, when that is a collective (「全部局」 …), the
  -- one the secretariat designates (default: the first listed division).
  lead_division_id integer references division (id),
  state text not null default 'draft'
    check (state in ('draft', 'head_approved', 'submitted', 'returned', 'in_review', 'finalised', 'published')),
  -- Bumped by every save and every change of state: a save or an action
  -- naming an older value is refused (optimistic concurrency).
  lock_version integer not null default 1,
  -- PLAN: the year's plan and the confirmation of the year's targets.
  plan_text text,
  targets_confirmed boolean not null default false,
  -- CHECK: the division's self-evaluation.
  self_grade text check (self_grade in ('S', 'A', 'B', 'C')),
  grade_reasons text,
  -- ACTION: 課題, 改善策 and the next year's plan.
  issues text,
  improvement_measures text,
  next_year_plan text,
  -- The CIO's grade, when it differs from the self-grade; the self-grade is kept.
  cio_grade text check (cio_grade in ('S', 'A', 'B', 'C')),
  cio_grade_reason text,
  updated_at timestamptz not null default now(),
  updated_by_user_id integer references app_user (id),
  updated_by_label text,
  unique (cycle_id, initiative_id),
  -- The rules of the CHECK form, enforced here too: a grade needs its
  -- reasons; B or C also needs the issues and the improvement measures.
  check (self_grade is null or grade_reasons is not null),
  check (self_grade is null or self_grade in ('S', 'A') or (issues is not null and improvement_measures is not null)),
  check ((cio_grade is null) = (cio_grade_reason is null))
);
create index initiative_report_initiative on initiative_report (initiative_id);
create index initiative_report_lead on initiative_report (lead_division_id);

-- DO: what was done, dated, by whichever responsible division did it.
create table report_do_entry (
  id integer generated always as identity primary key,
  report_id integer not null references initiative_report (id),
  entry_date date not null,
  body text not null check (btrim(body) <> ''),
  division_id integer references division (id),
  created_by_user_id integer references app_user (id),
  created_by_label text not null,
  created_at timestamptz not null default now()
);
create index report_do_entry_report on report_do_entry (report_id, entry_date);

-- The year's actual of each KPI. NULL is "not reported yet", never 0. For a
-- cumulative (累計) KPI the value is the running total.
create table report_kpi_actual (
  report_id integer not null references initiative_report (id),
  kpi_id integer not null references kpi (id),
  actual_value numeric check (actual_value >= 0),
  as_of date,
  source text,
  primary key (report_id, kpi_id),
  check (actual_value is null or (as_of is not null and source is not null))
);
create index report_kpi_actual_kpi on report_kpi_actual (kpi_id);

-- A co-responsible division's part of the report, written inside it.
create table report_contribution (
  report_id integer not null references initiative_report (id),
  division_id integer not null references division (id),
  body text not null,
  updated_by_user_id integer references app_user (id),
  updated_by_label text not null,
  updated_at timestamptz not null default now(),
  primary key (report_id, division_id)
);

-- The history of a report: every change of state, every comment and every
-- change of grade. Append-only, so a returned report's history is never lost.
create table report_event (
  id bigint generated always as identity primary key,
  report_id integer not null references initiative_report (id),
  action text not null,
  from_state text,
  to_state text,
  comment text,
  actor_user_id integer references app_user (id),
  actor_label text not null,
  -- The role the actor acted in (shown publicly for comments instead of a name).
  actor_role text,
  at timestamptz not null default now()
);
create index report_event_report on report_event (report_id, id);

create function report_event_refuse_change() returns trigger
language plpgsql as $$
begin
  raise exception '報告の履歴（report_event）は追記のみです。%は許可されていません', tg_op
    using errcode = 'insufficient_privilege';
end;
$$;

create trigger report_event_append_only
  before update or delete on report_event
  for each row execute function report_event_refuse_change();

-- Deadline reminders already sent: at most one per cycle, division and day
-- (Japan time), however often the timer runs and however many processes run it.
create table reminder_sent (
  cycle_id integer not null references evaluation_cycle (id),
  division_id integer not null references division (id),
  sent_on date not null,
  days_before integer not null,
  reports integer not null,
  sent_at timestamptz not null default now(),
  primary key (cycle_id, division_id, sent_on)
);
