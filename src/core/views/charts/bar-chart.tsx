/**
 * Horizontal bars in groups (one group per fiscal year, one bar per series:
 * 目標 and 実績, or 基準値 and 目標). Horizontal, because long year labels and
 * values such as 「1,234,567件」 then fit a 390 px screen without shrinking.
 * Each bar is labelled with its series name on the left and its value on the
 * right; a missing value draws no bar but says what is missing (「目標値なし」,
 * 「未公表」) — never a bar of 0.
 */
import { ChartFigure, seriesFill, type ChartSeries } from "./chart-figure.tsx";
import type { Child } from "hono/jsx";

export type Bar = {
  series: string;
  /** A decimal as stored; null = no value. */
  value: string | null;
  /** Shown beside the bar: the formatted value with its unit, or what is missing. */
  text: string;
};

export type BarGroup = { label: string; bars: Bar[] };

const WIDTH = 400;
const LABEL_WIDTH = 40;
const VALUE_WIDTH = 120;
const GROUP_LABEL = 20;
const BAR = 18;
const GAP = 6;
const GROUP_GAP = 12;

export function BarChart(props: { id: string; caption: Child; table?: Child; series: readonly ChartSeries[]; groups: readonly BarGroup[] }) {
  const numbers = props.groups.flatMap((g) => g.bars.flatMap((b) => (b.value === null ? [] : [Number(b.value)])));
  const max = Math.max(0, ...numbers) || 1;
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const byKey = new Map(props.series.map((s) => [s.key, s]));
  let y = 4;
  const marks: Child[] = [];
  for (const group of props.groups) {
    marks.push(
      <text class="chart-group" x={0} y={y + 14}>
        {group.label}
      </text>,
    );
    y += GROUP_LABEL;
    // The baseline of this group's bars (not across the group labels, which it would strike through).
    marks.push(<line class="axis" x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={y - 2} y2={y + group.bars.length * (BAR + GAP) - GAP + 2} />);
    for (const bar of group.bars) {
      const series = byKey.get(bar.series)!;
      const length = bar.value === null ? 0 : Math.max((Number(bar.value) / max) * plot, 2);
      marks.push(
        <g>
          <text class="chart-label" x={0} y={y + BAR - 4}>
            {series.label}
          </text>
          {bar.value === null ? null : (
            <rect class={`chart-bar chart-bar-${series.pattern}`} x={LABEL_WIDTH} y={y} width={length} height={BAR} fill={seriesFill(props.id, series.key)} />
          )}
          <text class={bar.value === null ? "chart-none" : "chart-value"} x={LABEL_WIDTH + length + 6} y={y + BAR - 4}>
            {bar.text}
          </text>
        </g>,
      );
      y += BAR + GAP;
    }
    y += GROUP_GAP;
  }
  const height = Math.max(y, 40);
  return (
    <ChartFigure id={props.id} caption={props.caption} table={props.table} series={props.series} width={WIDTH} height={height}>
      {marks}
    </ChartFigure>
  );
}
