/**
 * Published results for citizens: a section of the initiative page (every
 * published year of that initiative), the list of years, and one year's
 * results. Only published reports ever reach these views. Comments are shown
 * with the reviewer's role, not their name.
 */
import { fiscalYearLabel, warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import { warekiDateLabel } from "../../../core/format/wareki-date.ts";
import { ROLE_LABELS } from "../../tenancy/roles.ts";
import type { Initiative, Plan } from "../../plan/plan.ts";
import { basePath, PortalPage } from "../../tenancy/views/portal-page.tsx";
import { finalGrade } from "../cycle.ts";
import { japanDate } from "../domain/deadlines.ts";
import { publicationLabel, type PublishedYear } from "../domain/published-summary.ts";
import { kpiResults } from "../domain/kpi-results.ts";
import type { PublishedResult } from "../published-results.ts";
import { CorrectionNotes } from "./correction-note.tsx";
import { KpiResultTable } from "./kpi-actuals.tsx";
import { resultsPath } from "./paths.ts";
import { Prose } from "../../../core/views/prose.tsx";
import { isFiltered, type ResultsFilter } from "../results-filter.ts";
import { InitiativeGrades, KpiResultChart } from "./result-chart.tsx";
import { ResultsDownloads, ResultsFilterForm, ResultsTable, type YearRow } from "./results-year-parts.tsx";
import { PartialRule, PublicationNote, RoundingRule, YearSummary } from "./year-summary.tsx";

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
  const caption = `${warekiFiscalYear(result.fiscalYear)}の数値目標の実績`;
  // Several initiatives on one page (the publication preview): their parts are
  // named after the initiative, so that no two landmarks share a name.
  const regionLabel = props.idPrefix ? `取組項目${initiative.number} ${caption}` : caption;
  const headingId = `${props.idPrefix ?? ""}result-${result.fiscalYear}`;
  return (
    <section aria-labelledby={props.idPrefix ? undefined : headingId}>
      <h3 id={headingId}>{fiscalYearLabel(result.fiscalYear)}の取組実績の評価</h3>
      <GradeLine plan={plan} result={result} />
      <CorrectionNotes corrections={result.corrections} kpis={initiative.kpis} />
      <h4>評価の理由</h4>
      <Prose text={result.report.gradeReasons} none="（記載なし）" />
      {results.length > 0 ? <KpiResultTable results={results} caption={caption} regionLabel={regionLabel} /> : null}
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
                {c.actorRole ? ROLE_LABELS[c.actorRole] : "審査"}（{warekiDateLabel(japanDate(c.at))}）: {c.comment}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** The initiative page's section: its grades year by year, every published year, then per KPI actual against target by year. */
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
          <InitiativeGrades plan={plan} initiative={initiative} results={results} />
          {initiative.kpis.length > 0 ? (
            <>
              <h3>数値目標の目標値と実績値</h3>
              {initiative.kpis.map((kpi) => (
                <KpiResultChart plan={plan} kpi={kpi} results={results} />
              ))}
            </>
          ) : null}
          {[...results].reverse().map((result) => (
            <YearResult plan={plan} initiative={initiative} result={result} />
          ))}
        </>
      )}
    </section>
  );
}

export function ResultsIndexPage(props: { plan: Plan; years: PublishedYear[] }) {
  const { plan } = props;
  const latest = props.years.at(-1);
  return (
    <PortalPage municipality={plan.municipality} section="results" title="評価結果">
      <h1>評価結果</h1>
      <p>各取組項目の年度ごとの取組実績について、担当課の自己評価とデジタル化推進委員会の審査を経て確定した評価結果を公表しています。</p>
      {props.years.length === 0 ? (
        <p>公表された評価結果はまだありません。</p>
      ) : (
        <>
          <ul>
            {[...props.years].reverse().map((y) => (
              <li>
                <a href={resultsPath(plan.municipality, y.fiscalYear)}>{fiscalYearLabel(y.fiscalYear)}の評価結果</a>（{publicationLabel(y)}）
              </li>
            ))}
          </ul>
          {latest ? (
            <>
              <h2>{fiscalYearLabel(latest.fiscalYear)}の集計</h2>
              <PublicationNote year={latest} />
              <YearSummary plan={plan} year={latest} id="latest-summary" />
              {latest.complete ? <RoundingRule /> : <PartialRule />}
            </>
          ) : null}
        </>
      )}
      <p>
        <a href={`${basePath(plan.municipality)}/evaluation-history`}>評価の推移（前計画の図表10と、本計画の公表済みの年度）</a>
      </p>
    </PortalPage>
  );
}

export function ResultsYearPage(props: {
  plan: Plan;
  year: PublishedYear;
  rows: YearRow[];
  filter: ResultsFilter;
  divisions: { value: string; label: string }[];
}) {
  const { plan, year, rows, filter } = props;
  const fiscalYear = year.fiscalYear;
  const title = `${fiscalYearLabel(fiscalYear)}の評価結果`;
  const filtered = isFiltered(filter);
  return (
    <PortalPage municipality={plan.municipality} section="results" title={title} trail={[{ href: resultsPath(plan.municipality), label: "評価結果" }]}>
      <h1>{title}</h1>
      <p>{fiscalYearLabel(fiscalYear)}の取組実績の評価です。</p>
      <PublicationNote year={year} />
      <YearSummary plan={plan} year={year} id={`summary-${fiscalYear}`} />
      {year.complete ? <RoundingRule /> : <PartialRule />}
      <h2>取組項目ごとの評価</h2>
      <ResultsFilterForm plan={plan} fiscalYear={fiscalYear} filter={filter} divisions={props.divisions} />
      <p role="status">
        {filtered ? "条件に合う取組項目" : "すべての取組項目"}: {rows.length}件
      </p>
      {rows.length === 0 ? (
        <p>条件に合う取組項目はありません。</p>
      ) : (
        <ResultsTable plan={plan} fiscalYear={fiscalYear} rows={rows} caption={`${title}（取組項目ごと）`} />
      )}
      <p class="note">「前年度の公表なし」は、前年度の評価結果が公表されていない取組項目です。CIOが評価を変更した取組項目は、変更後の評価と、担当課の自己評価・変更の理由を示しています。</p>
      <ResultsDownloads plan={plan} fiscalYear={fiscalYear} />
    </PortalPage>
  );
}
