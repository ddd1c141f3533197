-- Uploaded division workbooks (issue #7 §1), kept between the preview and
-- the apply so that what is applied is exactly the file that was previewed
-- (identified by its SHA-256, which the audit record names). A row belongs to
-- one user, one cycle and one division; it expires after a day and is
-- deleted by the next upload once expired. Applying marks it applied, so the
-- same upload is not applied twice.
create table workbook_upload (
  id bigint generated always as identity primary key,
  municipality_id integer not null references municipality (id),
  cycle_id integer not null references evaluation_cycle (id),
  division_id integer not null references division (id),
  user_id integer not null references app_user (id),
  file_name text not null,
  byte_size integer not null check (byte_size > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  bytes bytea not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  applied_at timestamptz
);
create index workbook_upload_user on workbook_upload (user_id, created_at);
create index workbook_upload_expiry on workbook_upload (expires_at);
