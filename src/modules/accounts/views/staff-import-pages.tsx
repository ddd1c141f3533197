/**
 * The staff CSV for the April transfers: the upload page (with the file's
 * rules as a codebook, and every problem of a refused file in one table),
 * the preview of what will change, and the result with the new accounts'
 * temporary passwords, shown once.
 */
import type { Child } from "hono/jsx";
import { encodingLabel, type CsvEncoding } from "../../../core/csv/decode-upload.ts";
import { CsrfField, describedBy, ErrorSummary, FieldMessage } from "../../../core/views/forms.tsx";
import { TableWrap } from "../../../core/views/layout.tsx";
import type { Municipality } from "../../tenancy/municipality.ts";
import type { NewAccount } from "../commands/import-staff.ts";
import { ROLE_LABELS, ROLES, type Role } from "../../tenancy/roles.ts";
import { changeCount, STAFF_COLUMNS, STAFF_CSV_RULES, type ImportPlan, type ImportProblem } from "../domain/staff-import.ts";
import { staffBase } from "../staff-area.ts";
import type { Division, StaffUser } from "../user.ts";
import { StaffPage } from "./staff-page.tsx";

type Admin = { user: StaffUser; csrfToken: string };

export const IMPORT_FILE_FIELD = "staff-file";
export const MAX_IMPORT_BYTES = 1024 * 1024;

const importPath = (m: Municipality) => `${staffBase(m)}/users/import`;
const crumbs = (m: Municipality) => [{ href: `${staffBase(m)}/users`, label: "利用者管理" }];
const roleList = (roles: readonly Role[]) => (roles.length > 0 ? roles.map((r) => ROLE_LABELS[r]).join("、") : "（なし）");

export function StaffImportPage(props: {
  municipality: Municipality;
  admin: Admin;
  divisions: Division[];
  /** The file as a whole was refused (encoding, header, size). */
  fileMessages?: string[];
  /** Rows with problems: nothing was kept or applied. */
  problems?: ImportProblem[];
  /** Shown above the form (an import already applied, accounts changed meanwhile). */
  message?: string;
}) {
  const problems = props.problems ?? [];
  const fileMessages = props.fileMessages ?? [];
  const summary =
    problems.length > 0
      ? [{ field: IMPORT_FILE_FIELD, message: `CSVファイルに${problems.length}件の問題があります。下の表で行と列を確かめ、直してから選び直してください。何も登録していません。` }]
      : fileMessages.map((message) => ({ field: IMPORT_FILE_FIELD, message }));
  const fieldError = summary.length > 0 ? (problems.length > 0 ? summary[0]!.message : fileMessages.join(" ")) : undefined;
  return (
    <StaffPage
      municipality={props.municipality}
      title="職員の一括登録（CSV）"
      errors={summary}
      signedIn={{ ...props.admin, ready: true }}
      section="users"
      trail={crumbs(props.municipality)}
    >
      <ErrorSummary errors={summary} />
      {props.message ? (
        <p class="notice" role="status">
          {props.message}
        </p>
      ) : null}
      <h1>職員の一括登録（CSV）</h1>
      <p>
        4月の人事異動などで、職員の追加・異動（所属の変更）・停止をまとめて行います。ファイルを選ぶと、まず変更の内容を確認する画面を表示します。確認して「反映する」を押すまで、何も変わりません。
      </p>
      {problems.length > 0 ? <ProblemTable problems={problems} /> : null}
      <form method="post" action={importPath(props.municipality)} enctype="multipart/form-data">
        <CsrfField token={props.admin.csrfToken} />
        <div class={fieldError ? "form-field form-field-error" : "form-field"}>
          <label for={IMPORT_FILE_FIELD}>CSVファイル</label>
          <p id={`${IMPORT_FILE_FIELD}-hint`} class="hint">
            文字コードはUTF-8（BOMの有無は問いません）またはShift_JIS。1MBまで、{STAFF_CSV_RULES.maxRecords.toLocaleString("ja-JP")}行まで。
          </p>
          <FieldMessage id={`${IMPORT_FILE_FIELD}-error`} message={fieldError} />
          <input
            id={IMPORT_FILE_FIELD}
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={describedBy(`${IMPORT_FILE_FIELD}-hint`, fieldError && `${IMPORT_FILE_FIELD}-error`)}
            aria-invalid={fieldError ? "true" : undefined}
          />
        </div>
        <button type="submit" class="button">
          内容を確認する
        </button>
      </form>
      <h2>ファイルの作り方</h2>
      <p>
        <a href={`${importPath(props.municipality)}/template.csv`} download="staff-import-template.csv">
          ひな形をダウンロード（CSV、UTF-8 BOM付き）
        </a>
        ：1行目が見出し、2行目が記入例です。記入例の行は書き換えてください。1人につき1行、1つのセルに1つの値を書きます。
      </p>
      <TableWrap label="CSVの列">
        <table>
          <caption>CSVの列（1行目の見出し）</caption>
          <thead>
            <tr>
              <th scope="col">見出し</th>
              <th scope="col">必須</th>
              <th scope="col">書き方</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{STAFF_COLUMNS.action}</th>
              <td>必須</td>
              <td>「追加」（新しい職員）、「異動」（所属の変更）、「停止」（退職など）のどれか</td>
            </tr>
            <tr>
              <th scope="row">{STAFF_COLUMNS.loginId}</th>
              <td>必須</td>
              <td>半角英数字と . _ - で3〜64文字。大文字と小文字は区別しません</td>
            </tr>
            <tr>
              <th scope="row">{STAFF_COLUMNS.displayName}</th>
              <td>追加のとき必須</td>
              <td>異動・停止の行に書いた場合は、登録されている氏名と同じか確かめます（ログインIDの書き間違い防止）</td>
            </tr>
            <tr>
              <th scope="row">{STAFF_COLUMNS.division}</th>
              <td>異動のとき必須</td>
              <td>下の「所属の一覧」にある名前のとおりに書きます。追加で空欄なら所属なし</td>
            </tr>
            <tr>
              <th scope="row">{STAFF_COLUMNS.role}</th>
              <td>追加のとき必須</td>
              <td>下の「役割の一覧」から1つ。異動で書いた場合は役割をその1つに変更し、空欄なら変更しません</td>
            </tr>
            <tr>
              <th scope="row">{STAFF_COLUMNS.email}</th>
              <td>任意（列ごと省略可）</td>
              <td>例: awa.taro@example.lg.jp。空欄なら変更しません</td>
            </tr>
          </tbody>
        </table>
      </TableWrap>
      <h3>役割の一覧</h3>
      <ul>
        {ROLES.map((r) => (
          <li>{ROLE_LABELS[r]}</li>
        ))}
      </ul>
      <details>
        <summary>所属の一覧（{props.divisions.length}件）</summary>
        <ul>
          {props.divisions.map((d) => (
            <li>{d.name}</li>
          ))}
        </ul>
      </details>
    </StaffPage>
  );
}

function ProblemTable(props: { problems: ImportProblem[] }) {
  return (
    <TableWrap label="CSVファイルの問題">
      <table class="stacked">
        <caption>CSVファイルの問題（{props.problems.length}件）</caption>
        <thead>
          <tr>
            <th scope="col">行</th>
            <th scope="col">列</th>
            <th scope="col">内容</th>
          </tr>
        </thead>
        <tbody>
          {props.problems.map((p) => (
            <tr>
              <th scope="row">{p.line}行目</th>
              <td data-label="列">{p.column ?? "－"}</td>
              <td data-label="内容">{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function StaffImportPreviewPage(props: {
  municipality: Municipality;
  admin: Admin;
  importId: number;
  fileName: string;
  fileSha256: string;
  encoding: CsvEncoding;
  plan: ImportPlan;
  digest: string;
  /** Shown when the accounts changed since an earlier preview of this file. */
  message?: string;
}) {
  const { plan } = props;
  const changes = changeCount(plan);
  const base = importPath(props.municipality);
  const title = "一括登録の内容の確認";
  return (
    <StaffPage municipality={props.municipality} title={title} signedIn={{ ...props.admin, ready: true }} section="users" trail={crumbs(props.municipality)}>
      {props.message ? (
        <p class="notice" role="status">
          {props.message}
        </p>
      ) : null}
      <h1>{title}</h1>
      {changes > 0 ? (
        <p>まだ何も変わっていません。内容を確かめて、よければ「この内容で反映する」を押してください。すべてまとめて反映します（一部だけ反映されることはありません）。</p>
      ) : null}
      <dl class="summary-list">
        <div>
          <dt>ファイル</dt>
          <dd>
            {props.fileName}（{encodingLabel(props.encoding)}）
          </dd>
        </div>
        <div>
          <dt>SHA-256</dt>
          <dd>
            <code class="digest">{props.fileSha256}</code>
          </dd>
        </div>
      </dl>
      <TableWrap label="変更の件数">
        <table>
          <caption>変更の件数</caption>
          <thead>
            <tr>
              <th scope="col">処理</th>
              <th scope="col">人数</th>
            </tr>
          </thead>
          <tbody>
            {(
              [
                ["追加", plan.adds.length],
                ["異動", plan.moves.length],
                ["停止", plan.deactivations.length],
                ["変更なし", plan.unchanged.length],
              ] as const
            ).map(([label, n]) => (
              <tr>
                <th scope="row">{label}</th>
                <td class="numeric">{n}人</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {plan.adds.length > 0 ? (
        <PreviewTable
          caption={`追加する職員（${plan.adds.length}人）`}
          columns={["行", "氏名", "所属", "役割", "メールアドレス"]}
          rows={plan.adds.map((a) => ({
            header: a.loginId,
            cells: [String(a.line), a.displayName, a.division ?? "（なし）", ROLE_LABELS[a.role], a.email ?? "－"],
          }))}
        />
      ) : null}
      {plan.moves.length > 0 ? (
        <PreviewTable
          caption={`異動する職員（${plan.moves.length}人）`}
          columns={["行", "氏名", "変更の内容"]}
          rows={plan.moves.map((m) => ({
            header: m.user.loginId,
            cells: [
              String(m.line),
              m.user.displayName,
              <ul class="change-list">
                {m.division ? (
                  <li>
                    所属: {m.division.before?.name ?? "（なし）"} → {m.division.after?.name ?? "（なし）"}
                  </li>
                ) : null}
                {m.roles ? (
                  <li>
                    役割: {roleList(m.roles.before)} → {roleList(m.roles.after)}
                  </li>
                ) : null}
                {m.email ? (
                  <li>
                    メールアドレス: {m.email.before ?? "（なし）"} → {m.email.after}
                  </li>
                ) : null}
              </ul>,
            ],
          }))}
        />
      ) : null}
      {plan.deactivations.length > 0 ? (
        <PreviewTable
          caption={`停止する職員（${plan.deactivations.length}人）`}
          columns={["行", "氏名", "所属"]}
          rows={plan.deactivations.map((d) => ({
            header: d.user.loginId,
            cells: [String(d.line), d.user.displayName, d.user.division?.name ?? "（なし）"],
          }))}
        />
      ) : null}
      {plan.unchanged.length > 0 ? (
        <details>
          <summary>変更のない行（{plan.unchanged.length}行）</summary>
          <PreviewTable
            caption="変更のない行（すでにファイルのとおり）"
            columns={["行", "氏名"]}
            rows={plan.unchanged.map((u) => ({ header: u.loginId, cells: [String(u.line), u.displayName] }))}
          />
        </details>
      ) : null}
      {changes > 0 ? (
        <form method="post" action={`${base}/${props.importId}/apply`} class="button-row">
          <CsrfField token={props.admin.csrfToken} />
          <input type="hidden" name="digest" value={props.digest} />
          <button type="submit" class="button">
            この内容で反映する（{changes}人）
          </button>
          <a href={base}>やめて別のファイルを選ぶ</a>
        </form>
      ) : (
        <p class="notice">
          このファイルの内容はすべて登録済みです。反映するものはありません。<a href={base}>別のファイルを選ぶ</a>
        </p>
      )}
    </StaffPage>
  );
}

/** One row per person: the login id is the row header (the card's title on a phone, decision 018). */
function PreviewTable(props: { caption: string; columns: string[]; rows: { header: string; cells: Child[] }[] }) {
  return (
    <TableWrap label={props.caption}>
      <table class="stacked">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">ログインID</th>
            {props.columns.map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              <th scope="row">{row.header}</th>
              {row.cells.map((cell, i) => (
                <td data-label={props.columns[i]}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function StaffImportResultPage(props: {
  municipality: Municipality;
  admin: Admin;
  plan: ImportPlan;
  fileSha256: string;
  newAccounts: NewAccount[];
}) {
  const { plan } = props;
  return (
    <StaffPage municipality={props.municipality} title="一括登録を反映しました" signedIn={{ ...props.admin, ready: true }} section="users" trail={crumbs(props.municipality)}>
      <h1>一括登録を反映しました</h1>
      <p class="notice" role="status">
        追加 {plan.adds.length}人、異動 {plan.moves.length}人、停止 {plan.deactivations.length}人を反映しました（変更なし {plan.unchanged.length}行）。停止した職員のサインインはすべて終了しました。
      </p>
      {props.newAccounts.length > 0 ? (
        <>
          <h2>追加した職員の仮パスワード</h2>
          <p class="notice">
            仮パスワードはこの画面でしか表示しません（保存も送信もしていません）。印刷するか書き写して、本人に直接渡してください。本人は最初のサインインで自分のパスワードを設定します。紛失した場合は、利用者ごとに仮パスワードを再発行できます。
          </p>
          <TableWrap label="追加した職員の仮パスワード">
            <table class="stacked">
              <caption>追加した職員の仮パスワード（{props.newAccounts.length}人）</caption>
              <thead>
                <tr>
                  <th scope="col">ログインID</th>
                  <th scope="col">氏名</th>
                  <th scope="col">所属</th>
                  <th scope="col">仮パスワード</th>
                </tr>
              </thead>
              <tbody>
                {props.newAccounts.map((a) => (
                  <tr>
                    <th scope="row">{a.loginId}</th>
                    <td data-label="氏名">{a.displayName}</td>
                    <td data-label="所属">{a.division ?? "（なし）"}</td>
                    <td data-label="仮パスワード">
                      <code class="secret">{a.temporaryPassword}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : null}
      <p>
        ファイルのSHA-256: <code class="digest">{props.fileSha256}</code>（監査ログに記録しました）
      </p>
      <p>
        <a href={`${staffBase(props.municipality)}/users`}>利用者の一覧へ</a>
      </p>
    </StaffPage>
  );
}
