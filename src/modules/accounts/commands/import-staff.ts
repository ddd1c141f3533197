/**
 * The staff CSV for the April transfers: reading a file into a plan (for the
 * preview), keeping the previewed file, and applying it — in one transaction
 * or not at all, audited with the file's SHA-256.
 *
 * New accounts get temporary passwords that are returned once, to be shown
 * on the result page and handed over in person, like a single new account's
 * (decision 027): never stored, never mailed.
 */
import { createHash } from "node:crypto";
import { withAudit } from "../../../core/audit/audit.ts";
import { readCsvUpload } from "../../../core/csv/read-csv-upload.ts";
import type { CsvEncoding } from "../../../core/csv/decode-upload.ts";
import type { Database, Queryable } from "../../../core/db/database.ts";
import { generateTemporaryPassword, hashPassword } from "../domain/password-hash.ts";
import { changeCount, planDigest, planStaffImport, STAFF_CSV_RULES, type ImportPlan } from "../domain/staff-import.ts";
import { claimStaffImport, findStaffImport, insertStaffImport } from "../repository/staff-import-repository.ts";
import { listDivisions, listUsers } from "../repository/user-queries.ts";
import { insertUser, replaceRoles, setDivision, setEmail } from "../repository/user-writes.ts";
import { disable } from "./account-lifecycle.ts";
import type { CommandContext } from "./manage-users.ts";

export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export type ReadStaffFile =
  | { ok: true; encoding: CsvEncoding; plan: ImportPlan; digest: string }
  /** The file as a whole could not be read (encoding, header, size): messages without a line. */
  | { ok: false; messages: string[] };

/** Reads the file and plans it against the municipality's accounts as they are now (in `db`, a transaction when applying). */
export async function readStaffFile(db: Queryable, context: CommandContext, bytes: Uint8Array): Promise<ReadStaffFile> {
  const upload = readCsvUpload(bytes, STAFF_CSV_RULES);
  if (!upload.ok) return { ok: false, messages: upload.messages };
  const plan = planStaffImport(upload.records, {
    users: await listUsers(db, context.municipalityId),
    divisions: await listDivisions(db, context.municipalityId),
    actorUserId: context.actor.userId,
  });
  return { ok: true, encoding: upload.encoding, plan, digest: planDigest(plan) };
}

/** Keeps a file whose plan has no problems, for its preview page and confirmation. */
export async function keepStaffFile(db: Database, context: CommandContext, file: { name: string; bytes: Uint8Array }): Promise<number> {
  return db.transaction((tx) =>
    insertStaffImport(tx, {
      municipalityId: context.municipalityId,
      userId: context.actor.userId!,
      fileName: file.name.slice(0, 200) || "（名前なし）",
      fileSha256: sha256Hex(file.bytes),
      content: file.bytes,
    }),
  );
}

export type NewAccount = { loginId: string; displayName: string; division: string | null; temporaryPassword: string };

export type ApplyResult =
  | { ok: true; plan: ImportPlan; newAccounts: NewAccount[] }
  /** applied: this file was applied already. changed: the accounts changed since the preview (the new plan is given). */
  | { ok: false; reason: "missing" | "applied" }
  | { ok: false; reason: "changed" | "problems"; plan: ImportPlan; digest: string; encoding: CsvEncoding };

export async function applyStaffImport(
  db: Database,
  context: CommandContext,
  input: { importId: number; previewedDigest: string; now?: Date },
): Promise<ApplyResult> {
  const now = input.now ?? new Date();
  const stored = await findStaffImport(db, context.municipalityId, input.importId);
  if (!stored) return { ok: false, reason: "missing" };
  if (!stored.content) return { ok: false, reason: "applied" };
  const content = stored.content;
  // Passwords are hashed (slowly) before the transaction, for the additions as previewed.
  const first = await readStaffFile(db, context, content);
  if (!first.ok) return { ok: false, reason: "missing" };
  const passwords = new Map<string, { password: string; hash: string }>();
  for (const add of first.plan.adds) {
    const password = generateTemporaryPassword();
    passwords.set(add.loginId.toLowerCase(), { password, hash: await hashPassword(password) });
  }
  return withAudit(db, context, async (tx, audit): Promise<ApplyResult> => {
    // Planned again inside the transaction: what is applied is checked against the accounts as they are now.
    const read = await readStaffFile(tx, context, content);
    if (!read.ok) return { ok: false, reason: "missing" };
    const { plan, digest, encoding } = read;
    if (plan.problems.length > 0) return { ok: false, reason: "problems", plan, digest, encoding };
    if (digest !== input.previewedDigest || plan.adds.some((a) => !passwords.has(a.loginId.toLowerCase()))) {
      return { ok: false, reason: "changed", plan, digest, encoding };
    }
    if (!(await claimStaffImport(tx, context.municipalityId, stored.id, now))) return { ok: false, reason: "applied" };
    const via = { staffImport: stored.id, fileSha256: stored.fileSha256 };
    const newAccounts: NewAccount[] = [];
    for (const add of plan.adds) {
      const secret = passwords.get(add.loginId.toLowerCase())!;
      const userId = await insertUser(tx, {
        municipalityId: context.municipalityId,
        loginId: add.loginId,
        displayName: add.displayName,
        email: add.email,
        divisionId: add.divisionId,
        passwordHash: secret.hash,
        mustChangePassword: true,
      });
      await replaceRoles(tx, userId, [add.role]);
      await audit({
        action: "user.create",
        entityType: "app_user",
        entityId: userId,
        after: { loginId: add.loginId, displayName: add.displayName, email: add.email, divisionId: add.divisionId, roles: [add.role], ...via },
      });
      newAccounts.push({ loginId: add.loginId, displayName: add.displayName, division: add.division, temporaryPassword: secret.password });
    }
    for (const move of plan.moves) {
      const id = move.user.id;
      if (move.division) {
        await setDivision(tx, id, move.division.after?.id ?? null);
        await audit({
          action: "user.division_change",
          entityType: "app_user",
          entityId: id,
          before: { divisionId: move.division.before?.id ?? null, division: move.division.before?.name ?? null },
          after: { divisionId: move.division.after?.id ?? null, division: move.division.after?.name ?? null, ...via },
        });
      }
      if (move.roles) {
        await replaceRoles(tx, id, move.roles.after);
        await audit({ action: "user.roles_change", entityType: "app_user", entityId: id, before: { roles: move.roles.before }, after: { roles: move.roles.after, ...via } });
      }
      if (move.email) {
        await setEmail(tx, id, move.email.after);
        await audit({ action: "user.email_change", entityType: "app_user", entityId: id, before: { email: move.email.before }, after: { email: move.email.after, ...via } });
      }
    }
    for (const d of plan.deactivations) await disable(tx, d.user, now, audit, via);
    await audit({
      action: "user.import",
      entityType: "staff_import",
      entityId: stored.id,
      after: {
        fileName: stored.fileName,
        fileSha256: stored.fileSha256,
        added: plan.adds.length,
        moved: plan.moves.length,
        deactivated: plan.deactivations.length,
        unchanged: plan.unchanged.length,
        changes: changeCount(plan),
      },
    });
    return { ok: true, plan, newAccounts };
  });
}
