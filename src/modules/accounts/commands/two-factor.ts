/**
 * The second factor: verifying a code after the password, and enrolling an
 * authenticator app. Wrong codes at verification count towards the
 * account's lock like wrong passwords (a 6-digit code is guessable
 * otherwise); a code is accepted only once (its time step is claimed).
 *
 * Enrolling binds a device to the account, so it asks for the password
 * again (reauthenticate.ts, with sign-in's limits) whenever the account has
 * one; an account that signs in only through its identity provider has none
 * to ask, enrols once as before, and has a replacement done by an administrator.
 */
import { withAudit } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import { countFailure } from "../domain/sign-in-policy.ts";
import { generateTotpSecret, verifyTotp } from "../domain/totp.ts";
import { deleteSession, deleteUserSessions, insertSignInAttempt } from "../repository/session-repository.ts";
import { findCredentials } from "../repository/user-queries.ts";
import {
  claimTotpStep,
  clearFailures,
  enableTotp,
  loadFailureState,
  replaceTotpSecret,
  saveFailureState,
  setPendingTotpSecret,
} from "../repository/user-writes.ts";
import type { AccountHolder, AccountPlace } from "../user.ts";
import { userActor } from "./actor.ts";
import { reauthenticate } from "./reauthenticate.ts";
import { replaceSession, type SessionClient } from "./start-session.ts";

export type TwoFactorInput = AccountPlace & {
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
      prefectureCode: input.prefectureCode,
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
 * What the enrolment page offers. First enrolment: the pending secret, kept
 * so that a reload shows the same one. Replacing an enrolled app: a new
 * secret that the page carries until a code confirms it (the stored one
 * keeps working meanwhile). Undefined: nothing to offer (a replacement for
 * an account without a password, which cannot prove itself again here).
 */
export type Enrolment = { secret: string; replacing: boolean; asksPassword: boolean };

export async function startTotpEnrolment(db: Database, userId: number): Promise<Enrolment | undefined> {
  return db.transaction(async (tx) => {
    const user = await findCredentials(tx, userId);
    if (!user) throw new Error(`user ${userId} not found`);
    const asksPassword = user.passwordHash !== null;
    if (user.totpEnabled) return asksPassword ? { secret: generateTotpSecret(), replacing: true, asksPassword } : undefined;
    if (user.totpSecret) return { secret: user.totpSecret, replacing: false, asksPassword };
    const secret = generateTotpSecret();
    await setPendingTotpSecret(tx, userId, secret);
    return { secret, replacing: false, asksPassword };
  });
}

export type EnrolInput = AccountPlace & {
  sessionId: string;
  code: string;
  client: SessionClient;
  now?: Date;
  user: AccountHolder;
  /** The current password, asked when the account has one. */
  password: string;
  /** Replacing an enrolled app: the new secret the page showed. */
  secret: string | undefined;
};

export type EnrolResult =
  | { ok: true; token: string }
  /** stale: the page no longer fits the account (enrolled meanwhile, or nothing to replace); start again. */
  | { ok: false; reason: "wrong_code" | "wrong_password" | "throttled" | "locked" | "stale" };

/**
 * Confirms enrolment with the password and a first code; the session becomes
 * one verified with the second factor. A replacement also ends the user's
 * other sessions: they were verified with the device now given up.
 */
export async function confirmTotpEnrolment(db: Database, input: EnrolInput): Promise<EnrolResult> {
  const now = input.now ?? new Date();
  const user = await findCredentials(db, input.user.id);
  if (!user) throw new Error(`user ${input.user.id} not found`);
  const replacing = user.totpEnabled;
  const secret = replacing ? input.secret : user.totpSecret;
  if (!secret || (replacing && user.passwordHash === null) || (!replacing && input.secret !== undefined)) {
    return { ok: false, reason: "stale" };
  }
  if (user.passwordHash !== null) {
    const proved = await reauthenticate(db, {
      user: input.user,
      password: input.password,
      client: input.client,
      failureAction: "user.two_factor_enable_failed",
      now,
    });
    if (!proved.ok) return { ok: false, reason: proved.reason === "wrong" ? "wrong_password" : proved.reason };
  }
  const check = verifyTotp(secret, input.code, now.getTime() / 1000, null);
  if (!check.ok) return { ok: false, reason: "wrong_code" };
  const context = { municipalityId: input.municipalityId, actor: userActor(user), ip: input.client.ip };
  return withAudit(db, context, async (tx, audit) => {
    let otherSessionsEnded = 0;
    if (replacing) {
      await replaceTotpSecret(tx, user.id, secret, check.step, now);
      otherSessionsEnded = await deleteUserSessions(tx, user.id, input.sessionId);
    } else {
      await enableTotp(tx, user.id, check.step, now);
    }
    await clearFailures(tx, user.id);
    const token = await replaceSession(tx, input.sessionId, user.id, true, input.client, now);
    await audit({
      action: replacing ? "user.two_factor_replace" : "user.two_factor_enable",
      entityType: "app_user",
      entityId: user.id,
      before: { totpEnabled: replacing },
      after: replacing ? { totpEnabled: true, otherSessionsEnded } : { totpEnabled: true },
    });
    return { ok: true, token };
  });
}
