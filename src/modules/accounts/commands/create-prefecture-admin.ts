/**
 * createPrefectureAdmin: the instance operator's command (CLI) that gives a
 * prefecture its administrator (decision 037). Like a municipality's first
 * administrator, the account starts with a temporary password shown once and
 * must enrol a second factor and choose its own password at first sign-in.
 * Audited with no municipality: the account belongs to none.
 */
import { withAudit, type AuditActor } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import { generateTemporaryPassword, hashPassword } from "../domain/password-hash.ts";
import { insertPrefectureAdmin, prefectureLoginIdTaken } from "../repository/prefecture-admin-queries.ts";

export type NewPrefectureAdmin = { prefectureCode: string; loginId: string; displayName: string; email: string | null };

export type CreatePrefectureAdminResult = { ok: true; userId: number; temporaryPassword: string } | { ok: false; message: string };

export async function createPrefectureAdmin(
  db: Database,
  context: { actor: AuditActor; ip: string | null },
  input: NewPrefectureAdmin,
): Promise<CreatePrefectureAdminResult> {
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  return withAudit(db, { municipalityId: null, ...context }, async (tx, audit) => {
    if (await prefectureLoginIdTaken(tx, input.prefectureCode, input.loginId)) {
      return { ok: false, message: "このログインIDは既に使われています" };
    }
    const userId = await insertPrefectureAdmin(tx, { ...input, passwordHash });
    await audit({ action: "prefecture_admin.create", entityType: "app_user", entityId: userId, after: { ...input } });
    return { ok: true, userId, temporaryPassword };
  });
}
