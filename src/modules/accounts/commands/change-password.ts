/**
 * changePassword: the user's own password, after proving the current one.
 * Ends the user's other sessions (whoever knew the old password is out) and
 * gives this one a new token.
 */
import { withAudit } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import type { FieldError } from "../../../core/http/form.ts";
import { hashPassword, verifyPassword } from "../domain/password-hash.ts";
import { passwordProblems } from "../domain/password-policy.ts";
import { deleteUserSessions } from "../repository/session-repository.ts";
import { findCredentials } from "../repository/user-queries.ts";
import { setPasswordHash } from "../repository/user-writes.ts";
import type { StaffUser } from "../user.ts";
import { userActor } from "./actor.ts";
import { replaceSession, type SessionClient } from "./start-session.ts";

export type ChangePasswordInput = {
  user: StaffUser;
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

export type ChangePasswordResult = { ok: true; token: string } | { ok: false; errors: FieldError[] };

export async function changePassword(db: Database, input: ChangePasswordInput): Promise<ChangePasswordResult> {
  const now = input.now ?? new Date();
  const credentials = await findCredentials(db, input.user.id);
  const errors: FieldError[] = [];
  if (!credentials?.passwordHash || !(await verifyPassword(credentials.passwordHash, input.currentPassword))) {
    errors.push({ field: PASSWORD_FIELDS.current, message: "現在のパスワードが正しくありません" });
  }
  const problems = passwordProblems(input.newPassword, input.user.loginId);
  if (problems.length > 0) errors.push({ field: PASSWORD_FIELDS.new, message: problems.join("。") });
  else if (input.currentPassword === input.newPassword) {
    errors.push({ field: PASSWORD_FIELDS.new, message: "現在のパスワードとは異なるパスワードにしてください" });
  }
  if (input.newPassword !== input.confirmation) {
    errors.push({ field: PASSWORD_FIELDS.confirmation, message: "確認のため、新しいパスワードと同じものを入力してください" });
  }
  const context = { municipalityId: input.user.municipalityId, actor: userActor(input.user), ip: input.client.ip };
  if (errors.length > 0) {
    if (errors[0]!.field === PASSWORD_FIELDS.current) {
      await withAudit(db, context, (_tx, audit) =>
        audit({ action: "user.password_change_failed", entityType: "app_user", entityId: input.user.id, after: { reason: "wrong_password" } }),
      );
    }
    return { ok: false, errors };
  }
  const hash = await hashPassword(input.newPassword);
  return withAudit(db, context, async (tx, audit) => {
    await setPasswordHash(tx, input.user.id, hash, false);
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
