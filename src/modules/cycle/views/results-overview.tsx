/**
 * Published results as the portal's other pages show them: the latest year on
 * the top page, a policy's years on its page, and every year (the previous
 * plan's printed 図表10 and the current plan's published years) on 評価の推移.
 * Every year's figures carry 「37項目中12項目を公表」 (decision 022).
 */
import { fiscalYearLabel, warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import { StackedBarChart, type StackedRow } from "../../../core/views/charts/stacked-bar-chart.tsx";
import { TableWrap } from "../../../core/views/layout.tsx";
import { GRADES, type EvaluationHistoryYear, type Plan } from "../../plan/plan.ts";
import { basePath } from "../../tenancy/views/portal-page.tsx";
import { publicationLabel, unpublishedCount, type PublishedYear } from "../domain/published-summary.ts";
import type { PolicyYear } from "../published-results.ts";
import { resultsPath } from "./paths.ts";
import { countOf, GRADE_SERIES, gradeRow, PartialRule, PublicationNote, Share, YearSummary } from "./year-summary.tsx";

/** The top page's section: the latest published year, its chart and counts, and where to read more. */
export function LatestResults(props: { plan: Plan; years: PublishedYear[] }) {
  const { plan } = props;
  const latest = props.years.at(-1);
  return (
    <section aria-labelledby="latest-results">
      <h2 id="latest-results">評価結果</h2>
      {latest ? (
        <>
          <p>
            最新の公表: <a href={resultsPath(plan.municipality, latest.fiscalYear)}>{fiscalYearLabel(latest.fiscalYear)}の評価結果</a>
          </p>
          <PublicationNote year={latest} />
          <YearSummary plan={plan} year={latest} id="top-results" />
          {latest.complete ? null : <PartialRule />}
        </>
      ) : (
        <p>公表された評価結果はまだありません。</p>
      )}
      <ul class="download-links">
        <li>
          <a href={resultsPath(plan.municipality)}>年度ごとの評価結果</a>
        </li>
        <li>
          <a href={`${basePath(plan.municipality)}/evaluation-history`}>評価の推移</a>
        </li>
      </ul>
    </section>
  );
}

/** A policy's published years: grades of its initiatives and how many KPIs met their target. Counts only. */
export function PolicyResults(props: { plan: Plan; policyNumber: number; years: PolicyYear[] }) {
  const { plan } = props;
  if (props.years.length === 0) {
    return (
      <section aria-labelledby="policy-results">
        <h2 id="policy-results">評価結果</h2>
        <p>この取組方針の評価結果は、まだ公表されていません。</p>
      </section>
    );
  }
  const caption = `取組方針${props.policyNumber}の評価結果（年度別）`;
  const table = (
    <TableWrap label={caption}>
      <table class="evaluation-trend">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">年度</th>
            {GRADES.map((g) => (
              <th scope="col" class="num">
                {g}
              </th>
            ))}
            <th scope="col">公表状況</th>
            <th scope="col">数値目標の達成</th>
          </tr>
        </thead>
        <tbody>
          {props.years.map(({ summary, kpis }) => (
            <tr>
              <th scope="row">
                <a href={`${resultsPath(plan.municipality, summary.fiscalYear)}?policy=${props.policyNumber}`}>
                  <YearLabel year={summary.fiscalYear} />
                </a>
              </th>
              {GRADES.map((g) => (
                <td class="num">{countOf(summary, g)}</td>
              ))}
              <td>{publicationLabel(summary)}</td>
              <td>
                {kpis.total === 0 ? "数値目標なし" : `${kpis.total}指標中${kpis.met}指標が達成`}
                {kpis.rated < kpis.total ? (
                  <>
                    <br />
                    <span class="note">うち{kpis.total - kpis.rated}指標は判定なし</span>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
  return (
    <section aria-labelledby="policy-results">
      <h2 id="policy-results">評価結果</h2>
      <p>この取組方針に属する取組項目の、公表済みの評価の内訳（項目数）と、数値目標を達成した指標の数です。</p>
      <StackedBarChart
        id={`policy-${props.policyNumber}-results`}
        caption={`${caption}の内訳。数値は下の表のとおりです。`}
        series={GRADE_SERIES}
        rows={props.years.map(({ summary }) => gradeRow(warekiFiscalYear(summary.fiscalYear), summary))}
        table={table}
      />
      <p class="note">数値目標の達成は、その年度の目標値と公表された実績値を比べたものです（実績またはその年度の目標値がない指標は「判定なし」とし、達成には数えません）。</p>
    </section>
  );
}

/** 令和元年度 over （2019年度）: the year column stays narrow. */
function YearLabel(props: { year: number }) {
  return (
    <>
      {warekiFiscalYear(props.year)}
      <br />
      <span class="note">（{props.year}年度）</span>
    </>
  );
}

type TrendYear =
  | { source: "printed"; year: EvaluationHistoryYear }
  | { source: "published"; year: PublishedYear };

/** 評価の推移: the previous plan's printed years and the current plan's published years, as one chart and one table. */
export function EvaluationTrend(props: { plan: Plan; published: PublishedYear[] }) {
  const { plan } = props;
  const printed = plan.evaluationHistory?.years ?? [];
  const years: TrendYear[] = [
    ...printed.map((year) => ({ source: "printed" as const, year })),
    ...props.published.map((year) => ({ source: "published" as const, year })),
  ];
  if (years.length === 0) return <p>評価の履歴はまだありません。</p>;
  const rowOf = (t: TrendYear): StackedRow =>
    t.source === "printed"
      ? { label: `${warekiFiscalYear(t.year.fiscalYear)}（前計画）`, counts: [...GRADES.map((g) => t.year.results.find((r) => r.grade === g)?.count ?? 0), 0] }
      : gradeRow(`${warekiFiscalYear(t.year.fiscalYear)}（${publicationLabel(t.year)}）`, t.year);
  const caption = "自己評価の推移（前計画の図表10と本計画の公表済みの年度）";
  const table = (
    <TableWrap label={caption}>
      <table class="evaluation-trend">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">年度</th>
            <th scope="col">出典</th>
            {GRADES.map((g) => (
              <>
                <th scope="col" class="num">
                  {g} 項目数
                </th>
                <th scope="col" class="num">
                  {g} 割合
                </th>
              </>
            ))}
            <th scope="col" class="num">
              合計（n）
            </th>
            <th scope="col">公表状況</th>
          </tr>
        </thead>
        <tbody>
          {years.map((t) =>
            t.source === "printed" ? (
              <tr>
                <th scope="row">
                  <YearLabel year={t.year.fiscalYear} />
                </th>
                <td>前計画（図表10）</td>
                {GRADES.map((g) => {
                  const r = t.year.results.find((x) => x.grade === g);
                  return (
                    <>
                      <td class="num">{r ? r.count : "—"}</td>
                      <td class="num">{r ? `${r.printedPercent}%` : "—"}</td>
                    </>
                  );
                })}
                <td class="num">{t.year.total}</td>
                <td>計画に掲載</td>
              </tr>
            ) : (
              <tr>
                <th scope="row">
                  <a href={resultsPath(plan.municipality, t.year.fiscalYear)}>
                    <YearLabel year={t.year.fiscalYear} />
                  </a>
                </th>
                <td>本計画</td>
                {GRADES.map((g) => (
                  <>
                    <td class="num">{countOf(t.year, g)}</td>
                    <td class="num">
                      <Share share={t.year.shares?.get(g)} />
                    </td>
                  </>
                ))}
                <td class="num">{t.year.published}</td>
                <td>
                  {publicationLabel(t.year)}
                  {unpublishedCount(t.year) > 0 ? (
                    <>
                      <br />
                      <span class="note">公表の途中のため割合なし</span>
                    </>
                  ) : null}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </TableWrap>
  );
  const latest = props.published.at(-1);
  return (
    <>
      {latest ? <PublicationNote year={latest} /> : <p>本計画の評価結果は、まだ公表されていません。</p>}
      <StackedBarChart id="evaluation-trend" caption={`${caption}。数値は下の表のとおりです。`} series={GRADE_SERIES} rows={years.map(rowOf)} table={table} />
      <PartialRule />
    </>
  );
}
