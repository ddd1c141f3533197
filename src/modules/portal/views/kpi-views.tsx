/**
 * 数値目標: the table (the full, accessible record) and a bar chart drawn on
 * the server as SVG (core/views/charts; a picture of the same numbers, which
 * the table just above it gives in text).
 * Values are shown exactly as printed; "no value" is shown as such, never 0.
 */
import { fiscalYearLabel, warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import { groupDigits } from "../../../core/format/number.ts";
import { BarChart, type BarGroup } from "../../../core/views/charts/bar-chart.tsx";
import type { ChartSeries } from "../../../core/views/charts/chart-figure.tsx";
import { TableWrap } from "../../../core/views/layout.tsx";
import type { Kpi, Plan } from "../../plan/plan.ts";
import { DIRECTION_LABELS, fiscalYearsOf } from "../../plan/plan.ts";

export const NO_TARGET = "目標値なし";
export const NO_VALUE = "値なし";

export function KpiTable(props: { plan: Plan; kpis: Kpi[]; caption: string }) {
  const years = fiscalYearsOf(props.plan);
  return (
    <>
      <TableWrap label={props.caption}>
        <table class="kpis">
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">指標</th>
              <th scope="col">単位</th>
              <th scope="col" class="num">
                基準値
              </th>
              {years.map((y) => (
                <th scope="col" class="num">
                  {warekiFiscalYear(y)}
                  <br />
                  <span class="note">目標値</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.kpis.map((k) => (
              <tr id={`kpi-${k.key}`}>
                <th scope="row">
                  {k.code ? `${k.code} ` : null}
                  {k.label}
                  {k.cumulative ? <span class="tag">累計</span> : null}
                  <span class="note kpi-direction">（{DIRECTION_LABELS[k.direction]}）</span>
                </th>
                <td>{k.unit}</td>
                <td class="num">
                  <Baseline kpi={k} />
                </td>
                {years.map((y) => (
                  <td class="num">
                    <Value value={k.targets.get(y) ?? null} unit={k.unit} none={NO_TARGET} mark="—" />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p class="note">「—」は目標値が定められていないこと、「－」は基準年度の実績値がないことを表します（0 とは異なります）。</p>
    </>
  );
}

function Baseline(props: { kpi: Kpi }) {
  const b = props.kpi.baseline;
  if (!b) {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span class="visually-hidden">基準値なし</span>
      </>
    );
  }
  return (
    <>
      <Value value={b.value} unit={props.kpi.unit} none={NO_VALUE} mark="－" />
      <br />
      <span class="note">（{warekiFiscalYear(b.fiscalYear)}実績）</span>
    </>
  );
}

function Value(props: { value: string | null; unit: string; none: string; mark: string }) {
  if (props.value === null) {
    return (
      <>
        <span aria-hidden="true">{props.mark}</span>
        <span class="visually-hidden">{props.none}</span>
      </>
    );
  }
  return (
    <>
      {groupDigits(props.value)}
      {props.unit}
    </>
  );
}

const PLAN_SERIES: readonly ChartSeries[] = [
  { key: "baseline", label: "実績", tone: "baseline", pattern: "dots" },
  { key: "target", label: "目標", tone: "target", pattern: "stripes" },
];

/** The plan's numbers as bars: the baseline year's actual (when there is one) and each year's target. */
export function KpiChart(props: { plan: Plan; kpi: Kpi }) {
  const k = props.kpi;
  const text = (value: string | null, none: string) => (value === null ? none : `${groupDigits(value)}${k.unit}`);
  const groups: BarGroup[] = [];
  if (k.baseline) {
    groups.push({
      label: `${fiscalYearLabel(k.baseline.fiscalYear)}（基準値）`,
      bars: [{ series: "baseline", value: k.baseline.value, text: text(k.baseline.value, NO_VALUE) }],
    });
  }
  for (const y of fiscalYearsOf(props.plan)) {
    const target = k.targets.get(y) ?? null;
    groups.push({ label: fiscalYearLabel(y), bars: [{ series: "target", value: target, text: text(target, NO_TARGET) }] });
  }
  if (groups.every((g) => g.bars.every((b) => b.value === null))) return null;
  const name = `${k.code ? `${k.code} ` : ""}${k.label}`;
  return (
    <BarChart
      id={`chart-${k.key}`}
      caption={`${name}の基準値と目標値（単位: ${k.unit}）。数値は上の表と同じです。`}
      series={PLAN_SERIES.filter((s) => s.key === "target" || k.baseline)}
      groups={groups}
    />
  );
}
