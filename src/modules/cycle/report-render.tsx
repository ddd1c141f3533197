/**
 * Renders the report page for a handler: loads what the page shows beside
 * the report (actuals, DO entries, contributions, history), computes the
 * user's abilities once and passes them to the view.
 */
import type { Context } from "hono";
import type { SignedIn } from "../accounts/staff-area.ts";
import { japanDate } from "./domain/deadlines.ts";
import { nextStep } from "./domain/tasks.ts";
import { actorFor, reportAbilities } from "./policy.ts";
import { canDesignateLead, type CycleDeps, type ReportScope } from "./route-support.ts";
import { listContributions, listDoEntries, listEvents, listKpiActuals } from "./repository/report-queries.ts";
import { ReportPage, type ReportPageState } from "./views/report-page.tsx";

export const REPORT_NOTICES: Record<string, string> = {
  saved: "報告を保存しました。",
  unchanged: "変更はありませんでした。",
  do_added: "DOの記録を追加しました。",
  contribution_saved: "関係課の取組を保存しました。",
  approve: "承認しました。担当職員が事務局へ提出できます。",
  reopen: "承認を取り消しました。報告は作成中に戻りました。",
  submit: "事務局へ提出しました。",
  revise: "報告を作成中に戻しました。修正後、課長の承認を受けて再提出してください。",
  check: "事務局確認を終え、委員会審査に回しました。",
  return: "報告を差し戻しました。担当課にメールで知らせます。",
  comment: "コメントを記録しました。",
  finalise: "評価を確定しました。",
  publish: "公表しました。",
  grade_changed: "評価を変更しました。",
  lead_set: "主担当課を指定しました。",
};

export async function renderReport(
  c: Context,
  deps: CycleDeps,
  scope: ReportScope,
  signedIn: SignedIn,
  options: { status?: 200 | 400 | 409; state?: ReportPageState; notice?: string; unmailed?: string[] } = {},
) {
  const { db } = deps;
  const { report } = scope;
  const [actuals, entries, contributions, events] = await Promise.all([
    listKpiActuals(db, [report.id]),
    listDoEntries(db, report.id),
    listContributions(db, report.id),
    listEvents(db, report.id),
  ]);
  const abilities = reportAbilities(signedIn.user, scope.access);
  return c.html(
    <ReportPage
      municipality={scope.municipality}
      staff={{ user: signedIn.user, csrfToken: signedIn.csrfToken }}
      cycle={scope.cycle}
      plan={scope.plan}
      initiative={scope.initiative}
      report={report}
      leadDivision={scope.divisions.find((d) => d.id === report.leadDivisionId)}
      responsibleDivisions={scope.responsibleDivisions}
      actuals={actuals.get(report.id) ?? new Map()}
      entries={entries}
      contributions={contributions}
      events={events}
      abilities={abilities}
      canDesignateLead={canDesignateLead(signedIn, scope)}
      today={japanDate(new Date())}
      next={nextStep(report.state, actorFor(signedIn.user, scope.access), scope.divisions.find((d) => d.id === report.leadDivisionId)?.name)}
      unmailed={options.unmailed}
      notice={options.notice ? REPORT_NOTICES[options.notice] : undefined}
      state={options.state}
    />,
    options.status ?? 200,
  );
}
