/**
 * Japanese names for the keys inside audit records (before/after) and for
 * the coded values some of them hold (reasons, methods). Labels that a
 * module already shows on its own pages are imported from it, never copied:
 * the report's fields from cycle.ts, the corrected fields from the cycle's
 * correction domain. The audit log is the only place that shows the rest,
 * so they live here. A key without a label is shown by its code (see
 * describe-values.ts), so a record written by a later module is still read.
 */
import { REPORT_FIELD_LABELS } from "../../cycle/cycle.ts";
import { CORRECTION_LABELS } from "../../cycle/domain/correction.ts";
import { COLLECTIVE_LABELS } from "../../plan/plan.ts";
import { DETAIL_LABELS } from "../../survey/fieldwork/domain/survey-details.ts";

export const FIELD_LABELS: Readonly<Record<string, string>> = {
  ...REPORT_FIELD_LABELS,
  ...CORRECTION_LABELS,
  ...DETAIL_LABELS,
  // Reports and their workflow
  state: "報告の状態",
  comment: "コメント",
  kpiActuals: "数値目標の実績",
  kpi: "数値目標の実績",
  cioGrade: "CIOによる評価",
  cioGradeReason: "CIOによる評価の変更理由",
  leadDivisionId: "主担当課",
  entryId: "実施内容の記録番号",
  entryDate: "実施日",
  body: "内容",
  divisionId: "課",
  divisionIds: "構成する課",
  reason: "理由",
  correctionId: "訂正の記録番号",
  // Cycles
  planId: "計画",
  fiscalYear: "年度",
  reportDue: "報告の提出期限",
  reviewDue: "事務局確認の期限",
  committeeDue: "委員会審査の期限",
  reports: "報告",
  mails: "送信したメールの数",
  sentOn: "送信日",
  daysBefore: "期限までの日数",
  recipients: "宛先の数",
  published: "公表した報告",
  of: "報告の総数",
  fingerprint: "公表内容の確認値",
  kind: "種別",
  // Users and sign-in
  loginId: "ログインID",
  displayName: "氏名",
  email: "メールアドレス",
  roles: "役割",
  division: "所属",
  lockedAt: "ロックした日時",
  failedSignIns: "連続して失敗した回数",
  method: "認証の方法",
  secondFactorPending: "二要素認証の確認待ち",
  mfaByProvider: "外部認証での多要素認証",
  issuer: "外部認証の提供元",
  subject: "外部認証の利用者識別子",
  amr: "外部認証の認証方式",
  matchedEmail: "照合したメールアドレス",
  oidcSubject: "外部認証の利用者識別子",
  code: "コード",
  message: "メッセージ",
  attemptMunicipalityId: "開始した自治体の番号",
  attemptIssuer: "開始した外部認証の提供元",
  otherSessionsEnded: "終了した他の端末のセッション数",
  sessionsEnded: "終了したセッション数",
  wasTemporary: "仮パスワードからの変更",
  totpEnabled: "二要素認証",
  accounts: "アカウント数",
  demo: "デモ用",
  // Organisation and profile
  name: "名称",
  bureau: "部局",
  draftsRenamed: "名称を変えた下書きの数",
  phone: "電話番号",
  address: "所在地",
  siteUrl: "市のホームページのアドレス",
  planAdoptedOn: "計画の策定日",
  // Plans and revisions
  title: "名称",
  period: "計画期間",
  startFiscalYear: "開始年度",
  endFiscalYear: "終了年度",
  copiedFrom: "元にした版",
  draftId: "下書きの番号",
  status: "結果",
  revisionNumber: "版",
  digest: "内容の確認値",
  number: "版",
  publishedNumber: "公開中の版",
  lockVersion: "保存の回数",
  changes: "変更内容",
  counts: "変更の件数",
  added: "追加",
  removed: "削除",
  changed: "変更",
  total: "合計",
  madeCurrent: "公開ページに表示する計画にした",
  planDeleted: "計画を削除した",
  planCode: "計画のコード",
  confirmed: "確認した読み取り",
  key: "項目",
  note: "注記",
  // Exports and documents
  format: "形式",
  filter: "条件",
  rows: "件数",
  upToId: "含めた最新の記録番号",
  from: "開始日",
  to: "終了日",
  action: "操作",
  entityType: "対象の種類",
  actor: "実施者",
  draft: "下書き版",
  // Surveys
  strata: "層別の送付数",
  counted: "集計に使う回答",
  excluded: "集計から外した回答",
  // Moving a municipality between instances (decision 034)
  fileSha256: "移行ファイルの SHA-256",
  contentSha256: "移行ファイルの内容の SHA-256",
  sourceInstance: "移行元のシステム",
  exportedAt: "書き出した日時",
  schemaLevel: "スキーマの版",
};

/** Coded values under `reason`, `method`, `status`, `format`, `kind`: what they mean. */
export const VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  reason: {
    unknown_login: "登録されていないログインID",
    wrong_password: "パスワードの誤り",
    no_password: "パスワードのないアカウント",
    locked: "アカウントのロック中",
    disabled: "利用停止中のアカウント",
    wrong_code: "確認コードの誤り",
    throttled: "接続元からの失敗が多すぎるため受付停止",
    no_attempt: "開始していないサインイン",
    expired: "期限切れ",
    state_mismatch: "サインインの照合値の不一致",
    issuer_mismatch: "外部認証の提供元の不一致",
    wrong_municipality: "別の自治体で開始したサインイン",
    provider_error: "外部認証の提供元のエラー",
    invalid_response: "外部認証の応答の誤り",
    unavailable: "外部認証に接続できない",
    unknown_subject: "登録されていない外部認証の利用者",
    ambiguous_email: "同じメールアドレスの利用者が複数",
  },
  method: { password: "パスワード", oidc: "外部認証（OpenID Connect）" },
  status: { created: "新しい計画として登録", updated: "新しい版として登録", unchanged: "変更なし" },
  format: { csv: "CSV" },
  kind: {
    ...COLLECTIVE_LABELS,
    plan_document: "計画書",
    annual_report: "取組状況報告書",
  },
};

export function fieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? key;
}
