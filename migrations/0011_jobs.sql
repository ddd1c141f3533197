-- A small job queue every process can use (decision 017): a row per job,
-- claimed with SELECT … FOR UPDATE SKIP LOCKED so two workers never take the
-- same one, held under a lease (locked_until) so that the job of a process
-- that died is taken again once the lease runs out, retried with a growing
-- delay (run_after) until max_attempts. Progress is written by the worker
-- for the pages that show it.
create table job (
  id bigint generated always as identity primary key,
  kind text not null,
  municipality_id integer references municipality (id),
  payload jsonb not null default '{}'::jsonb,
  -- At most one queued or running job per key (e.g. one build of one document).
  dedupe_key text,
  state text not null default 'queued' check (state in ('queued', 'running', 'done', 'failed')),
  attempts integer not null default 0,
  max_attempts integer not null default 3 check (max_attempts >= 1),
  run_after timestamptz not null default now(),
  locked_by text,
  locked_until timestamptz,
  progress integer not null default 0 check (progress between 0 and 100),
  progress_label text,
  error text,
  requested_by_label text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz not null default now()
);
create index job_due on job (run_after, id) where state in ('queued', 'running');
create unique index job_one_active_per_key on job (kind, dedupe_key) where state in ('queued', 'running') and dedupe_key is not null;
create index job_municipality on job (municipality_id, created_at desc);

-- Finished documents (decision 016): the PDF as built, with the digest of
-- the content it was built from. A build is kept until that content changes;
-- a newer build of the same document replaces it.
create table document_build (
  id integer generated always as identity primary key,
  municipality_id integer not null references municipality (id),
  plan_id integer not null references plan (id) on delete cascade,
  kind text not null check (kind in ('annual_report', 'plan_document')),
  -- The evaluated year of an annual report; null for the plan document.
  fiscal_year integer,
  draft boolean not null default false,
  content_digest text not null,
  pdf bytea not null,
  page_count integer not null,
  byte_size integer not null,
  build_ms integer not null,
  job_id bigint references job (id) on delete set null,
  built_at timestamptz not null default now(),
  check ((kind = 'plan_document') = (fiscal_year is null))
);
create unique index document_build_one_per_document
  on document_build (municipality_id, plan_id, kind, coalesce(fiscal_year, 0), draft);
