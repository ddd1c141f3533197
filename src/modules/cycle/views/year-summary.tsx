/**
 * A published year's figures, wherever they appear (top page, results pages,
 * 評価の推移, policy pages): 「37項目中12項目を公表」 and its base, counts per
 * grade, percentages only for a complete year (decision 022), and the stacked
 * bar chart of the same numbers.
 */
import { fiscalYearLabel } from "../../../core/format/fiscal-year.ts";
import type { ChartSeries } from "../../../core/views/charts/chart-figure.tsx";
import { StackedBarChart, type StackedRow } from "../../../core/views/charts/stacked-bar-chart.tsx";
import { TableWrap } from "../../../core/views/layout.tsx";
import { GRADES, type Grade, type Plan } from "../../plan/plan.ts";
import { publicationLabel, unpublishedCount, type PublishedYear } from "../domain/published-summary.ts";

const GRADE_TONES: Record<Grade, { tone: string; pattern: ChartSeries["pattern"] }> = {
  S: { tone: "s", pattern: "solid" },
  A: { tone: "a", pattern: "stripes" },
  B: { tone: "b", pattern: "dots" },
  C: { tone: "c", pattern: "cross" },
};

/** S, A, B, C and 未公表, in the order of a stacked row's counts. */
export const GRADE_SERIES: readonly ChartSeries[] = [
  ...GRADES.map((g) => ({ key: g, label: g, ...GRADE_TONES[g] })),
  { key: "unpublished", label: "未公表", tone: "unpublished", pattern: "outline" },
];

export const gradeRow = (label: string, year: PublishedYear): StackedRow => ({
  label,
  counts: [...GRADES.map((g) => countOf(year, g)), unpublishedCount(year) + year.ungraded],
});

export const countOf = (year: PublishedYear, grade: Grade) => year.counts.find((c) => c.grade === grade)?.count ?? 0;

/** 「令和5年度（2023年度）: 37項目中12項目を公表（n=12）」 and, for a partial year, why there are no percentages. */
export function PublicationNote(props: { year: PublishedYear }) {
  const { year } = props;
  return (
    <p class={year.complete ? "publication-note" : "publication-note partial"}>
      <strong>{publicationLabel(year)}</strong>（集計の母数 n={year.published}）。
      {year.complete ? null : <>この年度は公表の途中です。公表済みの項目だけの集計のため、割合は示さず項目数だけを示します。</>}
    </p>
  );
}

export function PartialRule() {
  return (
    <p class="note">
      割合は、計画のすべての取組項目の評価結果を公表した年度についてだけ、公表した項目数を母数（n）として示します。公表の途中の年度は、一部の項目だけの割合が全体の傾向と誤解されないよう、項目数と「○項目中○項目を公表」だけを示します。
    </p>
  );
}

export function RoundingRule() {
  return (
    <p class="note">
      割合は最大剰余方式で整数に丸めています（各割合の整数部分を取り、不足する分を小数部分の大きい評価から順に1ポイントずつ加えるため、合計が必ず100%になります）。CIOが評価を変更した取組項目は、変更後の評価で数えています。
    </p>
  );
}

/** The year's counts (and shares when complete) as a table, with the chart above it. */
export function YearSummary(props: { plan: Plan; year: PublishedYear; id: string; headingLevel?: "h2" | "h3" }) {
  const { plan, year } = props;
  const definitions = new Map(plan.gradeDefinitions.map((g) => [g.grade, g.definition]));
  const label = fiscalYearLabel(year.fiscalYear);
  const caption = `${label}の評価結果の集計（${publicationLabel(year)}）`;
  const unpublished = unpublishedCount(year);
  // A partly published year has no share column at all (decision 022); a complete one has no 未公表 or 評価なし rows.
  const shares = year.shares;
  const table = (
    <TableWrap label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">評価</th>
            <th scope="col" class="num">
              項目数
            </th>
            {shares ? (
              <th scope="col" class="num">
                割合（n={year.published}）
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {GRADES.map((g) => (
            <tr>
              <th scope="row">
                {g} <span class="note">{definitions.get(g)}</span>
              </th>
              <td class="num">{countOf(year, g)}</td>
              {shares ? <td class="num">{shares.get(g)}%</td> : null}
            </tr>
          ))}
          {year.ungraded > 0 ? (
            <tr>
              <th scope="row">評価なし</th>
              <td class="num">{year.ungraded}</td>
            </tr>
          ) : null}
          <tr>
            <th scope="row">公表した項目の合計</th>
            <td class="num">{year.published}</td>
            {shares ? <td class="num">100%</td> : null}
          </tr>
          {unpublished > 0 ? (
            <tr>
              <th scope="row">未公表</th>
              <td class="num">{unpublished}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </TableWrap>
  );
  return (
    <StackedBarChart
      id={props.id}
      caption={`${label}の評価の内訳（${publicationLabel(year)}）。数値は下の表のとおりです。`}
      series={GRADE_SERIES}
      rows={[gradeRow(label, year)]}
      table={table}
    />
  );
}

/** A share, or — with its reason for screen readers when none is shown. */
export function Share(props: { share: number | undefined }) {
  if (props.share !== undefined) return <>{props.share}%</>;
  return (
    <>
      <span aria-hidden="true">—</span>
      <span class="visually-hidden">割合なし</span>
    </>
  );
}
