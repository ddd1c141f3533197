/**
 * 評価の推移: the grade definitions, then the previous plan's printed 図表10
 * and every published year of the current plan together (one chart, one
 * table), the rounding rule, and where printed figures differ from it.
 */
import { fiscalYearLabel } from "../../../core/format/fiscal-year.ts";
import { gradeShares } from "../../plan/domain/grade-shares.ts";
import type { Plan } from "../../plan/plan.ts";
import type { PublishedYear } from "../../cycle/domain/published-summary.ts";
import { EvaluationTrend } from "../../cycle/views/results-overview.tsx";
import { basePath, PortalPage } from "../../tenancy/views/portal-page.tsx";

export function EvaluationHistoryPage(props: { plan: Plan; published: PublishedYear[] }) {
  const { plan } = props;
  const base = basePath(plan.municipality);
  const history = plan.evaluationHistory;
  return (
    <PortalPage municipality={plan.municipality} section="evaluation" title="自己評価の推移">
      <h1>自己評価の推移</h1>
      <p>
        各取組項目は毎年度、前年度の取組実績を「S」〜「C」の4段階で自己評価し、デジタル化推進委員会が確認しています。前計画の年度は計画に掲載された図表10の値、本計画の年度は公表済みの評価結果の集計です。
      </p>
      <h2>評価の区分</h2>
      <dl class="grade-definitions">
        {plan.gradeDefinitions.map((g) => (
          <>
            <dt>{g.grade}</dt>
            <dd>{g.definition}</dd>
          </>
        ))}
      </dl>
      <h2>{history ? `${history.title}と本計画の評価結果` : "評価の推移"}</h2>
      <EvaluationTrend plan={plan} published={props.published} />
      {history
        ? history.years
            .filter((y) => y.note)
            .map((y) => <p class="note">※{y.note}</p>)
        : null}
      <h3>割合の端数処理</h3>
      <p>
        割合は、各評価の項目数を合計で割った百分率を整数に丸めた値です。本システムが集計する年度は、合計が必ず100%になるよう
        <strong>最大剰余方式</strong>
        で丸めます（各割合の整数部分を取り、不足する分を小数部分の大きい評価から順に1ポイントずつ加えます。小数部分が等しい場合は上位の評価を優先します）。
      </p>
      {history ? <ComparePrinted plan={plan} /> : null}
      <ul class="download-links">
        <li>
          <a href={`${base}/open-data/evaluation-history.csv`}>前計画の評価の推移（図表10）をCSV形式でダウンロード</a>
        </li>
        <li>
          <a href={`${base}/open-data/evaluation-history.json`}>前計画の評価の推移（図表10）をJSON形式でダウンロード</a>
        </li>
        <li>
          <a href={`${base}/results`}>本計画の年度ごとの評価結果</a>
        </li>
      </ul>
    </PortalPage>
  );
}

/** Years whose printed percentages differ from the rule are said so, with both figures. */
function ComparePrinted(props: { plan: Plan }) {
  const years = props.plan.evaluationHistory?.years ?? [];
  const differing = years.flatMap((y) => {
    const shares = gradeShares(y.results);
    if (!shares) return [];
    const diffs = y.results.filter((r) => shares.get(r.grade) !== r.printedPercent);
    return diffs.length > 0 ? [{ year: y, shares }] : [];
  });
  if (differing.length === 0) {
    return <p>上の表の前計画の年度の割合は、計画に掲載された値のとおりで、この方式による値と一致します。</p>;
  }
  return (
    <p>
      上の表の前計画の年度の割合は計画に掲載された値のとおりです。
      {differing.map(({ year, shares }) => (
        <>
          {fiscalYearLabel(year.fiscalYear)}の掲載値（
          {year.results.map((r) => `${r.grade} ${r.printedPercent}%`).join("、")}）は、この方式による値（
          {year.results.map((r) => `${r.grade} ${shares.get(r.grade)}%`).join("、")}）と1ポイント異なります。
        </>
      ))}
    </p>
  );
}
