/**
 * The sources of an initiative's history, each turned into HistoryEntry:
 * the published revisions that changed it (diffPlans between consecutive
 * revisions, kept to the initiative's section) and the audit records of the
 * initiative and its KPIs. The route merges them with mergeHistory; the
 * events of its yearly reports come from report-history.ts.
 */
import type { AuditRow } from "../../core/audit/audit-repository.ts";
import type { Queryable } from "../../core/db/database.ts";
import type { ChangeHistory } from "../plan/revisions/change-history.ts";
import { describeRecord } from "./domain/describe-record.ts";
import { NO_NAMES, type AuditNames } from "./domain/describe-values.ts";
import type { HistoryEntry } from "./domain/history.ts";
import { actionLabel } from "./domain/labels.ts";
import { loadAuditNames } from "./repository/audit-names.ts";
import { listInitiativeAudit, type InitiativeRef } from "./repository/audit-queries.ts";

/** Enough for years of use; an initiative with more records shows its newest this many. */
export const MAX_AUDIT_ENTRIES = 500;

/**
 * The published revisions of the plan that changed initiative `number`, and
 * the first version it appeared in. The newest revision is what the plan's
 * tables hold, where the caller found the initiative; walking back, a
 * revision that added it means the one before did not have it.
 */
export async function revisionEntries(history: ChangeHistory, planId: number, number: number): Promise<HistoryEntry[]> {
  const revisions = await history.revisions(planId); // oldest first
  const entries: HistoryEntry[] = [];
  let present = true;
  for (let i = revisions.length - 1; i >= 0 && present; i--) {
    const revision = revisions[i]!;
    const at = revision.publishedAt ?? revision.createdAt;
    const who = revision.publishedBy?.label ?? revision.createdBy.label;
    const reason = revision.reason ?? undefined;
    const previous = revisions[i - 1];
    if (!previous) {
      entries.push({ at, who, kind: "revision", summary: `第${revision.number}版（最初の版）に掲載`, detail: { reason, changes: [] } });
      break;
    }
    const changes = (await history.changes(planId, previous, revision)).filter((c) => c.section.initiativeNumber === number);
    if (changes.length === 0) continue;
    entries.push({
      at,
      who,
      kind: "revision",
      summary: `第${revision.number}版の公開`,
      detail: {
        reason,
        changes: changes.map((c) => ({ subject: c.subject, field: c.field, before: c.before, after: c.after })),
      },
    });
    if (changes.some((c) => c.key === `initiative:${number}` && c.kind === "added")) present = false;
  }
  return entries;
}

/** The audit records whose entity is the initiative or one of its KPIs. */
export async function auditEntries(db: Queryable, municipalityId: number, ref: InitiativeRef): Promise<HistoryEntry[]> {
  const rows = await listInitiativeAudit(db, municipalityId, ref, MAX_AUDIT_ENTRIES);
  const names = await loadAuditNames(db, municipalityId, rows);
  return rows.map((row) => auditEntry(row, ref, names));
}

/** One audit record as a history entry, worded as on the audit log page (describe-record.ts). */
export function auditEntry(row: AuditRow, ref: InitiativeRef, names: AuditNames = NO_NAMES): HistoryEntry {
  const kpi = row.entityType === "kpi" ? ref.kpis.find((k) => String(k.id) === row.entityId) : undefined;
  const subject = kpi ? `数値目標「${kpi.code ? `${kpi.code} ` : ""}${kpi.label}」` : `取組項目${ref.number}`;
  return {
    at: row.at,
    who: row.actorLabel,
    kind: "audit",
    summary: actionLabel(row.action),
    detail: {
      changes: describeRecord(row, names).changes.map((c) => ({ subject, field: c.label, before: c.before, after: c.after })),
    },
  };
}
