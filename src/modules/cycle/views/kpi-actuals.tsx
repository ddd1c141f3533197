/**
 * The CHECK section's KPI table: the year's target, the actual, as-of date,
 * source, achievement rate and the grade it suggests — editable for the lead
 * division, read-only for everyone else — and the achievement rule in words
 * (achievement.ts), shown beside the form as the plan's process asks.
 */
import type { FieldError } from "../../../core/http/form.ts";
import { errorFor } from "../../../core/http/form.ts";
import { groupDigits } from "../../../core/format/number.ts";
import { warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import { TableWrap } from "../../../core/views/layout.tsx";
import { DIRECTION_LABELS, type Grade } from "../../plan/plan.ts";
import { GRADE_THRESHOLDS } from "../domain/achievement.ts";
import { warekiDateWithWestern } from "../../../core/format/wareki-date.ts";
import { achievementLabel, type KpiResult } from "../domain/kpi-results.ts";
import { kpiFieldId, type TypedActual } from "../forms.ts";

const kpiName = (r: KpiResult) => `${r.kpi.code ? `${r.kpi.code} ` : ""}${r.kpi.label}`;

export function NoValue(props: { text: string }) {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span class="visually-hidden">{props.text}</span>
    </>
  );
}

const withUnit = (value: string | null, unit: string, none: string) =>
  value === null ? <NoValue text={none} /> : `${groupDigits(value)}${unit}`;

export function AchievementRule(props: { fiscalYear: number }) {
  return (
    <details>
      <summary>達成率と評価の目安の決め方</summary>
      <ul>
        <li>達成率は、{warekiFiscalYear(props.fiscalYear)}の目標値と実績値を比べて計算します（基準値は使いません）。</li>
        <li>「{DIRECTION_LABELS.higher}」の指標: 達成率 ＝ 実績値 ÷ 目標値。</li>
        <li>「{DIRECTION_LABELS.lower}」の指標: 達成率 ＝ 目標値 ÷ 実績値（実績値が0のときは目標を達成したものとします）。</li>
        <li>「{DIRECTION_LABELS.keep}」の指標: 実績値が目標値以上なら達成。達成率は100%を上限とします。</li>
        <li>
          <strong>累計</strong>の指標は、年度末時点の累計値（計画開始からの合計）を実績値として入力してください。累計の目標値とそのまま比べます。
        </li>
        <li>実績値が未入力の場合や、その年度の目標値がない（—）場合は、達成率を出しません（0%とはしません）。目標値が0の場合は、達成・未達成だけを示します。</li>
        <li>
          評価の目安: 達成率{GRADE_THRESHOLDS.S}%以上は S、{GRADE_THRESHOLDS.A}%以上は A、{GRADE_THRESHOLDS.B}%以上は B、{GRADE_THRESHOLDS.B}%未満は C。指標が複数あるときは、最も低い目安を示します。
        </li>
        <li>目安は参考です。自己評価は、取組計画の実施状況も含めて担当課が判断します。</li>
      </ul>
    </details>
  );
}

export function SuggestedGrade(props: { grade: Grade | undefined }) {
  return (
    <p>
      数値目標から見た評価の目安: <strong>{props.grade ?? "なし（評価できる指標がありません）"}</strong>
    </p>
  );
}

/** Read-only: what is saved. */
export function KpiResultTable(props: { results: KpiResult[]; caption: string; regionLabel?: string; showSource?: boolean }) {
  return (
    <TableWrap label={props.regionLabel ?? props.caption}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">指標</th>
            <th scope="col" class="num">
              目標値
            </th>
            <th scope="col" class="num">
              実績値
            </th>
            <th scope="col">時点</th>
            {props.showSource === false ? null : <th scope="col">出典</th>}
            <th scope="col" class="num">
              達成率
            </th>
            <th scope="col">評価の目安</th>
          </tr>
        </thead>
        <tbody>
          {props.results.map((r) => (
            <tr>
              <th scope="row">
                {kpiName(r)}
                {r.kpi.cumulative ? <span class="tag">累計</span> : null}
                <span class="note">（{DIRECTION_LABELS[r.kpi.direction]}）</span>
              </th>
              <td class="num">{withUnit(r.target, r.kpi.unit, "目標値なし")}</td>
              <td class="num">{withUnit(r.actual?.value ?? null, r.kpi.unit, "実績未入力")}</td>
              <td>{r.actual?.asOf ? warekiDateWithWestern(r.actual.asOf) : <NoValue text="なし" />}</td>
              {props.showSource === false ? null : <td>{r.actual?.source ?? <NoValue text="なし" />}</td>}
              <td class="num">{achievementLabel(r.achievement)}</td>
              <td>{r.achievement.status === "rated" ? r.achievement.suggestedGrade : <NoValue text="なし" />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** Editable: inputs for actual, as-of date and source; rates are of the saved values. */
export function KpiActualInputs(props: {
  results: KpiResult[];
  typed: TypedActual[];
  errors: readonly FieldError[];
  /** Saved values that differ from what was typed (after a stale save). */
  current?: Map<number, TypedActual>;
}) {
  return (
    <TableWrap label="数値目標の実績値の入力">
      <table>
        <caption>数値目標の実績値（単位を付けずに数値で入力）</caption>
        <thead>
          <tr>
            <th scope="col">指標</th>
            <th scope="col" class="num">
              目標値
            </th>
            <th scope="col">実績値</th>
            <th scope="col">時点</th>
            <th scope="col">出典（集計元）</th>
            <th scope="col" class="num">
              達成率（保存済みの値）
            </th>
          </tr>
        </thead>
        <tbody>
          {props.results.map((r) => {
            const t = props.typed.find((x) => x.kpiId === r.kpi.id) ?? { kpiId: r.kpi.id, value: "", asOf: "", source: "" };
            const saved = props.current?.get(r.kpi.id);
            const cell = (part: "actual" | "as-of" | "source", value: string, label: string, savedValue: string | undefined) => {
              const id = kpiFieldId(r.kpi.id, part);
              const error = errorFor(props.errors, id);
              const savedId = savedValue !== undefined ? `${id}-saved` : undefined;
              return (
                <td class={error ? "form-field-error" : undefined}>
                  <label for={id} class="visually-hidden">
                    {kpiName(r)}の{label}
                  </label>
                  {error ? (
                    <p id={`${id}-error`} class="field-error">
                      <span class="visually-hidden">エラー：</span>
                      {error}
                    </p>
                  ) : null}
                  <input
                    type="text"
                    id={id}
                    name={id}
                    value={value}
                    inputmode={part === "actual" ? "decimal" : undefined}
                    aria-describedby={[error ? `${id}-error` : undefined, savedId, part === "actual" && r.kpi.cumulative ? `kpi-${r.kpi.id}-cumulative` : undefined].filter(Boolean).join(" ") || undefined}
                    aria-invalid={error ? "true" : undefined}
                  />
                  {savedValue !== undefined ? (
                    <p id={savedId} class="hint">
                      保存されている内容: {savedValue === "" ? "（空欄）" : savedValue}
                    </p>
                  ) : null}
                </td>
              );
            };
            return (
              <tr>
                <th scope="row">
                  {kpiName(r)}（{r.kpi.unit}）
                  {r.kpi.cumulative ? (
                    <>
                      <span class="tag">累計</span>
                      <span id={`kpi-${r.kpi.id}-cumulative`} class="note">
                        年度末時点の累計値を入力
                      </span>
                    </>
                  ) : null}
                </th>
                <td class="num">{withUnit(r.target, r.kpi.unit, "目標値なし")}</td>
                {cell("actual", t.value, `実績値（${r.kpi.unit}）`, saved && saved.value !== t.value ? saved.value : undefined)}
                {cell("as-of", t.asOf, "時点（例: 令和6年3月31日、R6.3.31、2024/3/31）", saved && saved.asOf !== t.asOf ? saved.asOf : undefined)}
                {cell("source", t.source, "出典", saved && saved.source !== t.source ? saved.source : undefined)}
                <td class="num">{achievementLabel(r.achievement)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
