/**
 * The audit trail's SQL. Rows are only ever inserted: the database refuses
 * UPDATE, DELETE and TRUNCATE on audit_log (migrations/0002_accounts.sql).
 */
import type { Queryable } from "../db/database.ts";

export type AuditRow = {
  id: number;
  municipalityId: number | null;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  at: Date;
};

export type NewAuditRow = Omit<AuditRow, "id" | "at">;

export async function insertAuditRow(tx: Queryable, row: NewAuditRow): Promise<void> {
  await tx.query(
    `insert into audit_log (municipality_id, actor_user_id, actor_label, action, entity_type, entity_id, before, after, ip)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      row.municipalityId,
      row.actorUserId,
      row.actorLabel,
      row.action,
      row.entityType,
      row.entityId,
      // jsonb parameters go as JSON text: both drivers would otherwise guess differently for arrays.
      row.before === undefined || row.before === null ? null : JSON.stringify(row.before),
      row.after === undefined || row.after === null ? null : JSON.stringify(row.after),
      row.ip,
    ],
  );
}

export type AuditQuery = {
  entityType?: string;
  entityId?: string;
  limit: number;
  /** Only rows older than this id: the page after a previous page (newest first). */
  before?: number;
};

/** A municipality's audit rows, newest first, optionally for one entity. */
export async function listAudit(db: Queryable, municipalityId: number, query: AuditQuery): Promise<AuditRow[]> {
  const rows = await db.query<AuditDbRow>(
    `select ${AUDIT_COLUMNS}
       from audit_log
      where municipality_id = $1
        and ($2::text is null or entity_type = $2)
        and ($3::text is null or entity_id = $3)
        and ($4::bigint is null or id < $4)
      order by id desc
      limit $5`,
    [municipalityId, query.entityType ?? null, query.entityId ?? null, query.before ?? null, query.limit],
  );
  return rows.map(toAuditRow);
}

/** The columns, row shape and mapping every audit read shares (see also audit-trail's queries). */
export const AUDIT_COLUMNS = "id, municipality_id, actor_user_id, actor_label, action, entity_type, entity_id, before, after, ip, at";

export type AuditDbRow = {
  id: number;
  municipality_id: number | null;
  actor_user_id: number | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  at: Date;
};

export const toAuditRow = (r: AuditDbRow): AuditRow => ({
  id: r.id,
  municipalityId: r.municipality_id,
  actorUserId: r.actor_user_id,
  actorLabel: r.actor_label,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  before: r.before,
  after: r.after,
  ip: r.ip,
  at: new Date(r.at),
});
