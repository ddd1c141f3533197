-- Staff accounts, sessions and the audit trail (issue #3). Every account
-- belongs to one municipality; a session is bound to its user and so to that
-- municipality. See docs/decisions/008-authentication.md.

-- 部局: groups divisions. Optional for a division (the plan file names only divisions).
create table bureau (
  id integer generated always as identity primary key,
  municipality_id integer not null references municipality (id),
  name text not null check (name <> ''),
  unique (municipality_id, name)
);

alter table division add column bureau_id integer references bureau (id);

create table app_user (
  id integer generated always as identity primary key,
  municipality_id integer not null references municipality (id),
  login_id text not null check (login_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$'),
  display_name text not null check (display_name <> ''),
  email text,
  division_id integer references division (id),
  -- argon2id PHC string; null for a user who signs in only through OIDC.
  password_hash text,
  -- Set when an administrator issues a temporary password: the user must choose their own first.
  must_change_password boolean not null default false,
  -- Base32. Present without totp_enabled_at while enrolment awaits its first code.
  totp_secret text,
  totp_enabled_at timestamptz,
  -- The last accepted TOTP time step: a code is accepted once only (replay).
  totp_last_step bigint,
  -- Failed sign-ins (password or code) in the window that started at
  -- failure_window_started_at; reaching the limit sets locked_at.
  failed_sign_ins integer not null default 0,
  failure_window_started_at timestamptz,
  locked_at timestamptz,
  disabled_at timestamptz,
  oidc_subject text,
  created_at timestamptz not null default now(),
  check (totp_enabled_at is null or totp_secret is not null)
);
-- Login ids are compared without regard to case: "Admin" and "admin" are one account.
create unique index app_user_login on app_user (municipality_id, lower(login_id));
create unique index app_user_oidc on app_user (municipality_id, oidc_subject) where oidc_subject is not null;
create index app_user_division on app_user (division_id);

-- The seven roles of src/modules/cycle/domain/report-workflow.ts (Role).
create table user_role (
  user_id integer not null references app_user (id) on delete cascade,
  role text not null check (role in ('administrator', 'secretariat', 'digital_officer', 'division_head',
                                     'committee_member', 'cio', 'viewer')),
  primary key (user_id, role)
);

-- id is the SHA-256 (hex) of the cookie's token: a copy of this table does
-- not give anyone a usable session.
create table user_session (
  id text primary key check (id ~ '^[0-9a-f]{64}$'),
  user_id integer not null references app_user (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  -- True once a TOTP code was verified in this session.
  mfa_verified boolean not null default false,
  ip text,
  user_agent text
);
create index user_session_user on user_session (user_id);

-- Every sign-in attempt, including unknown login ids: the throttles count these.
create table sign_in_attempt (
  id bigint generated always as identity primary key,
  municipality_id integer not null references municipality (id),
  login_id text not null,
  ip text not null,
  succeeded boolean not null,
  at timestamptz not null default now()
);
create index sign_in_attempt_ip on sign_in_attempt (ip, at) where not succeeded;
create index sign_in_attempt_login on sign_in_attempt (municipality_id, lower(login_id), at);

-- Append-only: who did what to which entity, with the values before and after.
-- Rows are written in the same transaction as the change they describe.
create table audit_log (
  id bigint generated always as identity primary key,
  municipality_id integer references municipality (id),
  actor_user_id integer references app_user (id),
  -- Readable on its own, even for actors without an account (the CLI, a failed sign-in).
  actor_label text not null,
  action text not null,
  entity_type text not null,
  entity_id text,
  before jsonb,
  after jsonb,
  ip text,
  at timestamptz not null default now()
);
create index audit_log_municipality on audit_log (municipality_id, id);
create index audit_log_entity on audit_log (entity_type, entity_id);

-- The database itself refuses to rewrite history, whatever the application
-- does: no UPDATE, DELETE or TRUNCATE of audit_log, from any client.
create function audit_log_refuse_change() returns trigger
language plpgsql as $$
begin
  raise exception '監査ログ（audit_log）は追記のみです。%は許可されていません', tg_op
    using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_log_append_only
  before update or delete on audit_log
  for each row execute function audit_log_refuse_change();

create trigger audit_log_no_truncate
  before truncate on audit_log
  for each statement execute function audit_log_refuse_change();
