/**
 * The audit trail. A command writes its audit record inside the transaction
 * that makes the change, so a change without its record (or a record of a
 * change that was rolled back) cannot exist.
 *
 *   await withAudit(db, { municipalityId, actor, ip }, async (tx, audit) => {
 *     await unlockUser(tx, …);
 *     await audit({ action: "account.unlock", entityType: "app_user", entityId: id, before, after });
 *   });
 */
import type { Database, Queryable } from "../db/database.ts";
import { insertAuditRow } from "./audit-repository.ts";

/** Who acted: a signed-in user, or a label for those without an account (the CLI, an anonymous sign-in attempt). */
export type AuditActor = { userId: number | null; label: string };

export type AuditEntry = {
  municipalityId: number | null;
  actor: AuditActor;
  /** Dotted verb, e.g. "auth.sign_in", "user.roles_change". */
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
};

export async function recordAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  await insertAuditRow(tx, {
    municipalityId: entry.municipalityId,
    actorUserId: entry.actor.userId,
    actorLabel: entry.actor.label,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId === null ? null : String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: entry.ip ?? null,
  });
}

export type AuditContext = Pick<AuditEntry, "municipalityId" | "actor" | "ip">;
export type Audit = (entry: Omit<AuditEntry, keyof AuditContext>) => Promise<void>;

/** Runs `work` in one transaction with an `audit` function bound to who acts, where and from which address. */
export function withAudit<T>(db: Database, context: AuditContext, work: (tx: Queryable, audit: Audit) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx, (entry) => recordAudit(tx, { ...context, ...entry })));
}
