/**
 * A KPI's targets and published actuals, year by year, as an SVG bar chart
 * drawn on the server (the approach of portal/views/kpi-views.tsx): role=img
 * with a title and a description holding every value, next to the table with
 * the same numbers. Colour is not the only cue: each bar is labelled 目標 or
 * 実績 under it, and a missing value is written as a dash.
 */
import { warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import { groupDigits } from "../../../core/format/number.ts";
import { fiscalYearsOf, type Kpi, type Plan } from "../../plan/plan.ts";

export function ResultChart(props: { plan: Plan; kpi: Kpi; actuals: Map<number, string | null> }) {
  const k = props.kpi;
  const years = fiscalYearsOf(props.plan);
  const bars = years.flatMap((y) => [
    { year: y, kind: "target" as const, value: k.targets.get(y) ?? null },
    { year: y, kind: "actual" as const, value: props.actuals.has(y) ? props.actuals.get(y)! : null },
  ]);
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
  const barWidth = Math.min(48, slot * 0.7);
  const id = `result-chart-${k.key}`;
  const describe = (b: (typeof bars)[number]) =>
    `${warekiFiscalYear(b.year)}${b.kind === "target" ? "目標" : "実績"} ${
      b.value === null ? (b.kind === "target" ? "目標値なし" : "未公表") : `${groupDigits(b.value)}${k.unit}`
    }`;

  return (
    <figure class="kpi-chart">
      <svg class="chart" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{`${k.code ? `${k.code} ` : ""}${k.label}の目標値と実績値`}</title>
        <desc id={`${id}-desc`}>{bars.map(describe).join("、")}</desc>
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
                  —
                </text>
              ) : (
                <>
                  {/* Actuals reuse the baseline bar style: both are measured values, targets are the plan's. */}
                  <rect class={b.kind === "target" ? "bar bar-target" : "bar bar-baseline"} x={x} y={y} width={barWidth} height={Math.max(h, 1)} />
                  <text class="chart-value" x={center} y={y - 6} text-anchor="middle">
                    {groupDigits(b.value)}
                  </text>
                </>
              )}
              {b.kind === "target" ? (
                <text class="chart-label" x={center + slot / 2} y={top + plotHeight + 20} text-anchor="middle">
                  {warekiFiscalYear(b.year).replace(/年度$/, "")}
                </text>
              ) : null}
              <text class="chart-label" x={center} y={top + plotHeight + 38} text-anchor="middle">
                {b.kind === "target" ? "目標" : "実績"}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        {k.code ? `${k.code} ` : null}
        {k.label}（単位: {k.unit}）の年度ごとの目標値と実績値（公表済みの年度のみ）。数値は表と同じです。
      </figcaption>
    </figure>
  );
}
