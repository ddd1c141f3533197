/**
 * 数値目標: the table (the full, accessible record) and a bar chart drawn on
 * the server as SVG (a picture of the same numbers, with a text alternative).
 * Values are shown exactly as printed; "no value" is shown as such, never 0.
 */
import { warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import { groupDigits } from "../../../core/format/number.ts";
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

/** A bar per year: the baseline (when it has a value) and each year's target. */
export function KpiChart(props: { plan: Plan; kpi: Kpi }) {
  const k = props.kpi;
  const bars: { label: string; value: string | null; kind: "baseline" | "target" }[] = [];
  if (k.baseline) bars.push({ label: `${warekiFiscalYear(k.baseline.fiscalYear)}実績`, value: k.baseline.value, kind: "baseline" });
  for (const y of fiscalYearsOf(props.plan)) bars.push({ label: `${warekiFiscalYear(y)}目標`, value: k.targets.get(y) ?? null, kind: "target" });
  const numbers = bars.flatMap((b) => (b.value === null ? [] : [Number(b.value)]));
  if (numbers.length === 0) return null;

  const width = 640;
  const height = 260;
  const top = 28;
  const bottom = 48;
  const left = 8;
  const plotHeight = height - top - bottom;
  const max = Math.max(...numbers) || 1;
  const slot = (width - left * 2) / bars.length;
  const barWidth = Math.min(64, slot * 0.6);
  const id = `chart-${k.key}`;
  const summary = bars
    .map((b) => `${b.label} ${b.value === null ? (b.kind === "baseline" ? NO_VALUE : NO_TARGET) : `${groupDigits(b.value)}${k.unit}`}`)
    .join("、");

  return (
    <figure class="kpi-chart">
      <svg
        class="chart"
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <title id={`${id}-title`}>{`${k.code ? `${k.code} ` : ""}${k.label}の基準値と目標値`}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <line class="axis" x1={left} x2={width - left} y1={top + plotHeight} y2={top + plotHeight} />
        {bars.map((b, i) => {
          const x = left + slot * i + (slot - barWidth) / 2;
          const center = x + barWidth / 2;
          const h = b.value === null ? 0 : (Number(b.value) / max) * plotHeight;
          const y = top + plotHeight - h;
          return (
            <g>
              {b.value === null ? (
                <text class="chart-none" x={center} y={top + plotHeight - 6} text-anchor="middle">
                  {b.kind === "baseline" ? "－" : "—"}
                </text>
              ) : (
                <>
                  <rect class={`bar bar-${b.kind}`} x={x} y={y} width={barWidth} height={Math.max(h, 1)} />
                  <text class="chart-value" x={center} y={y - 6} text-anchor="middle">
                    {groupDigits(b.value)}
                  </text>
                </>
              )}
              <text class="chart-label" x={center} y={top + plotHeight + 20} text-anchor="middle">
                {b.label.replace(/年度.*/, "")}
              </text>
              <text class="chart-label" x={center} y={top + plotHeight + 38} text-anchor="middle">
                {b.kind === "baseline" ? "実績" : "目標"}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        {k.code ? `${k.code} ` : null}
        {k.label}（単位: {k.unit}）。数値は上の表と同じです。
      </figcaption>
    </figure>
  );
}
