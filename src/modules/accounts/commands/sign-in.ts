/**
 * signIn: checks a login id and password and starts a new session.
 *
 * - Refused outright while the address has too many recent failures.
 * - The answer never tells whether the login id exists, and an unknown id
 *   costs the same argon2 work as a known one.
 * - Every attempt is recorded (sign_in_attempt, for the throttles) and
 *   audited, in one transaction with the failure count and any lock.
 * - A new random token every time (no session fixation); the session the
 *   browser held before, if any, is ended.
 */
import { withAudit } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import { verifyAgainstDummy, verifyPassword } from "../domain/password-hash.ts";
import {
  ABSOLUTE_TIMEOUT_MS,
  IDLE_TIMEOUT_MS,
  newCsrfToken,
  newSessionToken,
  sessionIdOf,
} from "../domain/session-policy.ts";
import { countFailure, FAILURE_WINDOW_MS, IP_FAILURE_LIMIT, type SignInFailure } from "../domain/sign-in-policy.ts";
import {
  countIpFailuresSince,
  deleteExpiredSessions,
  deleteSession,
  insertSession,
  insertSignInAttempt,
} from "../repository/session-repository.ts";
import { findCredentialsByLogin } from "../repository/user-queries.ts";
import { clearFailures, loadFailureState, saveFailureState } from "../repository/user-writes.ts";
import type { AccountPlace } from "../user.ts";
import { anonymousActor, userActor } from "./actor.ts";

/** At a municipality's sign-in page, or a prefecture's (decision 037): the place whose accounts are searched. */
export type SignInInput = AccountPlace & {
  loginId: string;
  password: string;
  ip: string;
  userAgent: string | null;
  /** The session the browser presented, ended by this sign-in. */
  previousSessionId?: string;
  now?: Date;
};

export type SignInResult = { ok: true; token: string; userId: number } | { ok: false; reason: "invalid" | "throttled" };

export async function signIn(db: Database, input: SignInInput): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
  if ((await countIpFailuresSince(db, input.ip, since)) >= IP_FAILURE_LIMIT) return { ok: false, reason: "throttled" };

  // The slow hash runs before the transaction, so no row stays locked meanwhile.
  const credentials = await findCredentialsByLogin(db, input, input.loginId);
  let failure: SignInFailure | undefined;
  if (!credentials || credentials.passwordHash === null) {
    await verifyAgainstDummy(input.password);
    failure = credentials ? "no_password" : "unknown_login";
  } else if (!(await verifyPassword(credentials.passwordHash, input.password))) {
    failure = "wrong_password";
  } else if (credentials.disabledAt) {
    failure = "disabled";
  } else if (credentials.lockedAt) {
    failure = "locked";
  }

  const actor = credentials && !failure ? userActor(credentials) : anonymousActor(input.loginId);
  return withAudit(db, { municipalityId: input.municipalityId, actor, ip: input.ip }, async (tx, audit) => {
    await insertSignInAttempt(tx, {
      municipalityId: input.municipalityId,
      prefectureCode: input.prefectureCode,
      loginId: input.loginId,
      ip: input.ip,
      succeeded: !failure,
      at: now,
    });
    if (failure || !credentials) {
      if (credentials) {
        const counted = countFailure(await loadFailureState(tx, credentials.id), now);
        await saveFailureState(tx, credentials.id, counted.state);
        if (counted.lockedNow) {
          await audit({
            action: "account.lock",
            entityType: "app_user",
            entityId: credentials.id,
            before: { lockedAt: null },
            after: { lockedAt: now.toISOString(), failedSignIns: counted.state.failedSignIns },
          });
        }
      }
      await audit({
        action: "auth.sign_in_failed",
        entityType: "app_user",
        entityId: credentials?.id ?? null,
        after: { loginId: input.loginId, reason: failure },
      });
      return { ok: false, reason: "invalid" };
    }
    await clearFailures(tx, credentials.id);
    await deleteExpiredSessions(
      tx,
      credentials.id,
      new Date(now.getTime() - IDLE_TIMEOUT_MS),
      new Date(now.getTime() - ABSOLUTE_TIMEOUT_MS),
    );
    if (input.previousSessionId) await deleteSession(tx, input.previousSessionId);
    const token = newSessionToken();
    await insertSession(tx, {
      id: sessionIdOf(token),
      userId: credentials.id,
      csrfToken: newCsrfToken(),
      mfaVerified: false,
      ip: input.ip,
      userAgent: input.userAgent,
      at: now,
    });
    await audit({
      action: "auth.sign_in",
      entityType: "app_user",
      entityId: credentials.id,
      after: { method: "password", secondFactorPending: credentials.totpEnabled },
    });
    return { ok: true, token, userId: credentials.id };
  });
}
