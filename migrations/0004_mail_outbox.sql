-- E-mail is written to this outbox in the same transaction as the change
-- that causes it (a report returned, a cycle opened), so no mail goes out
-- for a change that rolled back, and none is lost while the SMTP server is
-- down: the dispatcher sends pending rows and retries with a growing delay.
-- In outbox mode (development, demo) rows are kept and shown, never sent.
create table mail_outbox (
  id integer generated always as identity primary key,
  municipality_id integer references municipality (id),
  kind text not null,
  to_address text not null,
  subject text not null,
  body text not null,
  created_at timestamptz not null default now(),
  next_attempt_at timestamptz not null default now(),
  attempts integer not null default 0,
  last_error text,
  sent_at timestamptz
);
create index mail_outbox_pending on mail_outbox (next_attempt_at) where sent_at is null;
