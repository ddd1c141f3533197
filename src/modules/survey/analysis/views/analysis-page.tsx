/**
 * 集計・分析, /:lgCode/staff/surveys/:code/analysis: a GET form (question ×
 * grouping, weighted or not), then the crosstab's tables, chart and
 * statistics, its downloads, and the form that publishes it.
 */
import { errorFor, type FieldError } from "../../../../core/http/form.ts";
import { CsrfField, ErrorSummary, SelectField } from "../../../../core/views/forms.tsx";
import { staffBase } from "../../../accounts/staff-area.ts";
import type { StaffUser } from "../../../accounts/user.ts";
import { StaffPage } from "../../../accounts/views/staff-page.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import { ANALYSIS_FIELDS as F, choiceQuery, choiceQuestions, groupingQuestions, type AnalysisChoice } from "../analysis-form.ts";
import type { Crosstab } from "../domain/crosstab.ts";
import { SMALL_CELL } from "../domain/suppression.ts";
import type { AnalysisSurvey } from "../repository/analysis-queries.ts";
import { CountTable, CrosstabChart, PercentTable, RowPercentTable, StatisticsSection, weightingLabel } from "./crosstab-tables.tsx";

export const analysisPath = (m: Pick<Municipality, "lgCode">, surveyCode: string) => `${staffBase(m)}/surveys/${surveyCode}/analysis`;

export type AnalysisNotice = "published" | "imported" | "weighted" | "unweighted";
const NOTICES: Record<AnalysisNotice, string> = {
  published: "集計表を公開しました。公開ページとオープンデータに表示されます。",
  imported: "個票データを取り込みました。",
  weighted: "重みを設定しました。",
  unweighted: "重みを解除しました。",
};

export type StaffView = { user: StaffUser; csrfToken: string };

export function SurveyStaffPage(props: { municipality: Municipality; survey: AnalysisSurvey; staff: StaffView; title: string; errors?: FieldError[]; parent?: boolean; children: unknown }) {
  const path = analysisPath(props.municipality, props.survey.code);
  return (
    <StaffPage
      municipality={props.municipality}
      title={props.title}
      errors={props.errors}
      signedIn={{ ...props.staff, ready: true }}
      trail={props.parent ? [{ href: path, label: `${props.survey.title}の集計・分析` }] : []}
    >
      {props.children as never}
    </StaffPage>
  );
}

export function AnalysisPage(props: {
  municipality: Municipality;
  survey: AnalysisSurvey;
  staff: StaffView;
  values: { question?: string; by?: string; weighted?: string };
  choice?: AnalysisChoice;
  crosstab?: Crosstab;
  errors?: FieldError[];
  notice?: AnalysisNotice;
  weightsSet: boolean;
  respondents: number;
}) {
  const errors = props.errors ?? [];
  const path = analysisPath(props.municipality, props.survey.code);
  const { survey, values, crosstab: t, choice } = props;
  const questionOptions = choiceQuestions(survey.definition).map((q) => ({ value: q.code, label: `${q.number} ${q.text}${q.kind === "multiple" ? "（複数回答）" : ""}` }));
  const byOptions = groupingQuestions(survey.definition).map((q) => ({ value: q.code, label: `${q.number} ${q.text}` }));
  const weighted = (choice?.weighted ?? values.weighted === "1") ? "1" : "0";
  return (
    <SurveyStaffPage municipality={props.municipality} survey={survey} staff={props.staff} title={`${survey.title}の集計・分析`} errors={errors}>
      <h1>{survey.title}の集計・分析</h1>
      <ErrorSummary errors={errors} />
      {props.notice ? (
        <p class="notice" role="status">
          {NOTICES[props.notice]}
        </p>
      ) : null}
      <p>
        回答 {props.respondents.toLocaleString("ja-JP")}件（提出済み）。{props.weightsSet ? "重みが設定されています。" : "重みは設定されていません（重みなし集計のみ）。"}
      </p>
      <ul class="link-list">
        <li>
          <a href={`${path}/import`}>個票データの取込（CSV）</a>
        </li>
        <li>
          <a href={`${path}/weights`}>重み付け（レイキング）</a>
        </li>
        <li>
          <a href={`${path}/respondents.csv`}>個票データ（CSV、自由記述を除く）</a>・<a href={`${path}/codebook.csv`}>コードブック（CSV）</a>・
          <a href={`${path}/labels.sps`}>SPSSシンタックス</a>・<a href={`${path}/labels.R`}>Rスクリプト</a>
        </li>
      </ul>
      <form class="filters" method="get" action={path} role="search" aria-label="集計の条件">
        <SelectField id={F.question} name="question" label="集計する設問" options={questionOptions} value={choice?.question.code ?? values.question} error={errorFor(errors, F.question)} />
        <SelectField id={F.by} name="by" label="集計軸（クロスする設問）" options={byOptions} value={choice?.by.code ?? values.by} error={errorFor(errors, F.by)} />
        <div class={errorFor(errors, F.weighted) ? "form-field form-field-error" : "form-field"}>
          <fieldset aria-describedby={errorFor(errors, F.weighted) ? `${F.weighted}-error` : undefined}>
            <legend>集計方法</legend>
            {errorFor(errors, F.weighted) ? (
              <p id={`${F.weighted}-error`} class="field-error">
                <span class="visually-hidden">エラー：</span>
                {errorFor(errors, F.weighted)}
              </p>
            ) : null}
            <div class="checkbox">
              <input type="radio" id={F.weighted} name="weighted" value="0" checked={weighted === "0"} />
              <label for={F.weighted}>重みなし</label>
            </div>
            <div class="checkbox">
              <input type="radio" id={`${F.weighted}-1`} name="weighted" value="1" checked={weighted === "1"} />
              <label for={`${F.weighted}-1`}>重み付け（レイキング）</label>
            </div>
          </fieldset>
        </div>
        <div>
          <button type="submit" class="button">
            集計する
          </button>
        </div>
      </form>
      {t && choice ? (
        <section aria-labelledby="result-heading">
          <h2 id="result-heading">
            {t.question.number} {t.question.text} × {t.by.text}（{weightingLabel(t)}）
          </h2>
          <p>
            <a href={`${path}/crosstab.csv?${choiceQuery(choice)}`}>この集計表をCSVでダウンロード</a>・<a href={`${path}/crosstab.xlsx?${choiceQuery(choice)}`}>Excel（xlsx）でダウンロード</a>
          </p>
          <CountTable t={t} />
          <PercentTable t={t} />
          <RowPercentTable t={t} />
          <CrosstabChart t={t} />
          <StatisticsSection t={t} />
          <section aria-labelledby="publish-heading">
            <h2 id="publish-heading">集計表の公開</h2>
            <p>
              公開ページとオープンデータに、この表の回答者数（{weightingLabel(t)}）を公開します。回答者が1〜{SMALL_CELL - 1}人のセルは秘匿し（「－」）、合計から逆算できないよう同じ行・列のもう1つのセルも秘匿します。自由記述は公開しません。同じ設問・集計軸の表を公開済みなら置き換えます。
            </p>
            <form method="post" action={`${path}/publish`}>
              <CsrfField token={props.staff.csrfToken} />
              <input type="hidden" name="question" value={choice.question.code} />
              <input type="hidden" name="by" value={choice.by.code} />
              <input type="hidden" name="weighted" value={choice.weighted ? "1" : "0"} />
              <button type="submit" class="button">
                この集計表を公開する
              </button>
            </form>
          </section>
        </section>
      ) : null}
    </SurveyStaffPage>
  );
}
