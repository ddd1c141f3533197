-- Prefecture administrators (issue #9 §3, decision 037). An account belongs
-- to exactly one place: a municipality (its staff, with roles in user_role)
-- or a prefecture (a prefecture administrator, who sets municipalities up and
-- follows their progress). The sign-in, lockout, session and second-factor
-- columns of app_user serve both; sessions stay in user_session.
alter table app_user alter column municipality_id drop not null;
alter table app_user add column prefecture_code text check (prefecture_code ~ '^(0[1-9]|[1-3][0-9]|4[0-7])$');
alter table app_user add constraint app_user_one_place check ((municipality_id is null) <> (prefecture_code is null));
-- A prefecture administrator has no division: divisions are a municipality's.
alter table app_user add constraint app_user_prefecture_no_division check (prefecture_code is null or division_id is null);
create unique index app_user_prefecture_login on app_user (prefecture_code, lower(login_id)) where prefecture_code is not null;

-- Sign-in attempts at a prefecture's sign-in page count towards the same
-- per-address throttle as a municipality's.
alter table sign_in_attempt alter column municipality_id drop not null;
alter table sign_in_attempt add column prefecture_code text;
alter table sign_in_attempt add constraint sign_in_attempt_one_place check ((municipality_id is null) <> (prefecture_code is null));
