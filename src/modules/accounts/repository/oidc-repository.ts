/**
 * The SQL of OIDC sign-in: begun sign-ins (oidc_login_attempt) and finding
 * or linking the account a provider's subject belongs to. Accounts are
 * looked up within one municipality only.
 */
import type { Queryable } from "../../../core/db/database.ts";
import type { StaffUser } from "../user.ts";
import { toStaffUser, USER_COLUMNS, USER_FROM, type UserRow } from "./user-queries.ts";

export type LoginAttempt = {
  municipalityId: number;
  issuer: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  nextPath: string | null;
  expiresAt: Date;
};

export async function insertLoginAttempt(tx: Queryable, id: string, a: LoginAttempt, at: Date): Promise<void> {
  await tx.query(
    `insert into oidc_login_attempt (id, municipality_id, issuer, state, nonce, code_verifier, next_path, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [id, a.municipalityId, a.issuer, a.state, a.nonce, a.codeVerifier, a.nextPath, at, a.expiresAt],
  );
}

/** Begun sign-ins nobody came back from: cleared whenever a new one begins. */
export async function deleteExpiredLoginAttempts(tx: Queryable, now: Date): Promise<void> {
  await tx.query("delete from oidc_login_attempt where expires_at <= $1", [now]);
}

/**
 * Removes and returns the attempt: whatever follows, it cannot be used twice
 * (a replayed or second callback finds nothing).
 */
export async function takeLoginAttempt(tx: Queryable, id: string): Promise<LoginAttempt | undefined> {
  const [row] = await tx.query<{
    municipality_id: number;
    issuer: string;
    state: string;
    nonce: string;
    code_verifier: string;
    next_path: string | null;
    expires_at: Date;
  }>(
    `delete from oidc_login_attempt where id = $1
     returning municipality_id, issuer, state, nonce, code_verifier, next_path, expires_at`,
    [id],
  );
  return (
    row && {
      municipalityId: row.municipality_id,
      issuer: row.issuer,
      state: row.state,
      nonce: row.nonce,
      codeVerifier: row.code_verifier,
      nextPath: row.next_path,
      expiresAt: row.expires_at,
    }
  );
}

export async function findUserByOidcSubject(tx: Queryable, municipalityId: number, subject: string): Promise<StaffUser | undefined> {
  const [row] = await tx.query<UserRow>(
    `select ${USER_COLUMNS} from ${USER_FROM} where u.municipality_id = $1 and u.oidc_subject = $2`,
    [municipalityId, subject],
  );
  return row && toStaffUser(row);
}

/** Accounts of the municipality with this e-mail address (ignoring case) not yet linked to any subject. */
export async function findUnlinkedUsersByEmail(tx: Queryable, municipalityId: number, email: string): Promise<StaffUser[]> {
  const rows = await tx.query<UserRow>(
    `select ${USER_COLUMNS} from ${USER_FROM}
      where u.municipality_id = $1 and lower(u.email) = lower($2) and u.oidc_subject is null
      order by u.id`,
    [municipalityId, email],
  );
  return rows.map(toStaffUser);
}

/** Links only an unlinked account: false if someone else linked it meanwhile. */
export async function linkOidcSubject(tx: Queryable, userId: number, subject: string): Promise<boolean> {
  const rows = await tx.query("update app_user set oidc_subject = $2 where id = $1 and oidc_subject is null returning id", [
    userId,
    subject,
  ]);
  return rows.length > 0;
}
