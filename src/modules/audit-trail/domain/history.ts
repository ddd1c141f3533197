/**
 * The history of one initiative as one list, whatever its sources: the plan
 * revisions that changed it, the audit records of the initiative and its
 * KPIs, and the events of its yearly reports (report-history.ts).
 * Each source turns its own records into HistoryEntry; mergeHistory puts
 * them in one order. Pure.
 *
 *   mergeHistory(revisionEntries, auditEntries, reportEntries)
 */

/** Where an entry came from. */
export type HistoryKind = "revision" | "audit" | "report";

export const HISTORY_KIND_LABELS: Record<HistoryKind, string> = {
  revision: "計画の改訂",
  audit: "操作の記録",
  report: "自己評価の報告",
};

/** One changed value: what, which attribute, before and after — already worded for people. */
export type HistoryChange = {
  subject: string;
  /** null when the subject as a whole was added or removed. */
  field: string | null;
  before: string | null;
  after: string | null;
};

export type HistoryEntry = {
  at: Date;
  /** Who acted, readable on its own (an audit actor label, a revision's publisher). */
  who: string;
  kind: HistoryKind;
  /** One line: 第2版の公開, 役割の変更, 報告の提出 … */
  summary: string;
  detail: {
    /** Why, in the actor's words: a revision's reason, a report event's comment. */
    reason?: string;
    changes: HistoryChange[];
  };
};

/**
 * All entries of all sources, newest first. Entries at the same instant keep
 * the order of their sources as given, and their order within a source.
 */
export function mergeHistory(...sources: readonly (readonly HistoryEntry[])[]): HistoryEntry[] {
  // Array.prototype.sort is stable (ES2019), so ties keep the concatenation order.
  return sources.flat().sort((a, b) => b.at.getTime() - a.at.getTime());
}
