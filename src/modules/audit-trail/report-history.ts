/**
 * The third source of an initiative's history: the events of its yearly
 * reports (opened, saved, approved, returned with a comment, finalised,
 * published …) from the PDCA cycle module's append-only report_event table.
 *
 * A report's events carry what the report page guards (return comments,
 * committee comments, the CIO's reasons), so each year's report is shown by
 * the report page's own rule (cycle/policy.ts canView): a report the user
 * may not read contributes nothing, except that a published report's
 * publication itself is public knowledge.
 */
import { warekiFiscalYear } from "../../core/format/fiscal-year.ts";
import type { Queryable } from "../../core/db/database.ts";
import type { StaffUser } from "../accounts/user.ts";
import { ACTION_LABELS, STATE_LABELS, type ReportAction, type ReportState } from "../cycle/domain/report-workflow.ts";
import { responsibleDivisionIds } from "../cycle/domain/responsibility.ts";
import { reportAbilities } from "../cycle/policy.ts";
import { listCollectiveMembers, listMunicipalityDivisions } from "../cycle/repository/cycle-queries.ts";
import type { Initiative } from "../plan/plan.ts";
import type { HistoryEntry } from "./domain/history.ts";
import { MAX_AUDIT_ENTRIES } from "./initiative-history.ts";
import { listReportEvents, type ReportEventRow } from "./repository/audit-queries.ts";

/** May this user read this report (the report page's rule, decided by the caller)? */
export type ReportReadable = (report: ReportEventRow["report"]) => boolean;

/** Event actions that are not workflow actions, in words. */
const OTHER_ACTIONS: Record<string, string> = {
  open: "評価の開始（報告の作成）",
  change_grade: "CIOによる評価の変更",
  designate_lead: "主担当課の指定",
  publish: "公表",
  correct: "公表後の訂正（事務局）",
};

/**
 * The report page's rule for this user and this initiative's reports: the
 * responsible divisions resolved as the report page resolves them
 * (cycle/route-support.ts loadReportScope), each report's own state and lead.
 */
export async function reportReadability(
  db: Queryable,
  user: Pick<StaffUser, "roles" | "division">,
  municipalityId: number,
  planId: number,
  initiative: Pick<Initiative, "id" | "divisions">,
): Promise<ReportReadable> {
  const [divisions, members] = await Promise.all([listMunicipalityDivisions(db, municipalityId), listCollectiveMembers(db, planId)]);
  const responsible = new Set(
    responsibleDivisionIds(initiative, members.get(initiative.id) ?? new Map(), divisions.map((d) => d.id)),
  );
  return (report) =>
    reportAbilities(user, {
      state: report.state as ReportState,
      leadDivisionId: report.leadDivisionId,
      responsibleDivisionIds: responsible,
    }).canView;
}

export async function reportEntries(db: Queryable, initiativeId: number, mayRead: ReportReadable): Promise<HistoryEntry[]> {
  const events = await listReportEvents(db, initiativeId, MAX_AUDIT_ENTRIES);
  const readable = new Map<number, boolean>();
  const shown = events.flatMap((e) => {
    if (!readable.has(e.report.id)) readable.set(e.report.id, mayRead(e.report));
    if (readable.get(e.report.id)) return [e];
    // Unreadable: only the fact of publication, without any words attached to it.
    return e.report.state === "published" && e.action === "publish" ? [{ ...e, comment: null }] : [];
  });
  return shown.map((e) => {
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
                subject: `${warekiFiscalYear(e.fiscalYear)}の報告`,
                field: "報告の状態",
                before: STATE_LABELS[e.fromState as ReportState] ?? e.fromState,
                after: STATE_LABELS[e.toState as ReportState] ?? e.toState,
              },
            ]
          : [],
      },
    };
  });
}
