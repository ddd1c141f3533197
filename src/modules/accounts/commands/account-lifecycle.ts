/**
 * The administrator's commands on an existing account: a temporary password
 * reissued, the second factor reset, deactivation and reactivation, a new
 * division. Each is one transaction with its audit record, on a user looked
 * up within the administrator's municipality.
 *
 * An administrator cannot use them on their own account (they would end
 * their own session, or skip the proof that replacing one's own
 * authenticator asks for): their own password and app are changed from
 * their own pages. A reissued password, a reset second factor and a
 * deactivation end all of the person's sessions at once: whoever held the
 * old password or phone is out.
 */
import { withAudit, type Audit } from "../../../core/audit/audit.ts";
import type { Database, Queryable } from "../../../core/db/database.ts";
import { generateTemporaryPassword, hashPassword } from "../domain/password-hash.ts";
import { deleteUserSessions } from "../repository/session-repository.ts";
import { findDivision, findUser } from "../repository/user-queries.ts";
import { clearFailures, clearTotp, setDisabledAt, setDivision, setPasswordHash } from "../repository/user-writes.ts";
import type { StaffUser } from "../user.ts";
import type { CommandContext } from "./manage-users.ts";

export type LifecycleRefusal = { ok: false; message: string };

/** Refusals the pages show as they are. */
const SELF = {
  password: "ご自身のパスワードは「パスワードの変更」から変更してください。",
  totp: "ご自身の認証アプリは「認証アプリの変更」から変更してください。",
  deactivate: "ご自身のアカウントは停止できません。別のシステム管理者に依頼してください。",
} as const;

const isSelf = (context: CommandContext, userId: number) => context.actor.userId === userId;

async function load(tx: Queryable, context: CommandContext, userId: number) {
  return findUser(tx, context.municipalityId, userId);
}
const missing: LifecycleRefusal = { ok: false, message: "この利用者は登録されていません。" };

/**
 * A new temporary password, returned once to be handed over in person. The
 * person must replace it at their next sign-in; a lock is lifted with it
 * (a locked-out person asking for a new password is the usual case).
 */
export async function reissueTemporaryPassword(
  db: Database,
  context: CommandContext,
  userId: number,
): Promise<{ ok: true; temporaryPassword: string; sessionsEnded: number } | LifecycleRefusal> {
  if (isSelf(context, userId)) return { ok: false, message: SELF.password };
  const temporaryPassword = generateTemporaryPassword();
  const hash = await hashPassword(temporaryPassword); // slow: before the transaction
  return withAudit(db, context, async (tx, audit) => {
    const user = await load(tx, context, userId);
    if (!user) return missing;
    if (!user.hasPassword) {
      return { ok: false, message: "この利用者は庁内の認証基盤でサインインするため、パスワードを持ちません。" };
    }
    await setPasswordHash(tx, userId, hash, true);
    await clearFailures(tx, userId);
    const sessionsEnded = await deleteUserSessions(tx, userId);
    await audit({
      action: "user.password_reissue",
      entityType: "app_user",
      entityId: userId,
      // Never the password or its hash: the audit log is read by people who must not have them.
      before: { mustChangePassword: user.mustChangePassword, lockedAt: user.lockedAt?.toISOString() ?? null },
      after: { mustChangePassword: true, lockedAt: null, sessionsEnded },
    });
    return { ok: true, temporaryPassword, sessionsEnded };
  });
}

/** Forgets the authenticator app (a lost or replaced phone); the person enrols again at the next sign-in. */
export async function resetTwoFactor(
  db: Database,
  context: CommandContext,
  userId: number,
): Promise<{ ok: true; changed: boolean } | LifecycleRefusal> {
  if (isSelf(context, userId)) return { ok: false, message: SELF.totp };
  return withAudit(db, context, async (tx, audit) => {
    const user = await load(tx, context, userId);
    if (!user) return missing;
    if (!user.totpEnabled && !user.mustEnrolTotp) return { ok: true, changed: false };
    await clearTotp(tx, userId, true);
    const sessionsEnded = await deleteUserSessions(tx, userId);
    await audit({
      action: "user.two_factor_reset",
      entityType: "app_user",
      entityId: userId,
      before: { totpEnabled: user.totpEnabled },
      after: { totpEnabled: false, mustEnrolTotp: true, sessionsEnded },
    });
    return { ok: true, changed: true };
  });
}

/** A deactivated account cannot sign in; its sessions end now. Nothing is deleted: its history stays attributed. */
export async function deactivateUser(
  db: Database,
  context: CommandContext,
  userId: number,
  now = new Date(),
): Promise<{ ok: true; changed: boolean } | LifecycleRefusal> {
  if (isSelf(context, userId)) return { ok: false, message: SELF.deactivate };
  return withAudit(db, context, async (tx, audit) => {
    const user = await load(tx, context, userId);
    if (!user) return missing;
    if (user.disabledAt) return { ok: true, changed: false };
    await disable(tx, user, now, audit);
    return { ok: true, changed: true };
  });
}

/** Shared with the staff import, which deactivates in its own transaction. */
export async function disable(
  tx: Queryable,
  user: StaffUser,
  now: Date,
  audit: Audit,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await setDisabledAt(tx, user.id, now);
  const sessionsEnded = await deleteUserSessions(tx, user.id);
  await audit({
    action: "user.deactivate",
    entityType: "app_user",
    entityId: user.id,
    before: { disabledAt: null },
    after: { disabledAt: now.toISOString(), sessionsEnded, ...extra },
  });
}

export async function reactivateUser(db: Database, context: CommandContext, userId: number): Promise<{ ok: true; changed: boolean } | LifecycleRefusal> {
  return withAudit(db, context, async (tx, audit) => {
    const user = await load(tx, context, userId);
    if (!user) return missing;
    if (!user.disabledAt) return { ok: true, changed: false };
    await setDisabledAt(tx, userId, null);
    await audit({
      action: "user.reactivate",
      entityType: "app_user",
      entityId: userId,
      before: { disabledAt: user.disabledAt.toISOString() },
      after: { disabledAt: null },
    });
    return { ok: true, changed: true };
  });
}

/** A new division (or none), recorded with the names before and after, readable without a join. */
export async function changeDivision(
  db: Database,
  context: CommandContext,
  userId: number,
  divisionId: number | null,
): Promise<{ ok: true; changed: boolean } | LifecycleRefusal> {
  return withAudit(db, context, async (tx, audit) => {
    const user = await load(tx, context, userId);
    if (!user) return missing;
    const division = divisionId === null ? null : await findDivision(tx, context.municipalityId, divisionId);
    if (divisionId !== null && !division) return { ok: false, message: "所属を一覧から選んでください" };
    if ((user.division?.id ?? null) === divisionId) return { ok: true, changed: false };
    await setDivision(tx, userId, divisionId);
    await audit({
      action: "user.division_change",
      entityType: "app_user",
      entityId: userId,
      before: { divisionId: user.division?.id ?? null, division: user.division?.name ?? null },
      after: { divisionId, division: division?.name ?? null },
    });
    return { ok: true, changed: true };
  });
}
