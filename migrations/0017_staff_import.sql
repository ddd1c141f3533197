-- Account lifecycle (issue #7 §3, decision 027).
--
-- 1. An administrator's reset of a second factor obliges the person to enrol
--    again at their next sign-in, whatever their roles: an account whose
--    owner chose a second factor must not fall back to a password alone
--    because the phone was lost.
alter table app_user add column must_enrol_totp boolean not null default false;

-- 2. Staff CSV files for the April transfers (人事異動), kept between the
--    preview and its confirmation so that what is applied is exactly the file
--    that was previewed (a browser cannot carry a chosen file to the next
--    page). The bytes are dropped once applied, and a preview left
--    unconfirmed is deleted after a day: the file holds names and addresses,
--    and the audit log keeps its SHA-256.
create table staff_import (
  id integer generated always as identity primary key,
  municipality_id integer not null references municipality (id),
  uploaded_by_user_id integer not null references app_user (id),
  file_name text not null,
  file_sha256 text not null check (file_sha256 ~ '^[0-9a-f]{64}$'),
  content bytea,
  uploaded_at timestamptz not null default now(),
  applied_at timestamptz,
  check (content is not null or applied_at is not null)
);
create index staff_import_municipality on staff_import (municipality_id, uploaded_at);
