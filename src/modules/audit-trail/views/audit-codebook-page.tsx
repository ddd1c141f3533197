/**
 * 監査ログCSVのコードブック, /:lgCode/staff/audit/codebook: the file's format,
 * its columns and the code tables of its coded values, laid out like the
 * open data codebooks (opendata/codebook-page.tsx).
 */
import { TableWrap } from "../../../core/views/layout.tsx";
import type { StaffUser } from "../../accounts/user.ts";
import { StaffPage } from "../../accounts/views/staff-page.tsx";
import { TYPE_LABELS } from "../../opendata/codebook.ts";
import type { Municipality } from "../../tenancy/municipality.ts";
import { AUDIT_CODE_TABLES, blankMeaning, COLUMN_CODES } from "../audit-codebook.ts";
import { AUDIT_CSV_COLUMNS, MAX_EXPORT_ROWS } from "../audit-csv.ts";
import { auditCodebookPath, auditPath } from "./audit-log-page.tsx";

export function AuditCodebookPage(props: { municipality: Municipality; staff: { user: StaffUser; csrfToken: string } }) {
  const path = auditCodebookPath(props.municipality);
  return (
    <StaffPage
      municipality={props.municipality}
      title="監査ログCSVのコードブック"
      signedIn={{ ...props.staff, ready: true }}
      section="audit"
      trail={[{ href: auditPath(props.municipality), label: "監査ログ" }]}
    >
      <h1>監査ログCSVのコードブック</h1>
      <p>
        監査ログのCSVは、機械で処理できるよう、操作・対象・変更前後の値をコードとJSONのまま出力します。このページは、その列の意味と、コードの意味（コード表）を説明します。画面の監査ログは、同じコード表で日本語にして表示しています。
      </p>
      <ul class="download-links">
        <li>
          <a href={`${path}.csv`}>このコードブック（CSV形式）</a>
        </li>
      </ul>
      <h2>ファイルの形式</h2>
      <ul>
        <li>文字コードはUTF-8（BOM付き）、改行はCRLFです。</li>
        <li>1行目が列名（英数字）で、2行目から1行に1件の記録です。表は1ファイルに1つです。</li>
        <li>日時はISO 8601形式の日本時間（例: 2025-04-01T09:30:05.123+09:00）です。</li>
        <li>空欄は「値の記録がない」ことを表し、0 とは異なります。各列の空欄の意味は下の表のとおりです。</li>
        <li>before_json・after_json はJSONです。JSONの null は「値がない」ことを表します。</li>
        <li>1回に出力できるのは{MAX_EXPORT_ROWS.toLocaleString("ja-JP")}件までです。出力したことも監査ログに記録されます。</li>
        <li>
          表計算ソフトで数式として実行されないよう、=、+、-、@ またはタブで始まる文字列の先頭にアポストロフィ（'）を1つ付けています。先頭の ' を1つ除くと記録された値になります。数値の列には付けません。
        </li>
      </ul>
      <h2>列の定義</h2>
      <TableWrap label="監査ログCSVの列">
        <table>
          <caption>監査ログCSVの列（CSVの列の順）</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                列
              </th>
              <th scope="col">列名</th>
              <th scope="col">項目名</th>
              <th scope="col">定義</th>
              <th scope="col">型</th>
              <th scope="col">空欄の意味</th>
            </tr>
          </thead>
          <tbody>
            {AUDIT_CSV_COLUMNS.map((c, index) => (
              <tr>
                <td class="num">{index + 1}</td>
                <th scope="row">
                  <code>{c.name}</code>
                </th>
                <td>{c.label}</td>
                <td>
                  {c.definition}
                  {COLUMN_CODES[c.name] ? (
                    <>
                      {" "}
                      <a href={`#codes-${COLUMN_CODES[c.name]}`}>コード表</a>
                    </>
                  ) : null}
                </td>
                <td>{TYPE_LABELS[c.type]}</td>
                <td>{blankMeaning(c)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h2>コード表</h2>
      <ul>
        {AUDIT_CODE_TABLES.map((t) => (
          <li>
            <a href={`#codes-${t.id}`}>
              {t.label}（<code>{t.id}</code>）
            </a>
            ：{t.usedIn}
          </li>
        ))}
      </ul>
      {AUDIT_CODE_TABLES.map((t) => (
        <section aria-labelledby={`codes-${t.id}`}>
          <h3 id={`codes-${t.id}`}>
            {t.label}（<code>{t.id}</code>）
          </h3>
          <p>{t.usedIn}の値です。</p>
          <TableWrap label={`${t.label}のコード`}>
            <table>
              <caption class="visually-hidden">{t.label}のコード</caption>
              <thead>
                <tr>
                  <th scope="col">コード</th>
                  <th scope="col">名称</th>
                </tr>
              </thead>
              <tbody>
                {t.codes.map((code) => (
                  <tr>
                    <th scope="row">
                      <code>{code.code}</code>
                    </th>
                    <td>{code.label}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ))}
    </StaffPage>
  );
}
