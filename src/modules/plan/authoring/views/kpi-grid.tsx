/**
 * 数値目標 as two grids, one row per KPI: first the name, unit, baseline and
 * the target of each fiscal year (the numbers a secretary checks against the
 * printed plan, side by side as printed), then the KPI's number, direction
 * and notes. Numbers are kept as typed and judged by the plan schema
 * (forms/form-input.ts decimalOf: 「2,000」 and full-width digits are read as
 * 2000; a blank or a lone dash is no value, never 0).
 */
import { fiscalYearLabel, warekiFiscalYear } from "../../../../core/format/fiscal-year.ts";
import type { FieldError } from "../../../../core/http/form.ts";
import { TableWrap } from "../../../../core/views/layout.tsx";
import { DIRECTION_LABELS } from "../../plan.ts";
import type { KpiForm } from "../forms/initiative-form.ts";
import { rowAction } from "../forms/row-actions.ts";
import { RowButton } from "./authoring-page.tsx";
import { GridCheckbox, GridSelect, GridText, RowMessage } from "./grid-fields.tsx";
import { GridSection, RowControls } from "./grid-section.tsx";

const DIRECTION_OPTIONS = Object.entries(DIRECTION_LABELS).map(([value, label]) => ({ value, label }));
const HINT = "kpi-grid-hint";

/** 数値目標1 電子申請による受付件数: how a row is named in labels and the second grid's row headers. */
const kpiName = (k: KpiForm, i: number) => `数値目標${i + 1} ${k.label.trim() === "" ? "（指標名未入力）" : k.label}`;

export function KpiGrids(props: { rows: KpiForm[]; years: readonly string[]; errors: readonly FieldError[] }) {
  const { errors, years, rows } = props;
  return (
    <GridSection path={["kpis"]} heading="数値目標" errors={errors}>
      <p class="hint" id={HINT}>
        数値は数字だけを入力してください（全角数字や「1,600」のような桁区切りも使えます）。単位は「単位」欄に書き、数値には付けません。空欄は「値なし（－）」で、0ではありません。
      </p>
      {rows.length === 0 ? (
        <p>数値目標はありません。</p>
      ) : (
        <>
          <TableWrap label="数値目標と年度ごとの目標値の表（横にスクロールできます）">
            <table class="edit-grid">
              <caption>数値目標と年度ごとの目標値</caption>
              <thead>
                <tr>
                  <th scope="col">指標名</th>
                  <th scope="col">単位</th>
                  <th scope="col">基準値の年度</th>
                  <th scope="col">基準値</th>
                  {years.map((y) => (
                    <th scope="col">
                      {warekiFiscalYear(Number(y))}
                      <span class="grid-year">（{y}年度）</span>の目標値
                    </th>
                  ))}
                  <th scope="col">行の操作</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((k, i) => {
                  const name = kpiName(k, i);
                  return (
                    <tr id={`f-kpis-${i}`}>
                      <th scope="row">
                        <RowMessage path={["kpis", i]} errors={errors} />
                        <RowMessage path={["kpis", i, "targets"]} errors={errors} />
                        <RowMessage path={["kpis", i, "baseline"]} errors={errors} />
                        <GridText path={["kpis", i, "label"]} label={`数値目標${i + 1}の指標名（必須）`} value={k.label} errors={errors} />
                      </th>
                      <td>
                        <GridText path={["kpis", i, "unit"]} label={`${name}の単位（必須。例: 件、％）`} value={k.unit} errors={errors} size={6} />
                      </td>
                      <td>
                        <GridText
                          path={["kpis", i, "baseline", "fiscalYear"]}
                          label={`${name}の基準値の年度（例: 2020 または 令和2年度。基準値がなければ空欄）`}
                          value={k.baseline.fiscalYear}
                          errors={errors}
                          size={8}
                        />
                      </td>
                      <td>
                        <GridText path={["kpis", i, "baseline", "value"]} label={`${name}の基準値`} value={k.baseline.value} errors={errors} inputmode="decimal" size={8} hintId={HINT} />
                      </td>
                      {years.map((y) => (
                        <td>
                          <GridText
                            path={["kpis", i, "targets", y]}
                            label={`${name} ${fiscalYearLabel(Number(y))}の目標値`}
                            value={k.targets[y] ?? ""}
                            errors={errors}
                            inputmode="decimal"
                            size={8}
                            hintId={HINT}
                          />
                        </td>
                      ))}
                      <td>
                        <RowControls list="kpis" index={i} what={`数値目標${i + 1}`} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
          <TableWrap label="数値目標の番号・方向・注記の表（横にスクロールできます）">
            <table class="edit-grid">
              <caption>数値目標の番号・目指す方向・注記</caption>
              <thead>
                <tr>
                  <th scope="col">数値目標</th>
                  <th scope="col">番号（任意）</th>
                  <th scope="col">目指す方向</th>
                  <th scope="col">目標値は累計</th>
                  <th scope="col">基準値の注記（任意）</th>
                  <th scope="col">備考（任意）</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((k, i) => {
                  const name = kpiName(k, i);
                  return (
                    <tr>
                      <th scope="row">{name}</th>
                      <td>
                        <GridText path={["kpis", i, "code"]} label={`${name}の番号（計画に印字された番号。例: (1)-1）`} value={k.code} errors={errors} size={6} />
                      </td>
                      <td>
                        <GridSelect path={["kpis", i, "direction"]} label={`${name}の目指す方向`} value={k.direction} options={DIRECTION_OPTIONS} errors={errors} />
                      </td>
                      <td>
                        <GridCheckbox path={["kpis", i, "cumulative"]} label={`${name}の目標値は累計`} checked={k.cumulative} errors={errors} />
                      </td>
                      <td>
                        <GridText path={["kpis", i, "baseline", "note"]} label={`${name}の基準値の注記`} value={k.baseline.note} errors={errors} />
                      </td>
                      <td>
                        <GridText path={["kpis", i, "note"]} label={`${name}の備考`} value={k.note} errors={errors} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
      <p>
        <RowButton action={rowAction("add", "kpis")} label="数値目標を追加" />
      </p>
    </GridSection>
  );
}
