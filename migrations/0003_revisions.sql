-- Revisions of a plan (計画の見直し). A revision is a full snapshot of the plan
-- in the plan-file format (src/modules/plan/plan-file-schema.ts), so any two
-- can be compared without reconstructing history from row changes. The plan
-- tables of 0001 always hold the current PUBLISHED revision, materialised in
-- place (rows keep their ids: PDCA reports will reference them).
--
-- Published revisions are never changed or deleted: the public change history
-- and its comparisons rely on it. A draft is edited in place under optimistic
-- concurrency (lock_version) and is either published or discarded.

create table plan_revision (
  id integer generated always as identity primary key,
  plan_id integer not null references plan (id) on delete cascade,
  -- 第1版, 第2版, … within one plan. A discarded draft frees its number, so
  -- published numbers have no gaps.
  number integer not null check (number > 0),
  status text not null check (status in ('draft', 'published')),
  content jsonb not null,
  reason text,
  -- Bumped by every save of a draft; a save naming an older value is refused.
  lock_version integer not null default 1,
  -- The user is null for the system (a plan file import); the label is
  -- readable on its own and is what the public change history shows.
  created_by_user_id integer references app_user (id),
  created_by_label text not null check (created_by_label <> ''),
  created_at timestamptz not null default now(),
  published_by_user_id integer references app_user (id),
  published_by_label text,
  published_at timestamptz,
  unique (plan_id, number),
  check (status = 'draft' or (reason is not null and btrim(reason) <> ''
                               and published_by_label is not null and published_at is not null))
);

-- At most one draft per plan: two secretariat members cannot revise the plan
-- in two directions at once.
create unique index plan_revision_one_draft on plan_revision (plan_id) where status = 'draft';
