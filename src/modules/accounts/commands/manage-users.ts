/**
 * Administrators' commands on accounts: create (with a temporary password),
 * set roles, unlock. Each is one transaction with its audit record; a role
 * change is recorded as a permission change with the roles before and after.
 */
import type { AuditActor } from "../../../core/audit/audit.ts";
import { withAudit } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import type { FieldError } from "../../../core/http/form.ts";
import { generateTemporaryPassword, hashPassword } from "../domain/password-hash.ts";
import type { Role } from "../../tenancy/roles.ts";
import { countActiveAdministrators, findDivision, findUser, lockMunicipality, loginIdTaken } from "../repository/user-queries.ts";
import { clearFailures, insertUser, replaceRoles } from "../repository/user-writes.ts";

export type CommandContext = { municipalityId: number; actor: AuditActor; ip: string | null };

export type NewUserInput = {
  loginId: string;
  displayName: string;
  email: string | null;
  divisionId: number | null;
  roles: Role[];
  /**
   * Only while the municipality has no active administrator (the prefecture
   * administrator's "first administrator", decision 037): checked inside the
   * transaction with the municipality's row locked, so two posts at once
   * cannot both create one.
   */
  onlyAsFirstAdministrator?: boolean;
};

export const NEW_USER_FIELDS = { loginId: "login-id", displayName: "display-name", email: "email", divisionId: "division", roles: "roles-0" } as const;

export type CreateUserResult = { ok: true; userId: number; temporaryPassword: string } | { ok: false; errors: FieldError[] };

/**
 * The temporary password is returned once, to be handed over in person; the
 * user must replace it at first sign-in (must_change_password).
 */
export async function createUser(db: Database, context: CommandContext, input: NewUserInput): Promise<CreateUserResult> {
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  return withAudit(db, context, async (tx, audit) => {
    if (input.onlyAsFirstAdministrator) {
      await lockMunicipality(tx, context.municipalityId);
      if ((await countActiveAdministrators(tx, context.municipalityId)) > 0) {
        return { ok: false, errors: [{ field: NEW_USER_FIELDS.loginId, message: "この市町村には既にシステム管理者がいます。利用者の追加は市町村のシステム管理者が行います" }] };
      }
    }
    const errors: FieldError[] = [];
    if (await loginIdTaken(tx, context.municipalityId, input.loginId)) {
      errors.push({ field: NEW_USER_FIELDS.loginId, message: "このログインIDは既に使われています" });
    }
    if (input.divisionId !== null && !(await findDivision(tx, context.municipalityId, input.divisionId))) {
      errors.push({ field: NEW_USER_FIELDS.divisionId, message: "所属を一覧から選んでください" });
    }
    if (errors.length > 0) return { ok: false, errors };
    const userId = await insertUser(tx, {
      municipalityId: context.municipalityId,
      loginId: input.loginId,
      displayName: input.displayName,
      email: input.email,
      divisionId: input.divisionId,
      passwordHash,
      mustChangePassword: true,
    });
    await replaceRoles(tx, userId, input.roles);
    const { onlyAsFirstAdministrator: _, ...recorded } = input;
    await audit({ action: "user.create", entityType: "app_user", entityId: userId, after: recorded });
    return { ok: true, userId, temporaryPassword };
  });
}

export type SetRolesResult = { ok: true; changed: boolean } | { ok: false; message: string };

export async function setRoles(db: Database, context: CommandContext, userId: number, roles: Role[]): Promise<SetRolesResult> {
  return withAudit(db, context, async (tx, audit) => {
    const user = await findUser(tx, context.municipalityId, userId);
    if (!user) return { ok: false, message: "利用者が見つかりません" };
    const before = [...user.roles].sort();
    const after = [...new Set(roles)].sort();
    if (before.join() === after.join()) return { ok: true, changed: false };
    if (before.includes("administrator") && !after.includes("administrator") && user.disabledAt === null) {
      if ((await countActiveAdministrators(tx, context.municipalityId)) <= 1) {
        return { ok: false, message: "最後のシステム管理者からシステム管理者の役割を外すことはできません。先に別の利用者をシステム管理者にしてください" };
      }
    }
    // An administrator cannot lock themselves out of this page.
    if (context.actor.userId === userId && before.includes("administrator") && !after.includes("administrator")) {
      return { ok: false, message: "ご自身からシステム管理者の役割を外すことはできません。別のシステム管理者に依頼してください" };
    }
    await replaceRoles(tx, userId, after);
    await audit({ action: "user.roles_change", entityType: "app_user", entityId: userId, before: { roles: before }, after: { roles: after } });
    return { ok: true, changed: true };
  });
}

export async function unlockUser(db: Database, context: CommandContext, userId: number): Promise<{ ok: boolean }> {
  return withAudit(db, context, async (tx, audit) => {
    const user = await findUser(tx, context.municipalityId, userId);
    if (!user) return { ok: false };
    if (user.lockedAt === null && user.failedSignIns === 0) return { ok: true };
    await clearFailures(tx, userId);
    await audit({
      action: "account.unlock",
      entityType: "app_user",
      entityId: userId,
      before: { lockedAt: user.lockedAt?.toISOString() ?? null, failedSignIns: user.failedSignIns },
      after: { lockedAt: null, failedSignIns: 0 },
    });
    return { ok: true };
  });
}
