/**
 * 監査ログ, /:lgCode/staff/audit: every recorded change and sign-in of the
 * municipality, newest first, with a GET filter form, keyset pages and the
 * CSV export of the same records.
 */
import type { AuditRow } from "../../../core/audit/audit-repository.ts";
import type { FieldError } from "../../../core/http/form.ts";
import { errorFor } from "../../../core/http/form.ts";
import { ErrorSummary, SelectField } from "../../../core/views/forms.tsx";
import { TableWrap } from "../../../core/views/layout.tsx";
import { staffBase } from "../../accounts/staff-area.ts";
import type { StaffUser } from "../../accounts/user.ts";
import { StaffPage } from "../../accounts/views/staff-page.tsx";
import type { Municipality } from "../../tenancy/municipality.ts";
import { MAX_EXPORT_ROWS } from "../audit-csv.ts";
import { describeRecord } from "../domain/describe-record.ts";
import { NO_NAMES, type AuditNames } from "../domain/describe-values.ts";
import { actionLabel, actionOptions, entityTypeOptions, type Option } from "../domain/labels.ts";
import { FILTER_FIELDS as F, filterQuery, isFiltered, type AuditPageQuery } from "../filters.ts";
import { ChangedValues, JapanTime } from "./audit-views.tsx";

export const auditPath = (m: Pick<Municipality, "lgCode">) => `${staffBase(m)}/audit`;
export const auditCodebookPath = (m: Pick<Municipality, "lgCode">) => `${auditPath(m)}/codebook`;

export type AuditLogPageProps = {
  municipality: Municipality;
  staff: { user: StaffUser; csrfToken: string };
  /** The form's values as sent, shown again as they were. */
  values: Record<string, string>;
  /** The valid filter; absent when `errors` says why not. */
  query?: AuditPageQuery;
  errors?: FieldError[];
  rows?: AuditRow[];
  /** What the rows' ids name (reports, users, KPIs …), for describing them. */
  names?: AuditNames;
  /** The id to continue from when older records follow. */
  nextBefore?: number;
  actors: Option[];
};

export function AuditLogPage(props: AuditLogPageProps) {
  const errors = props.errors ?? [];
  const path = auditPath(props.municipality);
  const { query, values } = props;
  const extraAction = values.action && !actionOptions().some((o) => o.value === values.action) ? [values.action] : [];
  const extraEntity = values.entity && !entityTypeOptions().some((o) => o.value === values.entity) ? [values.entity] : [];
  return (
    <StaffPage
      municipality={props.municipality}
      title="監査ログ"
      errors={errors}
      signedIn={{ ...props.staff, ready: true }}
      section="audit"
      trail={[]}
    >
      <h1>監査ログ</h1>
      <ErrorSummary errors={errors} />
      <p>
        サインイン、利用者・役割の変更、計画の改訂など、すべての操作の記録です。記録は追記のみで、誰も変更・削除できません。日時は日本時間です。
      </p>
      <form id={F.before} class="filters" method="get" action={path} role="search" aria-label="監査ログの絞り込み">
        <DateField id={F.from} name="from" label="期間（開始日）" value={values.from} error={errorFor(errors, F.from)} />
        <DateField id={F.to} name="to" label="期間（終了日）" value={values.to} error={errorFor(errors, F.to)} />
        <SelectField
          id={F.action}
          name="action"
          label="操作"
          options={[{ value: "", label: "すべて" }, ...actionOptions(extraAction)]}
          value={values.action ?? ""}
          error={errorFor(errors, F.action)}
        />
        <SelectField
          id={F.entity}
          name="entity"
          label="対象の種類"
          options={[{ value: "", label: "すべて" }, ...entityTypeOptions(extraEntity)]}
          value={values.entity ?? ""}
          error={errorFor(errors, F.entity)}
        />
        <SelectField
          id={F.actor}
          name="actor"
          label="実施者"
          options={[{ value: "", label: "すべて" }, { value: "none", label: "アカウントなし（システム、未認証のサインイン）" }, ...props.actors]}
          value={values.actor ?? ""}
          error={errorFor(errors, F.actor)}
        />
        <div>
          <button class="button" type="submit">
            絞り込む
          </button>{" "}
          {Object.values(values).some((v) => v !== "") ? (
            <a class="button button-secondary" href={path}>
              条件をクリア
            </a>
          ) : null}
        </div>
      </form>
      {query && props.rows ? <Results {...props} query={query} rows={props.rows} path={path} /> : null}
      <p>
        CSVは機械で処理できるよう、操作・対象・変更前後の値をコードとJSONのまま出力します。列とコードの意味は
        <a href={auditCodebookPath(props.municipality)}>監査ログCSVのコードブック</a>をご覧ください。
      </p>
    </StaffPage>
  );
}

function Results(props: AuditLogPageProps & { query: AuditPageQuery; rows: AuditRow[]; path: string }) {
  const { query, rows, path } = props;
  const filter = { ...query, before: undefined };
  const heading = isFiltered(filter) ? "絞り込み結果" : "すべての記録";
  return (
    <>
      <ul class="download-links">
        <li>
          <a href={`${path}.csv${filterQuery(filter)}`} download>
            この条件の記録をCSVでダウンロード
          </a>
        </li>
        <li>
          <a href={auditCodebookPath(props.municipality)}>CSVのコードブック（列とコードの意味）</a>
        </li>
      </ul>
      <p class="hint">
        CSVは新しい順で、{MAX_EXPORT_ROWS.toLocaleString("ja-JP")}件までです。ダウンロードしたことも監査ログに記録されます。
      </p>
      <h2 id="audit-results">{heading}</h2>
      {rows.length === 0 ? (
        <p>{query.before === undefined ? "条件に合う記録はありません。" : "これより古い記録はありません。"}</p>
      ) : (
        <TableWrap label="監査ログの記録">
          <table class="stacked">
            <caption>
              {heading}（新しい順、{rows.length}件を表示）
            </caption>
            <thead>
              <tr>
                <th scope="col">日時</th>
                <th scope="col">実施者</th>
                <th scope="col">操作</th>
                <th scope="col">対象</th>
                <th scope="col">変更内容</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const described = describeRecord(r, props.names ?? NO_NAMES);
                return (
                <tr id={`audit-${r.id}`}>
                  <td data-label="日時">
                    <JapanTime at={r.at} />
                  </td>
                  <td data-label="実施者">{r.actorLabel}</td>
                  <th scope="row">{actionLabel(r.action)}</th>
                  <td data-label="対象">{described.target}</td>
                  <td data-label="変更内容">
                    <ChangedValues changes={described.changes} />
                  </td>
                </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
      {query.before !== undefined || props.nextBefore !== undefined ? (
        <nav aria-label="ページ送り">
          <ul class="download-links">
            {query.before !== undefined ? (
              <li>
                <a href={`${path}${filterQuery(filter)}`}>最新の記録に戻る</a>
              </li>
            ) : null}
            {props.nextBefore !== undefined ? (
              <li>
                <a href={`${path}${filterQuery({ ...filter, before: props.nextBefore })}`}>さらに古い記録を表示</a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  );
}

function DateField(props: { id: string; name: string; label: string; value?: string; error?: string }) {
  const hintId = `${props.id}-hint`;
  const errorId = props.error ? `${props.id}-error` : undefined;
  return (
    <div class={props.error ? "form-field form-field-error" : "form-field"}>
      <label for={props.id}>{props.label}</label>
      <p id={hintId} class="hint">
        西暦の年-月-日（例: 2025-04-01）。日本時間の一日単位で、その日を含みます。
      </p>
      {props.error ? (
        <p id={errorId} class="field-error">
          <span class="visually-hidden">エラー：</span>
          {props.error}
        </p>
      ) : null}
      <input
        id={props.id}
        name={props.name}
        type="date"
        value={props.value ?? ""}
        aria-describedby={errorId ? `${hintId} ${errorId}` : hintId}
        aria-invalid={props.error ? "true" : undefined}
      />
    </div>
  );
}
