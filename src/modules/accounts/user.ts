/**
 * A staff account as the rest of the application sees it (no password hash,
 * no TOTP secret): who they are, their division and their roles.
 */
import type { Role } from "../tenancy/roles.ts";

export type Division = { id: number; name: string };

export type StaffUser = {
  id: number;
  municipalityId: number;
  loginId: string;
  displayName: string;
  email: string | null;
  division: Division | null;
  roles: Role[];
  totpEnabled: boolean;
  mustChangePassword: boolean;
  /** The second factor was reset by an administrator: enrol again before anything else. */
  mustEnrolTotp: boolean;
  /** False for a user who signs in only through OIDC. */
  hasPassword: boolean;
  failedSignIns: number;
  lockedAt: Date | null;
  disabledAt: Date | null;
  createdAt: Date;
};

export const hasRole = (user: Pick<StaffUser, "roles">, role: Role) => user.roles.includes(role);

/**
 * Where an account belongs (decision 037): a municipality, or a prefecture
 * for a prefecture administrator. The sign-in commands take it so that the
 * same code checks passwords, codes and lockouts at either place.
 */
export type AccountPlace = { municipalityId: number; prefectureCode?: undefined } | { municipalityId: null; prefectureCode: string };

/** What the sign-in commands need to know of the account that acts, municipal or prefectural. */
export type AccountHolder = {
  id: number;
  municipalityId: number | null;
  prefectureCode?: string | null;
  loginId: string;
  displayName: string;
  mustChangePassword: boolean;
};

/**
 * A prefecture administrator: an account over one prefecture's hosted
 * municipalities, with no roles inside any of them. The second factor is
 * always required (prefecture-area.ts).
 */
export type PrefectureAdmin = {
  id: number;
  municipalityId: null;
  prefectureCode: string;
  loginId: string;
  displayName: string;
  email: string | null;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  hasPassword: boolean;
  lockedAt: Date | null;
  disabledAt: Date | null;
};
