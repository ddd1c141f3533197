/**
 * recordAuditExport: an export of the audit log is itself a record in it.
 * Reading changes nothing, so the record has a transaction of its own,
 * committed before the first byte of the file is sent: an export that was
 * begun is on record even if the download is then broken off.
 */
import { withAudit, type AuditContext } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import type { AuditFilter } from "../filters.ts";

export type ExportDetail = {
  filter: AuditFilter;
  /** How many records the file holds. */
  rows: number;
  /** The newest record in it; later ones (including this export's own) are not. */
  upToId: number | null;
};

export async function recordAuditExport(db: Database, context: AuditContext, detail: ExportDetail): Promise<void> {
  await withAudit(db, context, (_tx, audit) =>
    audit({
      action: "audit.export",
      entityType: "audit_log",
      entityId: null,
      after: { format: "csv", filter: withoutUndefined(detail.filter), rows: detail.rows, upToId: detail.upToId },
    }),
  );
}

const withoutUndefined = (filter: AuditFilter) => Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
