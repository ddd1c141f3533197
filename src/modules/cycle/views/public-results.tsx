/**
 * Published results for citizens: a section of the initiative page (every
 * published year of that initiative), the list of years, and one year's
 * results. Only published reports ever reach these views. Comments are shown
 * with the reviewer's role, not their name.
 */
import { fiscalYearLabel, warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import { TableWrap } from "../../../core/views/layout.tsx";
import { ROLE_LABELS } from "../../accounts/domain/roles.ts";
import { GRADES, type Initiative, type Plan } from "../../plan/plan.ts";
import { basePath, PortalPage } from "../../portal/portal-page.tsx";
import { finalGrade } from "../cycle.ts";
import { dateLabel, japanDate } from "../domain/deadlines.ts";
import type { YearSummary } from "../domain/evaluation-summary.ts";
import { kpiResults } from "../domain/kpi-results.ts";
import type { PublishedResult } from "../published-results.ts";
import { CorrectionMark, CorrectionNotes } from "./correction-note.tsx";
import { KpiResultTable } from "./kpi-actuals.tsx";
import { resultsPath } from "./paths.ts";
import { Prose } from "./report-sections.tsx";
import { ResultChart } from "./result-chart.tsx";

function GradeLine(props: { plan: Plan; result: PublishedResult }) {
  const { report } = props.result;
  const definitions = new Map(props.plan.gradeDefinitions.map((g) => [g.grade, g.definition]));
  const grade = finalGrade(report);
  return (
    <>
      <p>
        評価: <strong>{grade ?? "—"}</strong>
        {grade ? `（${definitions.get(grade) ?? ""}）` : null}
      </p>
      {report.cioGrade ? (
        <p>
          担当課の自己評価は {report.selfGrade ?? "—"} でしたが、CIOが {report.cioGrade} に変更しました。変更の理由: {report.cioGradeReason}
        </p>
      ) : null}
    </>
  );
}

/** One year's result of one initiative (also the secretariat's publication preview, with an id prefix per initiative). */
export function YearResult(props: { plan: Plan; initiative: Initiative; result: PublishedResult; idPrefix?: string }) {
  const { plan, initiative, result } = props;
  const results = kpiResults(initiative.kpis, result.fiscalYear, result.actuals);
  return (
    <section aria-labelledby={`${props.idPrefix ?? ""}result-${result.fiscalYear}`}>
      <h3 id={`${props.idPrefix ?? ""}result-${result.fiscalYear}`}>{fiscalYearLabel(result.fiscalYear)}の取組実績の評価</h3>
      <GradeLine plan={plan} result={result} />
      <CorrectionNotes corrections={result.corrections} kpis={initiative.kpis} />
      <h4>評価の理由</h4>
      <Prose text={result.report.gradeReasons} none="（記載なし）" />
      {results.length > 0 ? <KpiResultTable results={results} caption={`${warekiFiscalYear(result.fiscalYear)}の数値目標の実績`} /> : null}
      <h4>課題</h4>
      <Prose text={result.report.issues} none="（記載なし）" />
      <h4>改善策</h4>
      <Prose text={result.report.improvementMeasures} none="（記載なし）" />
      {result.comments.length > 0 ? (
        <>
          <h4>審査でのコメント</h4>
          <ul>
            {result.comments.map((c) => (
              <li>
                {c.actorRole ? ROLE_LABELS[c.actorRole] : "審査"}（{dateLabel(japanDate(c.at))}）: {c.comment}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** The initiative page's section: every published year, then a chart per KPI across the years. */
export function PublishedResultsSection(props: { plan: Plan; initiative: Initiative; results: PublishedResult[] }) {
  const { plan, initiative, results } = props;
  return (
    <section aria-labelledby="results">
      <h2 id="results">評価結果</h2>
      {results.length === 0 ? (
        <p>この取組項目の評価結果は、まだ公表されていません。</p>
      ) : (
        <>
          <p>
            担当課の自己評価を、デジタル化推進委員会の審査を経て確定し、公表したものです。
            <a href={resultsPath(plan.municipality)}>年度ごとの評価結果の一覧</a>
          </p>
          {[...results].reverse().map((result) => (
            <YearResult plan={plan} initiative={initiative} result={result} />
          ))}
          {initiative.kpis.map((kpi) => (
            <ResultChart plan={plan} kpi={kpi} actuals={new Map(results.map((r) => [r.fiscalYear, r.actuals.get(kpi.id)?.value ?? null]))} />
          ))}
        </>
      )}
    </section>
  );
}

export function ResultsIndexPage(props: { plan: Plan; years: number[] }) {
  const { plan } = props;
  return (
    <PortalPage municipality={plan.municipality} section="evaluation" title="評価結果">
      <h1>評価結果</h1>
      <p>各取組項目の年度ごとの取組実績について、担当課の自己評価とデジタル化推進委員会の審査を経て確定した評価結果を公表しています。</p>
      {props.years.length === 0 ? (
        <p>公表された評価結果はまだありません。</p>
      ) : (
        <ul>
          {props.years.map((y) => (
            <li>
              <a href={resultsPath(plan.municipality, y)}>{fiscalYearLabel(y)}の評価結果</a>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`${basePath(plan.municipality)}/evaluation-history`}>基本計画の自己評価の推移（図表10）</a>
      </p>
    </PortalPage>
  );
}

export function ResultsYearPage(props: { plan: Plan; fiscalYear: number; results: PublishedResult[]; summary: YearSummary }) {
  const { plan, fiscalYear, summary } = props;
  const base = basePath(plan.municipality);
  const byId = new Map(plan.initiatives.map((i) => [i.id, i]));
  const definitions = new Map(plan.gradeDefinitions.map((g) => [g.grade, g.definition]));
  const title = `${warekiFiscalYear(fiscalYear)}の評価結果`;
  return (
    <PortalPage municipality={plan.municipality} section="evaluation" title={title} trail={[{ href: resultsPath(plan.municipality), label: "評価結果" }]}>
      <h1>{title}</h1>
      <p>{fiscalYearLabel(fiscalYear)}の取組実績の評価です（公表済みの{summary.total}項目）。</p>
      <TableWrap label={`${title}の集計`}>
        <table>
          <caption>{title}の集計（図表10の形式）</caption>
          <thead>
            <tr>
              <th scope="col">評価</th>
              <th scope="col" class="num">
                項目数
              </th>
              <th scope="col" class="num">
                割合
              </th>
            </tr>
          </thead>
          <tbody>
            {GRADES.map((g) => (
              <tr>
                <th scope="row">
                  {g} <span class="note">{definitions.get(g)}</span>
                </th>
                <td class="num">{summary.counts.find((c) => c.grade === g)?.count ?? 0}</td>
                <td class="num">{summary.shares ? `${summary.shares.get(g)}%` : "—"}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">合計</th>
              <td class="num">{summary.total}</td>
              <td class="num">{summary.shares ? "100%" : "—"}</td>
            </tr>
          </tbody>
        </table>
      </TableWrap>
      <p class="note">割合は最大剰余方式で整数に丸めています（合計が必ず100%になります）。CIOが評価を変更した取組項目は、変更後の評価で数えています。</p>
      <TableWrap label={`${title}（取組項目ごと）`}>
        <table>
          <caption>取組項目ごとの評価</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                番号
              </th>
              <th scope="col">取組項目</th>
              <th scope="col">評価</th>
            </tr>
          </thead>
          <tbody>
            {props.results.map(({ report, corrections }) => {
              const initiative = byId.get(report.initiativeId);
              if (!initiative) return null;
              return (
                <tr>
                  <td class="num">{initiative.number}</td>
                  <th scope="row">
                    <a href={`${base}/initiatives/${initiative.number}#result-${fiscalYear}`}>{initiative.title}</a>
                  </th>
                  <td>
                    {finalGrade(report) ?? "—"}
                    {report.cioGrade ? `（CIOが変更。自己評価 ${report.selfGrade ?? "—"}）` : ""}
                    <CorrectionMark corrections={corrections} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </PortalPage>
  );
}
