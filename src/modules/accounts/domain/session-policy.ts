/**
 * How long a staff session lives, and how its token is made. The cookie
 * holds a random token; the database holds only its SHA-256, so reading the
 * session table does not let anyone sign in as its users.
 */
import { createHash, randomBytes } from "node:crypto";
import { requiresTwoFactor, type Role } from "../../tenancy/roles.ts";

/** Signed out after 30 minutes without a request (a desk left unattended). */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
/** Signed out 8 hours after sign-in whatever happens (a working day). */
export const ABSOLUTE_TIMEOUT_MS = 8 * 60 * 60_000;
/** last_seen_at is written at most this often, not on every request. */
export const TOUCH_INTERVAL_MS = 60_000;

export const SESSION_COOKIE = "dxp_session";

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function newCsrfToken(): string {
  return randomBytes(32).toString("base64url");
}

export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function isSessionExpired(session: { createdAt: Date; lastSeenAt: Date }, now: Date): boolean {
  return (
    now.getTime() - session.lastSeenAt.getTime() >= IDLE_TIMEOUT_MS ||
    now.getTime() - session.createdAt.getTime() >= ABSOLUTE_TIMEOUT_MS
  );
}

export function needsTouch(session: { lastSeenAt: Date }, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS;
}

/**
 * Where a signed-in person stands. Only "ready" reaches the staff pages; the
 * other stages reach only the one page that completes them (and sign-out).
 * Computed on every request from the user's current state, so granting the
 * administrator role to someone without a second factor takes effect at once.
 */
export type SessionStage = "two_factor" | "two_factor_setup" | "password_change" | "ready";

export function sessionStage(
  user: { roles: readonly Role[]; totpEnabled: boolean; mustChangePassword: boolean; mustEnrolTotp?: boolean },
  session: { mfaVerified: boolean },
): SessionStage {
  if (user.totpEnabled && !session.mfaVerified) return "two_factor";
  // A session whose second factor was proved otherwise (the identity provider's MFA, 012) needs no enrolment.
  // An administrator's reset of the second factor (mustEnrolTotp) obliges enrolment whatever the roles.
  if (!user.totpEnabled && (requiresTwoFactor(user.roles) || user.mustEnrolTotp === true) && !session.mfaVerified) {
    return "two_factor_setup";
  }
  if (user.mustChangePassword) return "password_change";
  return "ready";
}
