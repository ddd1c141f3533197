/**
 * Write queries of the accounts module, called by its commands inside their
 * transactions (which also write the audit record).
 */
import type { Queryable } from "../../../core/db/database.ts";
import type { Role } from "../../tenancy/roles.ts";
import type { FailureState } from "../domain/sign-in-policy.ts";

export type NewUserRow = {
  municipalityId: number;
  loginId: string;
  displayName: string;
  email: string | null;
  divisionId: number | null;
  passwordHash: string | null;
  mustChangePassword: boolean;
};

export async function insertUser(tx: Queryable, user: NewUserRow): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `insert into app_user (municipality_id, login_id, display_name, email, division_id, password_hash, must_change_password)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [user.municipalityId, user.loginId, user.displayName, user.email, user.divisionId, user.passwordHash, user.mustChangePassword],
  );
  return row!.id;
}

export async function replaceRoles(tx: Queryable, userId: number, roles: readonly Role[]): Promise<void> {
  await tx.query("delete from user_role where user_id = $1", [userId]);
  for (const role of roles) await tx.query("insert into user_role (user_id, role) values ($1, $2)", [userId, role]);
}

export async function loadFailureState(tx: Queryable, userId: number): Promise<FailureState> {
  const [row] = await tx.query<{ failed_sign_ins: number; failure_window_started_at: Date | null; locked_at: Date | null }>(
    "select failed_sign_ins, failure_window_started_at, locked_at from app_user where id = $1 for update",
    [userId],
  );
  return { failedSignIns: row!.failed_sign_ins, windowStartedAt: row!.failure_window_started_at, lockedAt: row!.locked_at };
}

export async function saveFailureState(tx: Queryable, userId: number, state: FailureState): Promise<void> {
  await tx.query(
    "update app_user set failed_sign_ins = $2, failure_window_started_at = $3, locked_at = $4 where id = $1",
    [userId, state.failedSignIns, state.windowStartedAt, state.lockedAt],
  );
}

/** A success or an unlock starts the count again. */
export async function clearFailures(tx: Queryable, userId: number): Promise<void> {
  await tx.query(
    "update app_user set failed_sign_ins = 0, failure_window_started_at = null, locked_at = null where id = $1",
    [userId],
  );
}

export async function setPasswordHash(tx: Queryable, userId: number, passwordHash: string, mustChange: boolean): Promise<void> {
  await tx.query("update app_user set password_hash = $2, must_change_password = $3 where id = $1", [
    userId,
    passwordHash,
    mustChange,
  ]);
}

/** A secret awaiting its first code; replaces an earlier unconfirmed one, never a confirmed one. */
export async function setPendingTotpSecret(tx: Queryable, userId: number, secret: string): Promise<void> {
  await tx.query("update app_user set totp_secret = $2, totp_last_step = null where id = $1 and totp_enabled_at is null", [
    userId,
    secret,
  ]);
}

/** A new authenticator app in place of the enrolled one: its secret, confirmed by its first code. */
export async function replaceTotpSecret(tx: Queryable, userId: number, secret: string, step: number, at: Date): Promise<void> {
  await tx.query("update app_user set totp_secret = $2, totp_last_step = $3, totp_enabled_at = $4 where id = $1", [
    userId,
    secret,
    step,
    at,
  ]);
}

export async function enableTotp(tx: Queryable, userId: number, step: number, at: Date): Promise<void> {
  await tx.query("update app_user set totp_enabled_at = $3, totp_last_step = $2, must_enrol_totp = false where id = $1", [userId, step, at]);
}

/**
 * Records a code's time step as used. False when that step (or a later one)
 * was already used: a concurrent request with the same code loses here.
 */
export async function claimTotpStep(tx: Queryable, userId: number, step: number): Promise<boolean> {
  const rows = await tx.query(
    `update app_user set totp_last_step = $2
      where id = $1 and (totp_last_step is null or totp_last_step < $2) returning id`,
    [userId, step],
  );
  return rows.length === 1;
}

/** An administrator's reset: the secret is forgotten; mustEnrol obliges enrolment at the next sign-in. */
export async function clearTotp(tx: Queryable, userId: number, mustEnrol: boolean): Promise<void> {
  await tx.query(
    "update app_user set totp_secret = null, totp_enabled_at = null, totp_last_step = null, must_enrol_totp = $2 where id = $1",
    [userId, mustEnrol],
  );
}

/** Deactivated (a date) or active again (null). */
export async function setDisabledAt(tx: Queryable, userId: number, at: Date | null): Promise<void> {
  await tx.query("update app_user set disabled_at = $2 where id = $1", [userId, at]);
}

export async function setDivision(tx: Queryable, userId: number, divisionId: number | null): Promise<void> {
  await tx.query("update app_user set division_id = $2 where id = $1", [userId, divisionId]);
}

export async function setEmail(tx: Queryable, userId: number, email: string | null): Promise<void> {
  await tx.query("update app_user set email = $2 where id = $1", [userId, email]);
}
