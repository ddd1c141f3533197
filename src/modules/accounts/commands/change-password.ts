/**
 * changePassword: the user's own password, after proving the current one
 * (reauthenticate: sign-in's limits on guessing apply). Ends the user's
 * other sessions (whoever knew the old password is out) and gives this one
 * a new token.
 */
import { withAudit } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import type { FieldError } from "../../../core/http/form.ts";
import { hashPassword } from "../domain/password-hash.ts";
import { passwordProblems } from "../domain/password-policy.ts";
import { deleteUserSessions } from "../repository/session-repository.ts";
import { clearFailures, setPasswordHash } from "../repository/user-writes.ts";
import type { AccountHolder } from "../user.ts";
import { userActor } from "./actor.ts";
import { reauthenticate } from "./reauthenticate.ts";
import { replaceSession, type SessionClient } from "./start-session.ts";

export type ChangePasswordInput = {
  user: AccountHolder;
  sessionId: string;
  mfaVerified: boolean;
  currentPassword: string;
  newPassword: string;
  confirmation: string;
  client: SessionClient;
  now?: Date;
};

/** Field ids of the form, so errors can point at their field. */
export const PASSWORD_FIELDS = { current: "current-password", new: "new-password", confirmation: "password-confirmation" } as const;

export type ChangePasswordResult =
  | { ok: true; token: string }
  | { ok: false; reason: "invalid"; errors: FieldError[] }
  /** See Reauthentication: too many failures from this address, or the account now locked (sessions ended). */
  | { ok: false; reason: "throttled" | "locked" };

export async function changePassword(db: Database, input: ChangePasswordInput): Promise<ChangePasswordResult> {
  const now = input.now ?? new Date();
  const proved = await reauthenticate(db, {
    user: input.user,
    password: input.currentPassword,
    client: input.client,
    failureAction: "user.password_change_failed",
    now,
  });
  if (!proved.ok && proved.reason !== "wrong") return { ok: false, reason: proved.reason };
  const errors: FieldError[] = [];
  if (!proved.ok) errors.push({ field: PASSWORD_FIELDS.current, message: "現在のパスワードが正しくありません" });
  const problems = passwordProblems(input.newPassword, input.user.loginId);
  if (problems.length > 0) errors.push({ field: PASSWORD_FIELDS.new, message: problems.join("。") });
  else if (input.currentPassword === input.newPassword) {
    errors.push({ field: PASSWORD_FIELDS.new, message: "現在のパスワードとは異なるパスワードにしてください" });
  }
  if (input.newPassword !== input.confirmation) {
    errors.push({ field: PASSWORD_FIELDS.confirmation, message: "確認のため、新しいパスワードと同じものを入力してください" });
  }
  if (errors.length > 0) return { ok: false, reason: "invalid", errors };
  const context = { municipalityId: input.user.municipalityId, actor: userActor(input.user), ip: input.client.ip };
  const hash = await hashPassword(input.newPassword);
  return withAudit(db, context, async (tx, audit) => {
    await setPasswordHash(tx, input.user.id, hash, false);
    await clearFailures(tx, input.user.id); // the password was proved, as at a sign-in
    const ended = await deleteUserSessions(tx, input.user.id, input.sessionId);
    const token = await replaceSession(tx, input.sessionId, input.user.id, input.mfaVerified, input.client, now);
    // Never the hashes: the audit log is read by people who must not get them.
    await audit({
      action: "user.password_change",
      entityType: "app_user",
      entityId: input.user.id,
      after: { otherSessionsEnded: ended, wasTemporary: input.user.mustChangePassword },
    });
    return { ok: true, token };
  });
}
