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
