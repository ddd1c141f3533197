/**
 * The second factor: verifying a code after the password, and enrolling an
 * authenticator app. Wrong codes at verification count towards the
 * account's lock like wrong passwords (a 6-digit code is guessable
 * otherwise); a code is accepted only once (its time step is claimed).
 */
import { withAudit } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import { countFailure } from "../domain/sign-in-policy.ts";
import { generateTotpSecret, verifyTotp } from "../domain/totp.ts";
import { insertSignInAttempt, deleteSession } from "../repository/session-repository.ts";
import { findCredentials } from "../repository/user-queries.ts";
import { claimTotpStep, clearFailures, enableTotp, loadFailureState, saveFailureState, setPendingTotpSecret } from "../repository/user-writes.ts";
import { userActor } from "./actor.ts";
import { replaceSession, type SessionClient } from "./start-session.ts";

export type TwoFactorInput = {
  municipalityId: number;
  userId: number;
  sessionId: string;
  code: string;
  client: SessionClient;
  now?: Date;
};

export type VerifyResult =
  | { ok: true; token: string }
  /** wrong: show the form again. ended: the account is locked and the session was ended. */
  | { ok: false; reason: "wrong" | "ended" };

export async function verifySecondFactor(db: Database, input: TwoFactorInput): Promise<VerifyResult> {
  const now = input.now ?? new Date();
  const user = await findCredentials(db, input.userId);
  if (!user?.totpEnabled || !user.totpSecret) throw new Error("second factor verification without an enrolled secret");
  const context = { municipalityId: input.municipalityId, actor: userActor(user), ip: input.client.ip };
  return withAudit(db, context, async (tx, audit) => {
    if (user.lockedAt) {
      await deleteSession(tx, input.sessionId);
      await audit({ action: "auth.two_factor_failed", entityType: "app_user", entityId: user.id, after: { reason: "locked" } });
      return { ok: false, reason: "ended" };
    }
    const check = verifyTotp(user.totpSecret!, input.code, now.getTime() / 1000, user.totpLastStep);
    const accepted = check.ok && (await claimTotpStep(tx, user.id, check.step));
    await insertSignInAttempt(tx, {
      municipalityId: input.municipalityId,
      loginId: user.loginId,
      ip: input.client.ip,
      succeeded: accepted,
      at: now,
    });
    if (!accepted) {
      const counted = countFailure(await loadFailureState(tx, user.id), now);
      await saveFailureState(tx, user.id, counted.state);
      await audit({ action: "auth.two_factor_failed", entityType: "app_user", entityId: user.id, after: { reason: "wrong_code" } });
      if (!counted.lockedNow) return { ok: false, reason: "wrong" };
      await audit({
        action: "account.lock",
        entityType: "app_user",
        entityId: user.id,
        before: { lockedAt: null },
        after: { lockedAt: now.toISOString(), failedSignIns: counted.state.failedSignIns },
      });
      await deleteSession(tx, input.sessionId);
      return { ok: false, reason: "ended" };
    }
    await clearFailures(tx, user.id);
    const token = await replaceSession(tx, input.sessionId, user.id, true, input.client, now);
    await audit({ action: "auth.two_factor_verified", entityType: "app_user", entityId: user.id });
    return { ok: true, token };
  });
}

/**
 * The secret to show on the enrolment page: the pending one if the person
 * reloads the page, else a new one. Nothing is enabled until a code confirms it.
 */
export async function pendingTotpSecret(db: Database, userId: number): Promise<string> {
  return db.transaction(async (tx) => {
    const user = await findCredentials(tx, userId);
    if (!user) throw new Error(`user ${userId} not found`);
    if (user.totpSecret && !user.totpEnabled) return user.totpSecret;
    const secret = generateTotpSecret();
    await setPendingTotpSecret(tx, userId, secret);
    return secret;
  });
}

export type EnrolResult = { ok: true; token: string } | { ok: false; reason: "wrong" | "already_enabled" };

/** Confirms enrolment with a first code; the session becomes one verified with the second factor. */
export async function confirmTotpEnrolment(db: Database, input: TwoFactorInput): Promise<EnrolResult> {
  const now = input.now ?? new Date();
  const user = await findCredentials(db, input.userId);
  if (!user) throw new Error(`user ${input.userId} not found`);
  if (user.totpEnabled) return { ok: false, reason: "already_enabled" };
  if (!user.totpSecret) return { ok: false, reason: "wrong" };
  const check = verifyTotp(user.totpSecret, input.code, now.getTime() / 1000, null);
  if (!check.ok) return { ok: false, reason: "wrong" };
  const context = { municipalityId: input.municipalityId, actor: userActor(user), ip: input.client.ip };
  return withAudit(db, context, async (tx, audit) => {
    await enableTotp(tx, user.id, check.step, now);
    const token = await replaceSession(tx, input.sessionId, user.id, true, input.client, now);
    await audit({
      action: "user.two_factor_enable",
      entityType: "app_user",
      entityId: user.id,
      before: { totpEnabled: false },
      after: { totpEnabled: true },
    });
    return { ok: true, token };
  });
}
