/**
 * Proving the current password again before a change that hands the
 * account to whoever makes it: a new password, a new authenticator app.
 * Whoever holds an unattended or stolen session could otherwise make these
 * changes, or guess the password here without sign-in's limits; so the same
 * limits apply, on the same records (sign-in-policy.ts): a wrong password is
 * a failed attempt from this address (sign_in_attempt) and counts towards
 * the account's lock, and at the lock every session of the user ends.
 */
import { withAudit, type AuditContext } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import { verifyPassword } from "../domain/password-hash.ts";
import { countFailure, FAILURE_WINDOW_MS, IP_FAILURE_LIMIT } from "../domain/sign-in-policy.ts";
import { countIpFailuresSince, deleteUserSessions, insertSignInAttempt } from "../repository/session-repository.ts";
import { findCredentials } from "../repository/user-queries.ts";
import { loadFailureState, saveFailureState } from "../repository/user-writes.ts";
import type { AccountHolder } from "../user.ts";
import { userActor } from "./actor.ts";
import type { SessionClient } from "./start-session.ts";

export type Reauthentication =
  | { ok: true }
  /**
   * wrong: show the form again. throttled: too many failures from this
   * address, nothing was checked. locked: the account is locked and its
   * sessions have ended.
   */
  | { ok: false; reason: "wrong" | "throttled" | "locked" };

export type ReauthenticationInput = {
  user: Pick<AccountHolder, "id" | "municipalityId" | "prefectureCode" | "loginId" | "displayName">;
  password: string;
  client: SessionClient;
  /** The audit action of a failure, e.g. user.password_change_failed. */
  failureAction: string;
  now: Date;
};

export async function reauthenticate(db: Database, input: ReauthenticationInput): Promise<Reauthentication> {
  const { user, now } = input;
  const context: AuditContext = { municipalityId: user.municipalityId, actor: userActor(user), ip: input.client.ip };
  const failed = (reason: string) => ({ action: input.failureAction, entityType: "app_user", entityId: user.id, after: { reason } });
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
  if ((await countIpFailuresSince(db, input.client.ip, since)) >= IP_FAILURE_LIMIT) {
    await withAudit(db, context, (_tx, audit) => audit(failed("throttled")));
    return { ok: false, reason: "throttled" };
  }
  // The slow hash runs before the transaction, so no row stays locked meanwhile.
  const credentials = await findCredentials(db, user.id);
  // An account that signs in only through its identity provider has no password to guess: nothing to count.
  if (!credentials?.passwordHash) return { ok: false, reason: "wrong" };
  const right = await verifyPassword(credentials.passwordHash, input.password);
  return withAudit(db, context, async (tx, audit) => {
    const state = await loadFailureState(tx, user.id);
    // Locked since this session began (failures here or at sign-in): no more guesses through it.
    if (state.lockedAt) {
      await deleteUserSessions(tx, user.id);
      await audit(failed("locked"));
      return { ok: false, reason: "locked" };
    }
    if (right) return { ok: true };
    await insertSignInAttempt(tx, { municipalityId: user.municipalityId, prefectureCode: user.prefectureCode, loginId: user.loginId, ip: input.client.ip, succeeded: false, at: now });
    const counted = countFailure(state, now);
    await saveFailureState(tx, user.id, counted.state);
    await audit(failed("wrong_password"));
    if (!counted.lockedNow) return { ok: false, reason: "wrong" };
    await audit({
      action: "account.lock",
      entityType: "app_user",
      entityId: user.id,
      before: { lockedAt: null },
      after: { lockedAt: now.toISOString(), failedSignIns: counted.state.failedSignIns },
    });
    await deleteUserSessions(tx, user.id);
    return { ok: false, reason: "locked" };
  });
}
