-- Public pages are cached per municipality (src/modules/portal/page-cache.ts)
-- until something a citizen can see changes. A plan's own changes bump
-- plan.updated_at; everything else shown publicly (published yearly results,
-- for instance) bumps this stamp through markPublicContentChanged().
alter table municipality add column public_changed_at timestamptz not null default now();
