/**
 * Read queries of the accounts module. Every query about users takes the
 * municipality: a user id from a URL is only ever looked up within the
 * municipality of that URL.
 */
import type { Queryable } from "../../../core/db/database.ts";
import type { Role } from "../../tenancy/roles.ts";
import type { AccountPlace, Division, StaffUser } from "../user.ts";

export type UserRow = {
  id: number;
  municipality_id: number;
  login_id: string;
  display_name: string;
  email: string | null;
  division_id: number | null;
  division_name: string | null;
  roles: Role[];
  totp_enabled: boolean;
  must_change_password: boolean;
  must_enrol_totp: boolean;
  has_password: boolean;
  failed_sign_ins: number;
  locked_at: Date | null;
  disabled_at: Date | null;
  created_at: Date;
};

export const USER_COLUMNS = `
  u.id, u.municipality_id, u.login_id, u.display_name, u.email,
  d.id as division_id, d.name as division_name,
  coalesce((select array_agg(r.role order by r.role) from user_role r where r.user_id = u.id), '{}') as roles,
  u.totp_enabled_at is not null as totp_enabled, u.must_change_password, u.must_enrol_totp,
  u.password_hash is not null as has_password,
  u.failed_sign_ins, u.locked_at, u.disabled_at, u.created_at`;

export const USER_FROM = "app_user u left join division d on d.id = u.division_id";

export function toStaffUser(row: UserRow): StaffUser {
  return {
    id: row.id,
    municipalityId: row.municipality_id,
    loginId: row.login_id,
    displayName: row.display_name,
    email: row.email,
    division: row.division_id === null ? null : { id: row.division_id, name: row.division_name! },
    roles: row.roles,
    totpEnabled: row.totp_enabled,
    mustChangePassword: row.must_change_password,
    mustEnrolTotp: row.must_enrol_totp,
    hasPassword: row.has_password,
    failedSignIns: row.failed_sign_ins,
    lockedAt: row.locked_at,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
  };
}

export async function findUser(db: Queryable, municipalityId: number, userId: number): Promise<StaffUser | undefined> {
  const [row] = await db.query<UserRow>(
    `select ${USER_COLUMNS} from ${USER_FROM} where u.municipality_id = $1 and u.id = $2`,
    [municipalityId, userId],
  );
  return row && toStaffUser(row);
}

export async function listUsers(db: Queryable, municipalityId: number): Promise<StaffUser[]> {
  const rows = await db.query<UserRow>(
    `select ${USER_COLUMNS} from ${USER_FROM} where u.municipality_id = $1 order by lower(u.login_id)`,
    [municipalityId],
  );
  return rows.map(toStaffUser);
}

/** What checking a password or a code needs; never leaves the accounts module's commands. */
export type Credentials = {
  id: number;
  loginId: string;
  displayName: string;
  passwordHash: string | null;
  totpSecret: string | null;
  totpEnabled: boolean;
  totpLastStep: number | null;
  lockedAt: Date | null;
  disabledAt: Date | null;
};

type CredentialsRow = {
  id: number;
  login_id: string;
  display_name: string;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: boolean;
  totp_last_step: number | null;
  locked_at: Date | null;
  disabled_at: Date | null;
};

const CREDENTIAL_COLUMNS = `id, login_id, display_name, password_hash, totp_secret, totp_enabled_at is not null as totp_enabled,
  totp_last_step, locked_at, disabled_at`;

const toCredentials = (r: CredentialsRow): Credentials => ({
  id: r.id,
  loginId: r.login_id,
  displayName: r.display_name,
  passwordHash: r.password_hash,
  totpSecret: r.totp_secret,
  totpEnabled: r.totp_enabled,
  totpLastStep: r.totp_last_step,
  lockedAt: r.locked_at,
  disabledAt: r.disabled_at,
});

/** By login id, ignoring case, among the accounts of one place (a municipality or a prefecture). */
export async function findCredentialsByLogin(tx: Queryable, place: AccountPlace, loginId: string): Promise<Credentials | undefined> {
  const [row] =
    place.municipalityId !== null
      ? await tx.query<CredentialsRow>(
          `select ${CREDENTIAL_COLUMNS} from app_user where municipality_id = $1 and lower(login_id) = lower($2)`,
          [place.municipalityId, loginId],
        )
      : await tx.query<CredentialsRow>(
          `select ${CREDENTIAL_COLUMNS} from app_user where prefecture_code = $1 and lower(login_id) = lower($2)`,
          [place.prefectureCode, loginId],
        );
  return row && toCredentials(row);
}

export async function findCredentials(tx: Queryable, userId: number): Promise<Credentials | undefined> {
  const [row] = await tx.query<CredentialsRow>(`select ${CREDENTIAL_COLUMNS} from app_user where id = $1`, [userId]);
  return row && toCredentials(row);
}

export async function loginIdTaken(db: Queryable, municipalityId: number, loginId: string): Promise<boolean> {
  const rows = await db.query("select 1 from app_user where municipality_id = $1 and lower(login_id) = lower($2)", [
    municipalityId,
    loginId,
  ]);
  return rows.length > 0;
}

/** Administrators who can still act: not disabled. Used to refuse removing the last one. */
/** Serialises changes to who administers a municipality: held until the transaction ends. */
export async function lockMunicipality(tx: Queryable, municipalityId: number): Promise<void> {
  await tx.query("select id from municipality where id = $1 for update", [municipalityId]);
}

export async function countActiveAdministrators(tx: Queryable, municipalityId: number): Promise<number> {
  const [row] = await tx.query<{ n: number }>(
    `select count(*) as n from app_user u join user_role r on r.user_id = u.id
      where u.municipality_id = $1 and r.role = 'administrator' and u.disabled_at is null`,
    [municipalityId],
  );
  return row!.n;
}

export async function listDivisions(db: Queryable, municipalityId: number): Promise<Division[]> {
  return db.query<Division>("select id, name from division where municipality_id = $1 order by name", [municipalityId]);
}

export async function findDivision(db: Queryable, municipalityId: number, divisionId: number): Promise<Division | undefined> {
  const [row] = await db.query<Division>("select id, name from division where municipality_id = $1 and id = $2", [
    municipalityId,
    divisionId,
  ]);
  return row;
}

export async function findDivisionByName(db: Queryable, municipalityId: number, name: string): Promise<Division | undefined> {
  const [row] = await db.query<Division>("select id, name from division where municipality_id = $1 and name = $2", [
    municipalityId,
    name,
  ]);
  return row;
}
