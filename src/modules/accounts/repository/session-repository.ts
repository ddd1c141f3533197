/**
 * Sessions and sign-in attempts. A session row is found by the SHA-256 of
 * the cookie's token; the raw token is never stored.
 */
import type { Queryable } from "../../../core/db/database.ts";
import type { StaffUser } from "../user.ts";
import { toStaffUser, USER_COLUMNS, USER_FROM, type UserRow } from "./user-queries.ts";

export type SessionRecord = {
  id: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  mfaVerified: boolean;
  user: StaffUser;
};

export type NewSession = {
  id: string;
  userId: number;
  csrfToken: string;
  mfaVerified: boolean;
  ip: string | null;
  userAgent: string | null;
  at: Date;
};

export async function insertSession(tx: Queryable, s: NewSession): Promise<void> {
  await tx.query(
    `insert into user_session (id, user_id, csrf_token, created_at, last_seen_at, mfa_verified, ip, user_agent)
     values ($1, $2, $3, $4, $4, $5, $6, $7)`,
    [s.id, s.userId, s.csrfToken, s.at, s.mfaVerified, s.ip, s.userAgent],
  );
}

/**
 * The session and its user (any municipality: the caller compares it with the
 * URL's). A prefecture administrator's session is never found here: it is
 * not a municipality's (findPrefectureSession).
 */
export async function findSession(db: Queryable, sessionId: string): Promise<SessionRecord | undefined> {
  const [row] = await db.query<
    UserRow & { session_id: string; csrf_token: string; session_created_at: Date; last_seen_at: Date; mfa_verified: boolean }
  >(
    `select s.id as session_id, s.csrf_token, s.created_at as session_created_at, s.last_seen_at, s.mfa_verified, ${USER_COLUMNS}
       from user_session s join ${USER_FROM} on u.id = s.user_id
      where s.id = $1 and u.municipality_id is not null`,
    [sessionId],
  );
  if (!row) return undefined;
  return {
    id: row.session_id,
    csrfToken: row.csrf_token,
    createdAt: row.session_created_at,
    lastSeenAt: row.last_seen_at,
    mfaVerified: row.mfa_verified,
    user: toStaffUser(row),
  };
}

export async function touchSession(db: Queryable, sessionId: string, at: Date): Promise<void> {
  await db.query("update user_session set last_seen_at = $2 where id = $1", [sessionId, at]);
}

export async function deleteSession(db: Queryable, sessionId: string): Promise<void> {
  await db.query("delete from user_session where id = $1", [sessionId]);
}

/** All the user's sessions except `keep` (if given); returns how many were ended. */
export async function deleteUserSessions(tx: Queryable, userId: number, keep?: string): Promise<number> {
  const rows = await tx.query("delete from user_session where user_id = $1 and id <> coalesce($2, '') returning id", [
    userId,
    keep ?? null,
  ]);
  return rows.length;
}

/** Sessions of the user that have passed either timeout: cleared at each sign-in. */
export async function deleteExpiredSessions(tx: Queryable, userId: number, idleBefore: Date, createdBefore: Date): Promise<void> {
  await tx.query("delete from user_session where user_id = $1 and (last_seen_at <= $2 or created_at <= $3)", [
    userId,
    idleBefore,
    createdBefore,
  ]);
}

export async function insertSignInAttempt(
  tx: Queryable,
  a: { municipalityId: number | null; prefectureCode?: string | null; loginId: string; ip: string; succeeded: boolean; at: Date },
): Promise<void> {
  await tx.query(
    "insert into sign_in_attempt (municipality_id, prefecture_code, login_id, ip, succeeded, at) values ($1, $2, $3, $4, $5, $6)",
    [a.municipalityId, a.prefectureCode ?? null, a.loginId, a.ip, a.succeeded, a.at],
  );
}

export async function countIpFailuresSince(db: Queryable, ip: string, since: Date): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    "select count(*) as n from sign_in_attempt where ip = $1 and not succeeded and at > $2",
    [ip, since],
  );
  return row!.n;
}
