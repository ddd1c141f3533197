/**
 * Limits on guessing. Failures are counted per account (a wrong password or
 * a wrong code) and per IP address (any login id). The numbers follow the
 * usual guidance (OWASP Authentication Cheat Sheet): low enough to stop
 * guessing, high enough that a person who mistypes is rarely stopped.
 */

/** The failure that locks an account, within the window. An administrator unlocks it. */
export const ACCOUNT_FAILURE_LIMIT = 5;
/** Failures from one address after which it is refused until the window has passed. */
export const IP_FAILURE_LIMIT = 20;
export const FAILURE_WINDOW_MS = 15 * 60_000;

/** Why a sign-in failed, for the audit log only: the page always says the same thing. */
export type SignInFailure = "unknown_login" | "wrong_password" | "no_password" | "locked" | "disabled" | "wrong_code";

/** Login ids: 3–64 letters, digits, dot, underscore, hyphen; first a letter or digit (same as the table's check). */
export const LOGIN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;

/**
 * A same-site path to return to after sign-in: only pages of this
 * municipality's staff area, so the parameter cannot send anyone elsewhere.
 */
export function safeNextPath(next: string | undefined, lgCode: string): string | undefined {
  if (!next) return undefined;
  const base = `/${lgCode}/staff`;
  if (next !== base && !next.startsWith(`${base}/`) && !next.startsWith(`${base}?`)) return undefined;
  if (/[\\\s\u0000-\u001f]/.test(next) || next.includes("//")) return undefined;
  return next;
}

export type FailureState = { failedSignIns: number; windowStartedAt: Date | null; lockedAt: Date | null };

/**
 * Counts one failure. The window opens at the first failure and lasts
 * FAILURE_WINDOW_MS; the failure that reaches the limit inside it locks the
 * account. A success or an administrator's unlock clears the count.
 */
export function countFailure(state: FailureState, now: Date): { state: FailureState; lockedNow: boolean } {
  const inWindow = state.windowStartedAt !== null && now.getTime() - state.windowStartedAt.getTime() < FAILURE_WINDOW_MS;
  const failedSignIns = inWindow ? state.failedSignIns + 1 : 1;
  const lockedNow = state.lockedAt === null && failedSignIns >= ACCOUNT_FAILURE_LIMIT;
  return {
    state: {
      failedSignIns,
      windowStartedAt: inWindow ? state.windowStartedAt : now,
      lockedAt: lockedNow ? now : state.lockedAt,
    },
    lockedNow,
  };
}
