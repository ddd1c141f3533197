/** 市民アンケート: the municipality's surveys, a form for a new one and one to copy a previous one. */
import { errorFor, type FieldError } from "../../../../core/http/form.ts";
import { CsrfField, ErrorSummary, SelectField, TextField } from "../../../../core/views/forms.tsx";
import { TableWrap } from "../../../../core/views/layout.tsx";
import type { StaffUser } from "../../../accounts/user.ts";
import { StaffPage } from "../../../accounts/views/staff-page.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import type { SurveyRecord } from "../repository/survey-queries.ts";
import { STATE_LABELS, surveyPath, surveysPath } from "./paths.ts";

export type Staff = { user: StaffUser; csrfToken: string };

export const SURVEY_FIELDS = { code: "survey-code", title: "survey-title", from: "survey-from" } as const;

export function SurveyListPage(props: {
  municipality: Municipality;
  staff: Staff;
  surveys: SurveyRecord[];
  canWrite: boolean;
  errors?: FieldError[];
  /** Which form the errors belong to, and what was typed. */
  form?: { kind: "create" | "copy"; code?: string; title?: string; from?: string };
}) {
  const errors = props.errors ?? [];
  const m = props.municipality;
  const typed = (kind: "create" | "copy") => (props.form?.kind === kind ? props.form : undefined);
  const errorsOf = (kind: "create" | "copy") => (props.form?.kind === kind ? errors : []);
  return (
    <StaffPage municipality={m} title="市民アンケート" errors={errors} signedIn={{ ...props.staff, ready: true }} section="surveys" trail={[]}>
      <h1>市民アンケート</h1>
      <ErrorSummary errors={errors} />
      <p>調査票の作成、標本（送付先）の取り込みと依頼状、インターネット・紙の回答、回収率を扱います。</p>
      {props.surveys.length === 0 ? (
        <p>まだ調査がありません。</p>
      ) : (
        <TableWrap label="調査の一覧">
          <table>
            <caption>調査の一覧</caption>
            <thead>
              <tr>
                <th scope="col">調査</th>
                <th scope="col">コード</th>
                <th scope="col">状態</th>
                <th scope="col">複製元</th>
              </tr>
            </thead>
            <tbody>
              {props.surveys.map((s) => (
                <tr>
                  <th scope="row">
                    <a href={surveyPath(m, s.code)}>{s.title}</a>
                  </th>
                  <td>{s.code}</td>
                  <td>{STATE_LABELS[s.state]}</td>
                  <td>{s.copiedFrom ? s.copiedFrom.title : "－"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {props.canWrite ? (
        <>
          <p>
            <a href={`${surveysPath(m)}/readings`}>公表済みアンケートの読み取りの確認</a>（計画書から書き起こした本文の読みと、課題と取組項目の対応）
          </p>
          <h2>新しい調査を作る</h2>
          <form method="post" action={surveysPath(m)} novalidate>
            <CsrfField token={props.staff.csrfToken} />
            <input type="hidden" name="kind" value="create" />
            <TextField id={`${SURVEY_FIELDS.title}-create`} name="title" label="調査名" required value={typed("create")?.title} error={errorFor(errorsOf("create"), `${SURVEY_FIELDS.title}-create`)} />
            <TextField
              id={`${SURVEY_FIELDS.code}-create`}
              name="code"
              label="コード（アドレスに使う半角英小文字・数字・ハイフン）"
              hint="例: citizen-2027"
              required
              spellcheck={false}
              value={typed("create")?.code}
              error={errorFor(errorsOf("create"), `${SURVEY_FIELDS.code}-create`)}
            />
            <button type="submit" class="button">調査を作る</button>
          </form>
          {props.surveys.length > 0 ? (
            <>
              <h2>前回の調査から複製する</h2>
              <p>調査票（最新の版）を第1版として引き継ぎます。標本と回答は引き継ぎません。</p>
              <form method="post" action={surveysPath(m)} novalidate>
                <CsrfField token={props.staff.csrfToken} />
                <input type="hidden" name="kind" value="copy" />
                <SelectField
                  id={SURVEY_FIELDS.from}
                  name="from"
                  label="複製元の調査"
                  value={typed("copy")?.from}
                  options={props.surveys.map((s) => ({ value: s.code, label: `${s.title}（${s.code}）` }))}
                  error={errorFor(errorsOf("copy"), SURVEY_FIELDS.from)}
                />
                <TextField id={`${SURVEY_FIELDS.title}-copy`} name="title" label="新しい調査名" required value={typed("copy")?.title} error={errorFor(errorsOf("copy"), `${SURVEY_FIELDS.title}-copy`)} />
                <TextField
                  id={`${SURVEY_FIELDS.code}-copy`}
                  name="code"
                  label="新しいコード"
                  hint="例: citizen-2027"
                  required
                  spellcheck={false}
                  value={typed("copy")?.code}
                  error={errorFor(errorsOf("copy"), `${SURVEY_FIELDS.code}-copy`)}
                />
                <button type="submit" class="button">複製する</button>
              </form>
            </>
          ) : null}
        </>
      ) : null}
    </StaffPage>
  );
}
