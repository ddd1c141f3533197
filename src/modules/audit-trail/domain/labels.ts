/**
 * Japanese words for the audit log's codes. The codes (action, entity_type)
 * are what the database and the CSV keep; these labels are for people. An
 * action without a label here — a module added later — is shown in words made
 * from its code (「利用者の操作（user.reissue）」), so nothing is ever hidden
 * for want of a translation.
 */

/** Every action the application writes today, by module, in the order the filter lists them. */
export const ACTION_LABELS: Readonly<Record<string, string>> = {
  "auth.sign_in": "サインイン",
  "auth.sign_in_failed": "サインインの失敗",
  "auth.two_factor_verified": "二要素認証の確認",
  "auth.two_factor_failed": "二要素認証の失敗",
  "auth.sign_out": "サインアウト",
  "auth.sign_out_everywhere": "すべての端末からサインアウト",
  "account.lock": "アカウントのロック",
  "account.unlock": "アカウントのロック解除",
  "user.create": "利用者の登録",
  "user.roles_change": "役割の変更",
  "user.division_change": "所属の変更",
  "user.password_change": "パスワードの変更",
  "user.password_change_failed": "パスワード変更の失敗",
  "user.two_factor_enable": "二要素認証の設定",
  "user.two_factor_enable_failed": "二要素認証の設定の失敗",
  "user.two_factor_replace": "認証アプリの変更",
  // The administrator's account lifecycle and the staff CSV (accounts, decision 027).
  "user.password_reissue": "仮パスワードの再発行",
  "user.two_factor_reset": "二要素認証の初期化",
  "user.deactivate": "アカウントの停止",
  "user.reactivate": "アカウントの再開",
  "user.email_change": "メールアドレスの変更",
  "user.import": "職員の一括登録（CSV）",
  "user.oidc_link": "外部認証（OpenID Connect）との連携",
  // Prefecture administrators (decision 037).
  "prefecture_admin.create": "都道府県管理者の登録",
  "municipality.register": "市町村の登録（都道府県管理者）",
  "demo.load_start": "デモ用サンプルデータの読み込み開始",
  "demo.load": "デモ用サンプルデータの読み込み",
  "demo.password_set": "デモ用アカウントのパスワード設定",
  // Moving a municipality between instances (core/municipality-archive, decision 034)
  "municipality.export": "団体のデータの書き出し（移行）",
  "municipality.import": "団体のデータの読み込み（移行）",
  "bureau.create": "部局の登録",
  "bureau.rename": "部局の名称変更",
  "bureau.delete": "部局の削除",
  "division.create": "課の登録",
  "division.rename": "課の名称変更",
  "division.set_bureau": "課の所属部局の変更",
  "division.delete": "課の削除",
  "plan.import": "計画ファイルの読み込み",
  "plan.create_next": "次期計画の作成",
  "plan_revision.start_draft": "計画の下書きの作成",
  "plan_revision.save_draft": "計画の下書きの保存",
  "plan_revision.discard_draft": "計画の下書きの破棄",
  "plan_revision.publish": "計画の改訂の公開",
  "initiative.collective_members": "取組項目の担当課（全部局等）の構成の変更",
  "cycle.open": "自己評価の開始",
  "cycle.deadline_reminder": "提出期限の催促メール",
  "cycle.publish_results": "自己評価結果の公表",
  "report.save": "報告の保存",
  "report.do_entry_add": "報告の実施内容の追加",
  "report.contribution_save": "関係課の記入の保存",
  "report.designate_lead": "主担当課の指定",
  "report.approve": "報告の課長承認",
  "report.reopen": "報告の承認の取消し",
  "report.submit": "報告の提出",
  "report.return": "報告の差戻し",
  "report.revise": "報告の修正の再開",
  "report.check": "報告の事務局確認",
  "report.comment": "報告へのコメント",
  "report.finalise": "報告の確定",
  "report.change_grade": "評価の変更",
  "report.publish": "報告の公表",
  "report.correct": "公表した評価結果の訂正",
  "municipality_profile.save": "自治体の情報（問い合わせ先）の保存",
  "plan_reading.confirm": "読み取りの確認",
  "audit.export": "監査ログのCSV出力",
  "document.build_request": "文書（計画書・取組状況報告書）の作成依頼",
  "plan_revision.upload_workbook": "計画のExcelを下書きに読み込み",
  "workbook.upload": "評価シート（Excel）のアップロード",
  "workbook.apply": "評価シート（Excel）の反映",
  "survey.create": "アンケートの作成",
  "survey.copy": "アンケートの複製",
  "survey.details_update": "アンケートの概要（期間・回答期限・問い合わせ先）の変更",
  "survey.definition_save": "調査票の保存",
  "survey.import": "公表済みアンケートの読み込み",
  "survey.sample_import": "標本（調査対象者）の読み込み",
  "survey.sample_export": "発送用CSVの出力",
  "survey.letters_request": "依頼状（PDF）の作成依頼",
  "survey.identity_link_destroy": "回答コードと対象者の対応の消去",
  "survey.paper_entry": "紙の回答の入力",
  "survey.double_entry": "紙の回答の二重入力",
  "survey.paper_resolve": "二重入力の不一致の解消",
  "survey.paper_response": "紙の回答の確定",
  "survey.strata_record": "層別の送付数の記録",
  "survey.duplicate_resolve": "インターネットと紙の重複回答の解消",
  "survey.respondents_import": "回答データの読み込み",
  "survey.respondents_export": "回答データの出力",
  "survey.weights_set": "ウェイトの設定",
  "survey.weights_clear": "ウェイトの解除",
  "survey.table_publish": "集計表の公表",
  "survey_reading.confirm": "アンケートの読み取りの確認",
};

/** The part of an action before its dot, and what that part is about: the filter's "all of …" options. */
export const ACTION_GROUP_LABELS: Readonly<Record<string, string>> = {
  auth: "サインイン・サインアウト",
  account: "アカウントのロック",
  user: "利用者",
  bureau: "部局",
  division: "課",
  plan: "計画",
  plan_revision: "計画の改訂",
  initiative: "取組項目",
  cycle: "自己評価",
  report: "取組の報告",
  demo: "デモ用データ",
  municipality_profile: "自治体の情報",
  plan_reading: "読み取り",
  audit: "監査ログ",
  document: "文書の作成",
  workbook: "評価シート（Excel）",
  survey: "市民アンケート",
  survey_reading: "アンケートの読み取り",
};

export const ENTITY_TYPE_LABELS: Readonly<Record<string, string>> = {
  app_user: "利用者",
  staff_import: "職員の一括登録（CSV）",
  bureau: "部局",
  division: "課",
  plan: "計画",
  plan_revision: "計画の版",
  initiative: "取組項目",
  kpi: "数値目標",
  evaluation_cycle: "自己評価の年度",
  initiative_report: "取組の報告",
  audit_log: "監査ログ",
  municipality: "自治体",
  municipality_profile: "自治体の情報（問い合わせ先）",
  job: "バックグラウンド処理",
};

export function actionLabel(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  const group = ACTION_GROUP_LABELS[groupOf(action)];
  return group ? `${group}の操作（${action}）` : `操作（${action}）`;
}

export function entityTypeLabel(entityType: string): string {
  return ENTITY_TYPE_LABELS[entityType] ?? entityType;
}

/**
 * What the action filter matches: a value ending in a dot is a group
 * ("auth." = every sign-in action), anything else one action exactly — so
 * choosing サインイン does not also bring サインインの失敗 (auth.sign_in_failed).
 */
export type ActionMatch = { exact: string } | { prefix: string };

export function actionMatch(value: string): ActionMatch {
  return value.endsWith(".") ? { prefix: value } : { exact: value };
}

export type Option = { value: string; label: string };

/**
 * The action filter's choices: each group, then its actions, then any code
 * found in this municipality's log that has no label yet (shown as the code).
 */
export function actionOptions(seen: readonly string[] = []): Option[] {
  const options: Option[] = [];
  const known = Object.keys(ACTION_LABELS);
  const groups = new Set([...Object.keys(ACTION_GROUP_LABELS), ...known.map(groupOf), ...seen.map(groupOf)]);
  for (const group of groups) {
    options.push({ value: `${group}.`, label: `${ACTION_GROUP_LABELS[group] ?? group}（すべて）` });
    for (const action of known.filter((a) => groupOf(a) === group)) options.push({ value: action, label: `　${ACTION_LABELS[action]}` });
    for (const action of seen.filter((a) => groupOf(a) === group && !(a in ACTION_LABELS))) options.push({ value: action, label: `　${action}` });
  }
  return options;
}

export function entityTypeOptions(seen: readonly string[] = []): Option[] {
  const types = [...new Set([...Object.keys(ENTITY_TYPE_LABELS), ...seen])];
  return types.map((t) => ({ value: t, label: entityTypeLabel(t) }));
}

const groupOf = (action: string) => action.split(".")[0]!;
