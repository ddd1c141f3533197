-- Staff sign-in through a municipality's OpenID Connect provider (issue #3).
-- See docs/decisions/012-oidc.md.

-- A sign-in begun at /:lgCode/staff/sign-in/oidc and not yet finished. The
-- browser holds a random token in a cookie; id is its SHA-256 (hex), so this
-- table alone cannot finish anyone's sign-in. state, nonce and the PKCE
-- code_verifier never leave the server except as the provider needs them
-- (state and nonce in the authorization request, the verifier at the token
-- endpoint). A row is used once: the callback deletes it whatever the outcome.
create table oidc_login_attempt (
  id text primary key check (id ~ '^[0-9a-f]{64}$'),
  municipality_id integer not null references municipality (id),
  -- The provider the attempt was sent to: the callback is checked against the same one.
  issuer text not null,
  state text not null,
  nonce text not null,
  code_verifier text not null,
  -- The staff page to show after sign-in (already checked to be this municipality's).
  next_path text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index oidc_login_attempt_expires on oidc_login_attempt (expires_at);
