/**
 * The frame every server-drawn chart shares: a figure whose caption names the
 * chart, the SVG (role="img", labelled by that caption) and the table with the
 * same numbers — the chart's text alternative, which screen readers, print and
 * copy-and-paste use. The SVG scales with its box (viewBox, width 100%) so it
 * stays legible at 390 px; its fills come from the design tokens (site.css)
 * and every mark also carries a pattern or a text label, so colour is never
 * the only way to tell series apart.
 */
import type { Child } from "hono/jsx";

/** Patterns drawn over the fills: a second cue besides colour (and for printing in black and white). */
export type ChartPattern = "solid" | "stripes" | "dots" | "cross" | "outline";

export type ChartSeries = {
  key: string;
  label: string;
  /** A class suffix: `chart-fill-${tone}` in site.css. */
  tone: string;
  pattern: ChartPattern;
};

/** SVG <defs>: one pattern per series, ids scoped to the chart so that several charts fit on one page. */
export function SeriesPatterns(props: { id: string; series: readonly ChartSeries[] }) {
  return (
    <defs>
      {props.series.map((s) => (
        <pattern id={patternId(props.id, s.key)} patternUnits="userSpaceOnUse" width="8" height="8">
          <rect class={`chart-fill-${s.tone}`} width="8" height="8" />
          {s.pattern === "stripes" ? <path class="chart-hatch" d="M-2,10 L10,-2 M-2,2 L2,-2 M6,10 L10,6" /> : null}
          {s.pattern === "dots" ? <circle class="chart-dot" cx="4" cy="4" r="1.6" /> : null}
          {s.pattern === "cross" ? <path class="chart-hatch" d="M0,0 L8,8 M8,0 L0,8" /> : null}
        </pattern>
      ))}
    </defs>
  );
}

export const patternId = (chartId: string, seriesKey: string) => `${chartId}-pattern-${seriesKey}`;
export const seriesFill = (chartId: string, seriesKey: string) => `url(#${patternId(chartId, seriesKey)})`;

/** A legend in HTML (real text, zoomable), each entry with the series' swatch. */
export function ChartLegend(props: { id: string; series: readonly ChartSeries[] }) {
  return (
    <ul class="chart-legend" aria-hidden="true">
      {props.series.map((s) => (
        <li>
          <svg class="chart-swatch" viewBox="0 0 16 16" width="16" height="16" focusable="false">
            <SeriesPatterns id={`${props.id}-legend`} series={[s]} />
            <rect x="0.5" y="0.5" width="15" height="15" fill={seriesFill(`${props.id}-legend`, s.key)} class={`chart-bar chart-bar-${s.pattern}`} />
          </svg>
          {s.label}
        </li>
      ))}
    </ul>
  );
}

export function ChartFigure(props: {
  id: string;
  /** Names the chart; the SVG is labelled by it. */
  caption: Child;
  /** The same numbers as a table (the text alternative); omitted only where the table stands just before the chart. */
  table?: Child;
  series: readonly ChartSeries[];
  width: number;
  height: number;
  children: Child;
}) {
  const captionId = `${props.id}-caption`;
  return (
    <figure class="chart-figure" id={props.id}>
      <figcaption id={captionId}>{props.caption}</figcaption>
      <ChartLegend id={props.id} series={props.series} />
      <svg class="chart" viewBox={`0 0 ${props.width} ${props.height}`} role="img" aria-labelledby={captionId} focusable="false">
        <SeriesPatterns id={props.id} series={props.series} />
        {props.children}
      </svg>
      {props.table ?? null}
    </figure>
  );
}
