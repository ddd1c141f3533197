/**
 * 個票データの取込: upload a respondent-level CSV (surveys run elsewhere).
 * The page states the format from the questionnaire itself; a refused file
 * comes back (400) with every problem, each naming its row and column.
 */
import type { FieldError } from "../../../../core/http/form.ts";
import { CsrfField, ErrorSummary, FieldMessage } from "../../../../core/views/forms.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import { MAX_RESPONDENTS, respondentFileColumns } from "../domain/respondent-file.ts";
import type { AnalysisSurvey } from "../repository/analysis-queries.ts";
import { analysisPath, SurveyStaffPage, type StaffView } from "./analysis-page.tsx";

export const IMPORT_FIELD = "respondent-file";

export function ImportPage(props: { municipality: Municipality; survey: AnalysisSurvey; staff: StaffView; errors?: FieldError[]; messages?: string[] }) {
  const path = analysisPath(props.municipality, props.survey.code);
  const columns = respondentFileColumns(props.survey.definition);
  const errors = props.errors ?? [];
  const message = errors[0]?.message;
  return (
    <SurveyStaffPage municipality={props.municipality} survey={props.survey} staff={props.staff} title="個票データの取込" errors={errors} parent>
      <h1>個票データの取込</h1>
      <ErrorSummary errors={errors} />
      {props.messages && props.messages.length > 0 ? (
        <section aria-labelledby="import-problems">
          <h2 id="import-problems">ファイルの問題（{props.messages.length}件）。何も取り込んでいません。</h2>
          <ul class="import-problems">
            {props.messages.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        ほかの方法で実施した調査の回答を、回答者ごとに1行のCSVファイル（UTF-8 または Shift_JIS）から取り込みます。1行目は見出し（列名）で、次の列が必要です。値はすべて調査票（コードブック）と照合し、1つでも誤りがあれば何も取り込みません。一度に{MAX_RESPONDENTS.toLocaleString("ja-JP")}行までです。
      </p>
      <ul>
        <li>respondent_id: 回答者ID（重複不可）</li>
        <li>単一回答の設問: 列名は設問コード。値は選択肢のコード、無回答は NA、無効回答は INVALID</li>
        <li>複数回答の設問: 選択肢ごとの列（設問コード_選択肢コード、_NA、_INVALID）。選んだら 1、選んでいなければ 0</li>
        <li>空欄: その設問を尋ねていない（非該当）</li>
      </ul>
      <details>
        <summary>必要な列（{columns.required.length}列）と、あってもよい列</summary>
        <p>必要: {columns.required.join("、")}</p>
        <p>任意（数値・自由記述）: {columns.optional.length > 0 ? columns.optional.join("、") : "なし"}</p>
      </details>
      <form method="post" action={`${path}/import`} enctype="multipart/form-data">
        <CsrfField token={props.staff.csrfToken} />
        <div class={message ? "form-field form-field-error" : "form-field"}>
          <label for={IMPORT_FIELD}>個票データのCSVファイル</label>
          <FieldMessage id={`${IMPORT_FIELD}-error`} message={message} />
          <input type="file" id={IMPORT_FIELD} name="file" accept=".csv,text/csv" required aria-describedby={message ? `${IMPORT_FIELD}-error` : undefined} aria-invalid={message ? "true" : undefined} />
        </div>
        <button type="submit" class="button">
          取り込む
        </button>
      </form>
    </SurveyStaffPage>
  );
}
