/**
 * What a municipality's archive holds and what it leaves behind (decision 034).
 *
 * Every table of the schema is either moved — all its rows that belong to the
 * municipality, found through the foreign keys — or listed in EXCLUDED with
 * the reason it stays on the old instance. A table added by a later migration
 * is neither, and test/integration/municipality-move.test.ts fails until it is
 * placed here, so nothing of a town is silently left behind.
 */

/** Tables that never travel, each with the reason an operator would accept. */
export const EXCLUDED: Readonly<Record<string, string>> = {
  schema_migration: "インスタンスのスキーマの版です（移行ファイルの目録に版として記録し、移行先の版と照合します）",
  accessibility_check: "インスタンス全体の公開ページの自動チェック結果で、団体のデータではありません（移行先で改めて実行します）",
  user_session: "サインイン中のセッションは秘密情報です。移行先では全員がサインインし直します",
  oidc_login_attempt: "数分で期限が切れる、途中のサインインです（秘密の state・nonce・PKCE を含みます）",
  sign_in_attempt: "サインイン試行の制限のための一時的な記録です（成否は監査ログに残ります）",
  survey_code_attempt: "回答コードの総当たりを防ぐための一時的な記録で、どの団体のものでもありません",
  mail_outbox: "送信待ち・送信済みのメールは一時的なものです。移行前に送信を終えておきます（未送信は移行先で送りません）",
  job: "バックグラウンド処理の待ち行列は一時的なものです（PDF などの成果物は document_build で移ります）",
  workbook_upload: "Excel 入力のプレビューのために1日だけ保管するファイルです（適用済みの内容は報告と監査ログで移ります）",
  staff_import: "職員 CSV のプレビューのために保管するファイルで、氏名と連絡先を含みます（SHA-256 は監査ログで移ります）",
};

/**
 * Columns that are secrets: what the archive holds instead of the value.
 * Passwords and second factors never leave the instance they were set on;
 * the importing command issues new temporary passwords (import-municipality).
 */
export const SECRET_COLUMNS: Readonly<Record<string, Readonly<Record<string, string | null>>>> = {
  app_user: {
    password_hash: null,
    totp_secret: null,
    totp_enabled_at: null,
    totp_last_step: null,
    failed_sign_ins: "0",
    failure_window_started_at: null,
    locked_at: null,
  },
};

/**
 * References the schema does not declare as foreign keys (a column repeated
 * for an index), re-keyed like declared ones: "table.column" → referenced table.
 */
export const IMPLICIT_REFERENCES: Readonly<Record<string, string>> = {
  "survey_answer.survey_id": "survey",
};

/**
 * Ids written inside JSON documents (the audit log's and the corrections'
 * before/after), by key: the audit pages name the division or KPI from them,
 * so they are re-keyed like columns. "kpi" is an object keyed by KPI id.
 */
export const JSON_ID_KEYS: Readonly<Record<string, string>> = {
  kpiId: "kpi",
  leadDivisionId: "division",
  divisionId: "division",
  divisionIds: "division",
  planId: "plan",
  actor: "app_user",
};
export const JSON_ID_OBJECT_KEYS: Readonly<Record<string, string>> = { kpi: "kpi" };

/** JSON columns whose ids are re-keyed (other JSON holds codes and natural keys only). */
export const JSON_COLUMNS_WITH_IDS: readonly string[] = ["audit_log.before", "audit_log.after", "result_correction.before", "result_correction.after"];

/** audit_log.entity_id names a row of the table its entity_type names; re-keyed through that table. */
export const ENTITY_REFERENCE = { table: "audit_log", typeColumn: "entity_type", idColumn: "entity_id" } as const;

/** An id of a row the archive does not hold (a deleted draft, a job): kept readable, never mistaken for a row of the new instance. */
export const unmappedEntityId = (id: string): string => `移行元${id}`;
