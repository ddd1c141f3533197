/**
 * The wording of the cycle's mail, in one place. Plain text (the outbox
 * stores text bodies); links only when the site's public address is known.
 */
import { warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import type { Deadlines } from "../cycle.ts";
import { dateLabel } from "./deadlines.ts";

export type MailText = { kind: string; subject: string; body: string };

type Where = { municipalityName: string; staffUrl: string | undefined };

const footer = (where: Where, path: string) =>
  [
    "",
    where.staffUrl ? `職員用ページ: ${where.staffUrl}${path}` : "職員用ページにサインインして確認してください。",
    "",
    `${where.municipalityName} デジタル推進課（DX推進計画 進行管理システムからの自動送信）`,
  ].join("\n");

const deadlineLines = (d: Deadlines) => [
  `・各課の提出期限: ${dateLabel(d.reportDue)}`,
  `・事務局の確認期限: ${dateLabel(d.reviewDue)}`,
  `・デジタル化推進委員会: ${dateLabel(d.committeeDue)}まで`,
];

export function cycleOpenedMail(where: Where, fiscalYear: number, deadlines: Deadlines): MailText {
  const year = warekiFiscalYear(fiscalYear);
  return {
    kind: "cycle_opened",
    subject: `${year}の自己評価を開始しました`,
    body: [
      `${year}の取組実績の自己評価（PDCAサイクルのCHECK・ACTION）を開始しました。`,
      "担当する取組項目の報告（取組実績、数値目標の実績値、自己評価、課題と改善策）を入力し、課長の承認を受けて提出してください。",
      "",
      ...deadlineLines(deadlines),
      footer(where, "/my-tasks"),
    ].join("\n"),
  };
}

type ReportRef = { fiscalYear: number; initiativeNumber: number; initiativeTitle: string; path: string };

const reportName = (r: ReportRef) => `取組項目${r.initiativeNumber} ${r.initiativeTitle}（${warekiFiscalYear(r.fiscalYear)}）`;

export function reportReturnedMail(where: Where, report: ReportRef, comment: string, by: string): MailText {
  return {
    kind: "report_returned",
    subject: `【差戻し】${reportName(report)}`,
    body: [`${reportName(report)}の報告が差し戻されました（${by}）。`, "", "コメント:", comment, "", "内容を修正し、課長の承認を受けて再提出してください。", footer(where, report.path)].join("\n"),
  };
}

export function reportApprovedMail(where: Where, report: ReportRef, by: string): MailText {
  return {
    kind: "report_approved",
    subject: `【課長承認】${reportName(report)}`,
    body: [`${reportName(report)}の報告を課長が承認しました（${by}）。`, "事務局（デジタル推進課）へ提出してください。", footer(where, report.path)].join("\n"),
  };
}

export function reportFinalisedMail(where: Where, report: ReportRef, grade: string): MailText {
  return {
    kind: "report_finalised",
    subject: `【評価確定】${reportName(report)}`,
    body: [`${reportName(report)}の評価が確定しました。確定した評価: ${grade}`, "評価は事務局が公表します。", footer(where, report.path)].join("\n"),
  };
}

export function deadlineReminderMail(
  where: Where,
  fiscalYear: number,
  deadlines: Deadlines,
  daysLeft: number,
  reports: { initiativeNumber: number; initiativeTitle: string; stateLabel: string }[],
): MailText {
  const year = warekiFiscalYear(fiscalYear);
  return {
    kind: "deadline_reminder",
    subject: `【提出期限まであと${daysLeft}日】${year}の自己評価`,
    body: [
      `${year}の自己評価の提出期限は${dateLabel(deadlines.reportDue)}です。あと${daysLeft}日です。`,
      "次の取組項目の報告がまだ提出されていません。",
      "",
      ...reports.map((r) => `・取組項目${r.initiativeNumber} ${r.initiativeTitle}（${r.stateLabel}）`),
      footer(where, "/my-tasks"),
    ].join("\n"),
  };
}
