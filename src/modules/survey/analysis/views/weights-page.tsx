/**
 * 重み付け（レイキング）: population totals per category of age band, sex
 * and area (any of them), from which raking weights are computed and stored;
 * or the weights removed.
 */
import type { FieldError } from "../../../../core/http/form.ts";
import { CsrfField, ErrorSummary, FieldMessage } from "../../../../core/views/forms.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import type { RakingQuestion } from "../weights-form.ts";
import { totalField } from "../weights-form.ts";
import type { AnalysisSurvey } from "../repository/analysis-queries.ts";
import { analysisPath, SurveyStaffPage, type StaffView } from "./analysis-page.tsx";

export function WeightsPage(props: {
  municipality: Municipality;
  survey: AnalysisSurvey;
  staff: StaffView;
  questions: RakingQuestion[];
  values: Record<string, string>;
  errors?: FieldError[];
  current: { weighted: number; responses: number; designEffect: number | null };
}) {
  const path = analysisPath(props.municipality, props.survey.code);
  const errors = props.errors ?? [];
  const error = (id: string) => errors.find((e) => e.field === id)?.message;
  return (
    <SurveyStaffPage municipality={props.municipality} survey={props.survey} staff={props.staff} title="重み付け（レイキング）" errors={errors} parent>
      <h1>重み付け（レイキング）</h1>
      <ErrorSummary errors={errors} />
      <p>
        {props.current.weighted > 0
          ? `現在、回答 ${props.current.responses.toLocaleString("ja-JP")}件のうち ${props.current.weighted.toLocaleString("ja-JP")}件に重みが設定されています（デザイン効果 ${props.current.designEffect?.toFixed(2) ?? "－"}）。`
          : "現在、重みは設定されていません。"}
      </p>
      <p>
        母集団（住民基本台帳など）の人数を区分ごとに入力すると、回答者の構成がそれに合うよう重みを計算します（レイキング）。使う属性は全区分を、使わない属性は空欄のままにしてください。重みは平均1にそろえるため、重み付けした回答者数の合計は回答数と同じです。属性が無回答の回答者は、その属性の調整から外れます。
      </p>
      {props.questions.length === 0 ? (
        <p>この調査票には、年齢・性別・地区の属性の設問がないため、重み付けできません。</p>
      ) : (
        <form method="post" action={`${path}/weights`}>
          <CsrfField token={props.staff.csrfToken} />
          {props.questions.map((q) => (
            <fieldset class="weights-margin">
              <legend>
                {q.number} {q.text}（母集団の人数）
              </legend>
              {q.options.map((o) => {
                const id = totalField(q.code, o.code);
                return (
                  <div class={error(id) ? "form-field form-field-error" : "form-field"}>
                    <label for={id}>{o.label}</label>
                    <FieldMessage id={`${id}-error`} message={error(id)} />
                    <input id={id} name={id} type="text" inputmode="numeric" value={props.values[id] ?? ""} aria-describedby={error(id) ? `${id}-error` : undefined} aria-invalid={error(id) ? "true" : undefined} />
                  </div>
                );
              })}
            </fieldset>
          ))}
          <button type="submit" class="button">
            重みを計算して設定する
          </button>
        </form>
      )}
      {props.current.weighted > 0 ? (
        <form method="post" action={`${path}/weights/clear`}>
          <CsrfField token={props.staff.csrfToken} />
          <button type="submit" class="button button-secondary">
            重みを解除する
          </button>
        </form>
      ) : null}
    </SurveyStaffPage>
  );
}
