/**
 * An initiative's published results over the years: its grade per year (with
 * the change from the year before), and per KPI the target against the
 * published actual, year by year — as a chart (core/views/charts) and the
 * table that is its text alternative. A year without a published actual says
 * 未公表; a year without a target says 目標値なし — neither is drawn as 0.
 */
import { fiscalYearLabel } from "../../../core/format/fiscal-year.ts";
import { groupDigits } from "../../../core/format/number.ts";
import { BarChart } from "../../../core/views/charts/bar-chart.tsx";
import type { ChartSeries } from "../../../core/views/charts/chart-figure.tsx";
import { TableWrap } from "../../../core/views/layout.tsx";
import { DIRECTION_LABELS, fiscalYearsOf, type Initiative, type Kpi, type Plan } from "../../plan/plan.ts";
import { finalGrade } from "../cycle.ts";
import { achievement } from "../domain/achievement.ts";
import { achievementLabel } from "../domain/kpi-results.ts";
import { gradeChangeLabel } from "../domain/published-summary.ts";
import type { PublishedResult } from "../published-results.ts";

const NO_TARGET = "目標値なし";
const NOT_PUBLISHED = "未公表";

export const TARGET_ACTUAL_SERIES: readonly ChartSeries[] = [
  { key: "target", label: "目標", tone: "target", pattern: "stripes" },
  { key: "actual", label: "実績", tone: "actual", pattern: "solid" },
];

/** 年度 | 評価 | 前年度からの変化, for every published year of one initiative. */
export function InitiativeGrades(props: { plan: Plan; initiative: Initiative; results: PublishedResult[] }) {
  const byYear = new Map(props.results.map((r) => [r.fiscalYear, r]));
  const caption = `取組項目${props.initiative.number}の年度ごとの評価`;
  return (
    <TableWrap label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">年度</th>
            <th scope="col">評価</th>
            <th scope="col">前年度からの変化</th>
          </tr>
        </thead>
        <tbody>
          {props.results.map((r) => {
            const previous = byYear.get(r.fiscalYear - 1);
            const grade = finalGrade(r.report);
            return (
              <tr>
                <th scope="row">
                  <a href={`#result-${r.fiscalYear}`}>{fiscalYearLabel(r.fiscalYear)}</a>
                </th>
                <td>
                  {grade ?? "評価なし"}
                  {r.report.cioGrade ? <span class="note">（CIOが変更。自己評価 {r.report.selfGrade ?? "なし"}）</span> : null}
                </td>
                <td>{gradeChangeLabel(previous ? finalGrade(previous.report) : undefined, grade)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** One KPI: the chart of target against actual per fiscal year of the plan, and the table beside it. */
export function KpiResultChart(props: { plan: Plan; kpi: Kpi; results: PublishedResult[] }) {
  const { kpi } = props;
  const published = new Map(props.results.map((r) => [r.fiscalYear, r.actuals.get(kpi.id)?.value ?? null]));
  const years = fiscalYearsOf(props.plan).map((year) => {
    const target = kpi.targets.get(year) ?? null;
    const actual = published.has(year) ? published.get(year)! : null;
    return {
      year,
      target,
      actual,
      /** false: the year's result is not published (actual 未公表); true with a null actual: published without one. */
      isPublished: published.has(year),
      achievement: achievement({ direction: kpi.direction, target, actual }),
    };
  });
  const name = `${kpi.code ? `${kpi.code} ` : ""}${kpi.label}`;
  const value = (v: string | null, none: string) => (v === null ? none : `${groupDigits(v)}${kpi.unit}`);
  const actualNone = (published: boolean) => (published ? "実績なし" : NOT_PUBLISHED);
  const id = `result-chart-${kpi.key}`;
  const caption = `${name}の目標値と実績値（年度別、単位: ${kpi.unit}、${DIRECTION_LABELS[kpi.direction]}）`;
  const table = (
    <TableWrap label={`${name}の目標値と実績値の表`}>
      <table>
        <caption>{name}の目標値と実績値（グラフの数値）</caption>
        <thead>
          <tr>
            <th scope="col">年度</th>
            <th scope="col" class="num">
              目標値
            </th>
            <th scope="col" class="num">
              実績値
            </th>
            <th scope="col">達成状況</th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr>
              <th scope="row">{fiscalYearLabel(y.year)}</th>
              <td class="num">{value(y.target, NO_TARGET)}</td>
              <td class="num">{value(y.actual, actualNone(y.isPublished))}</td>
              <td>{y.isPublished ? achievementLabel(y.achievement) : NOT_PUBLISHED}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
  return (
    <BarChart
      id={id}
      caption={`${caption}。数値は下の表のとおりです。`}
      series={TARGET_ACTUAL_SERIES}
      groups={years.map((y) => ({
        label: fiscalYearLabel(y.year),
        bars: [
          { series: "target", value: y.target, text: value(y.target, NO_TARGET) },
          { series: "actual", value: y.actual, text: value(y.actual, actualNone(y.isPublished)) },
        ],
      }))}
      table={table}
    />
  );
}
