/**
 * One horizontal bar per row (a fiscal year), split into segments by count
 * (S, A, B, C … and, for a year only partly published, 未公表). Every bar is
 * the full width: it stands for all items of its row, so a partly published
 * year shows how much is still missing instead of looking complete. A
 * segment wide enough carries its label and count as text; the table beside
 * the chart has every number.
 */
import type { Child } from "hono/jsx";
import { ChartFigure, seriesFill, type ChartSeries } from "./chart-figure.tsx";

export type StackedRow = {
  label: string;
  /** Counts in the order of the chart's series; 0 draws nothing. */
  counts: number[];
};

const WIDTH = 400;
const ROW_LABEL = 20;
const BAR = 26;
const ROW_GAP = 12;
/** The width a label needs at the chart's 14px font: segments narrower than their label stay unlabelled (the table has their numbers). */
const textWidth = (text: string) => [...text].reduce((sum, ch) => sum + (ch.charCodeAt(0) > 0xff ? 14 : 8.5), 8);

export function StackedBarChart(props: { id: string; caption: Child; table?: Child; series: readonly ChartSeries[]; rows: readonly StackedRow[] }) {
  let y = 4;
  const marks: Child[] = [];
  for (const row of props.rows) {
    const total = row.counts.reduce((sum, n) => sum + n, 0);
    marks.push(
      <text class="chart-group" x={0} y={y + 14}>
        {row.label}
      </text>,
    );
    y += ROW_LABEL;
    let x = 0;
    row.counts.forEach((count, i) => {
      if (count === 0 || total === 0) return;
      const series = props.series[i]!;
      const width = (count / total) * WIDTH;
      const text = `${series.key.length <= 2 ? series.key : series.label} ${count}`;
      marks.push(
        <g>
          <rect class={`chart-bar chart-bar-${series.pattern}`} x={x} y={y} width={width} height={BAR} fill={seriesFill(props.id, series.key)} />
          {width >= textWidth(text) ? (
            <text class={`chart-segment chart-segment-${series.tone}`} x={x + width / 2} y={y + BAR / 2 + 5} text-anchor="middle">
              {text}
            </text>
          ) : null}
        </g>,
      );
      x += width;
    });
    y += BAR + ROW_GAP;
  }
  return (
    <ChartFigure id={props.id} caption={props.caption} table={props.table} series={props.series} width={WIDTH} height={Math.max(y, 40)}>
      {marks}
    </ChartFigure>
  );
}
