/**
 * The SQL of prefecture administrators (decision 037): app_user rows with a
 * prefecture_code instead of a municipality, and their sessions. Queries for
 * a municipality's users never return these rows (they filter on
 * municipality_id), and these never return a municipality's.
 */
import type { Queryable } from "../../../core/db/database.ts";
import type { PrefectureAdmin } from "../user.ts";

type PrefectureAdminRow = {
  id: number;
  prefecture_code: string;
  login_id: string;
  display_name: string;
  email: string | null;
  totp_enabled: boolean;
  must_change_password: boolean;
  has_password: boolean;
  locked_at: Date | null;
  disabled_at: Date | null;
};

const COLUMNS = `u.id, u.prefecture_code, u.login_id, u.display_name, u.email, u.totp_enabled_at is not null as totp_enabled,
  u.must_change_password, u.password_hash is not null as has_password, u.locked_at, u.disabled_at`;

const toPrefectureAdmin = (r: PrefectureAdminRow): PrefectureAdmin => ({
  id: r.id,
  municipalityId: null,
  prefectureCode: r.prefecture_code,
  loginId: r.login_id,
  displayName: r.display_name,
  email: r.email,
  totpEnabled: r.totp_enabled,
  mustChangePassword: r.must_change_password,
  hasPassword: r.has_password,
  lockedAt: r.locked_at,
  disabledAt: r.disabled_at,
});

export type PrefectureSessionRecord = {
  id: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  mfaVerified: boolean;
  admin: PrefectureAdmin;
};

/** A session of a prefecture administrator (any prefecture: the caller compares it with the URL's). */
export async function findPrefectureSession(db: Queryable, sessionId: string): Promise<PrefectureSessionRecord | undefined> {
  const [row] = await db.query<
    PrefectureAdminRow & { session_id: string; csrf_token: string; session_created_at: Date; last_seen_at: Date; mfa_verified: boolean }
  >(
    `select s.id as session_id, s.csrf_token, s.created_at as session_created_at, s.last_seen_at, s.mfa_verified, ${COLUMNS}
       from user_session s join app_user u on u.id = s.user_id
      where s.id = $1 and u.prefecture_code is not null`,
    [sessionId],
  );
  if (!row) return undefined;
  return {
    id: row.session_id,
    csrfToken: row.csrf_token,
    createdAt: row.session_created_at,
    lastSeenAt: row.last_seen_at,
    mfaVerified: row.mfa_verified,
    admin: toPrefectureAdmin(row),
  };
}

export async function prefectureLoginIdTaken(db: Queryable, prefectureCode: string, loginId: string): Promise<boolean> {
  const rows = await db.query("select 1 from app_user where prefecture_code = $1 and lower(login_id) = lower($2)", [prefectureCode, loginId]);
  return rows.length > 0;
}

export async function insertPrefectureAdmin(
  tx: Queryable,
  admin: { prefectureCode: string; loginId: string; displayName: string; email: string | null; passwordHash: string },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `insert into app_user (prefecture_code, login_id, display_name, email, password_hash, must_change_password)
     values ($1, $2, $3, $4, $5, true) returning id`,
    [admin.prefectureCode, admin.loginId, admin.displayName, admin.email, admin.passwordHash],
  );
  return row!.id;
}
