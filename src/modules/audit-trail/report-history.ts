/**
 * The third source of an initiative's history: the events of its yearly
 * reports (opened, saved, approved, returned with a comment, finalised,
 * published …) from the PDCA cycle module's append-only report_event table.
 */
import { warekiFiscalYear } from "../../core/format/fiscal-year.ts";
import type { Queryable } from "../../core/db/database.ts";
import { ACTION_LABELS, STATE_LABELS, type ReportAction, type ReportState } from "../cycle/domain/report-workflow.ts";
import type { HistoryEntry } from "./domain/history.ts";
import { MAX_AUDIT_ENTRIES } from "./initiative-history.ts";
import { listReportEvents } from "./repository/audit-queries.ts";

/** Event actions that are not workflow actions, in words. */
const OTHER_ACTIONS: Record<string, string> = {
  open: "評価の開始（報告の作成）",
  change_grade: "CIOによる評価の変更",
  designate_lead: "主担当課の指定",
  publish: "公表",
  correct: "公表後の訂正（事務局）",
};

export async function reportEntries(db: Queryable, initiativeId: number): Promise<HistoryEntry[]> {
  const events = await listReportEvents(db, initiativeId, MAX_AUDIT_ENTRIES);
  return events.map((e) => {
    const label = ACTION_LABELS[e.action as ReportAction] ?? OTHER_ACTIONS[e.action] ?? e.action;
    const stateChanged = e.fromState !== null && e.toState !== null && e.fromState !== e.toState;
    return {
      at: e.at,
      who: e.actorLabel,
      kind: "report",
      summary: `${warekiFiscalYear(e.fiscalYear)}の報告: ${label}`,
      detail: {
        reason: e.comment ?? undefined,
        changes: stateChanged
          ? [
              {
                subject: "報告の状態",
                field: null,
                before: STATE_LABELS[e.fromState as ReportState] ?? e.fromState,
                after: STATE_LABELS[e.toState as ReportState] ?? e.toState,
              },
            ]
          : [],
      },
    };
  });
}
