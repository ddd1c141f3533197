/**
 * "What waits for me": a user's task on a report, derived from the workflow
 * state machine (report-workflow.ts availableActions) — never a second copy
 * of its rules. Pure: the home page and 自分の作業 compose it with the
 * repository's reports; the report page uses nextStep() to say what happens
 * next and who takes the step.
 */
import type { Deadlines, IsoDate } from "../cycle.ts";
import { daysBetween } from "./deadlines.ts";
import { availableActions, REPORT_STATES, type Actor, type ReportState } from "./report-workflow.ts";

/**
 * What a report asks of this user, strongest first. "contribute" (a co-responsible
 * division's optional part) is offered but never urgent. "review" is the committee's
 * comment: the secretariat and the CIO may comment too, but a report under review
 * waits for the CIO's finalisation, not for their comments.
 */
export type TaskKind = "revise" | "approve" | "submit" | "write" | "contribute" | "check" | "finalise" | "review" | "publish";

export const TASK_LABELS: Record<TaskKind, string> = {
  revise: "差戻しの修正",
  approve: "課長承認",
  submit: "事務局へ提出",
  write: "報告の入力",
  contribute: "関係課としての入力（任意）",
  check: "事務局確認",
  finalise: "評価の確定（CIO）",
  review: "委員会の審査（コメント）",
  publish: "公表",
};

export function taskFor(state: ReportState, actor: Actor): TaskKind | undefined {
  const now = new Set(availableActions(state, actor));
  if (now.has("revise")) return "revise";
  if (now.has("approve")) return "approve";
  if (now.has("submit")) return "submit";
  if (now.has("edit")) return actor.isLeadDivision ? "write" : "contribute";
  if (now.has("check")) return "check";
  if (now.has("finalise")) return "finalise";
  if (now.has("comment") && actor.roles.has("committee_member")) return "review";
  if (now.has("publish")) return "publish";
  return undefined;
}

/** The deadline the report's next step is due by (none once the grade is final). */
export function dueFor(state: ReportState, deadlines: Deadlines): IsoDate | null {
  switch (state) {
    case "draft":
    case "head_approved":
    case "returned":
      return deadlines.reportDue;
    case "submitted":
      return deadlines.reviewDue;
    case "in_review":
      return deadlines.committeeDue;
    default:
      return null;
  }
}

/** 「あと3日」「今日まで」「2日超過」 */
export function daysLeftLabel(due: IsoDate, today: IsoDate): string {
  const days = daysBetween(today, due);
  if (days > 0) return `あと${days}日`;
  if (days === 0) return "今日まで";
  return `${-days}日超過`;
}

export type TaskOrderKey = { state: ReportState; kind: TaskKind; due: IsoDate | null; initiativeNumber: number; fiscalYear: number };

/** Returned reports first, optional contributions last; in between the earliest deadline first. */
export function compareTasks(a: TaskOrderKey, b: TaskOrderKey): number {
  const rank = (t: TaskOrderKey) => (t.state === "returned" ? 0 : t.kind === "contribute" ? 2 : 1);
  return (
    rank(a) - rank(b) ||
    (a.due ?? "9999-12-31").localeCompare(b.due ?? "9999-12-31") ||
    a.fiscalYear - b.fiscalYear ||
    a.initiativeNumber - b.initiativeNumber
  );
}

export type StageCounts = Record<ReportState, number>;

export function stageCounts(states: readonly ReportState[]): StageCounts {
  const counts = Object.fromEntries(REPORT_STATES.map((s) => [s, 0])) as StageCounts;
  for (const s of states) counts[s] += 1;
  return counts;
}

/**
 * What happens next to a report and who takes the step, in the words of the
 * page: `mine` when the step is this user's (their task), else who waits.
 */
export function nextStep(state: ReportState, actor: Actor, leadName: string | undefined): { mine: boolean; text: string } {
  const task = taskFor(state, actor);
  const lead = leadName ? `主担当課（${leadName}）` : "主担当課（事務局が指定します）";
  switch (task) {
    case "revise":
      return { mine: true, text: "差戻しの理由を確認し、「修正を始める」で作成中に戻して修正してください。修正後、課長の承認を経て事務局へ再提出します。" };
    case "approve":
      return { mine: true, text: "内容を確認し、「課長として承認する」を押してください。入力を直した場合は、その内容で保存してから承認されます。承認後に事務局へ提出できます。" };
    case "submit":
      return { mine: true, text: "課長の承認が済みました。「事務局へ提出する」を押して、事務局（デジタル推進課）へ提出してください。" };
    case "write":
      return { mine: true, text: "報告を入力して保存してください。課長の承認後に事務局へ提出できます。" };
    case "contribute":
      return { mine: true, text: `${lead}が報告をまとめます。関係課として実施した取組を入力できます（任意）。` };
    case "check":
      return { mine: true, text: "事務局として内容を確認し、委員会審査に回すか、理由を添えて差し戻してください。" };
    case "finalise":
      return { mine: true, text: "委員会の審査を踏まえて評価を確定してください。必要なら評価を変更（理由が必要）するか、差し戻せます。" };
    case "review":
      return { mine: true, text: "委員として内容を審査し、コメントを入力してください。評価はCIOが確定します。" };
    case "publish":
      return { mine: true, text: "評価が確定しました。「自己評価の状況」のページで公表する内容を確認し、公表してください。" };
    case undefined:
      return { mine: false, text: WAITING_FOR[state](lead) };
  }
}

const WAITING_FOR: Record<ReportState, (lead: string) => string> = {
  draft: (lead) => `${lead}が作成中です。課長の承認後に事務局へ提出できます。`,
  head_approved: (lead) => `課長が承認しました。${lead}が事務局へ提出します。`,
  submitted: () => "事務局（デジタル推進課）が内容を確認し、委員会審査に回します。",
  returned: (lead) => `差し戻されました。${lead}が修正し、課長の承認を経て再提出します。`,
  in_review: () => "デジタル化推進委員会が審査中です。CIOが評価を確定します。",
  finalised: () => "評価は確定しました。事務局が市民向けページに公表します。",
  published: () => "公表済みです。次の手順はありません（誤りがあれば事務局が訂正します）。",
};
