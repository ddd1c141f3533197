/**
 * Parts of a year's results page: the GET filter form, the table of
 * initiatives (grade, change from the previous year, the CIO's change with
 * its reason) and the downloads.
 */
import { fiscalYearLabel, warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import { TableWrap } from "../../../core/views/layout.tsx";
import type { Grade, Initiative, Plan } from "../../plan/plan.ts";
import { basePath } from "../../tenancy/views/portal-page.tsx";
import type { Report } from "../cycle.ts";
import { gradeChangeLabel } from "../domain/published-summary.ts";
import type { ResultsFilter } from "../results-filter.ts";
import type { ResultCorrection } from "../domain/correction.ts";
import { CorrectionMark } from "./correction-note.tsx";
import { resultsPath } from "./paths.ts";

export type YearRow = {
  initiative: Initiative;
  /** The published report, or undefined while it is not published. */
  report: Report | undefined;
  grade: Grade | null;
  /** The previous year's published grade; undefined = nothing published that year. */
  previous: Grade | null | undefined;
  /** Corrections (訂正) of the published result: marked beside the grade. */
  corrections?: ResultCorrection[];
};

export function ResultsFilterForm(props: { plan: Plan; fiscalYear: number; filter: ResultsFilter; divisions: { value: string; label: string }[] }) {
  const { plan, filter } = props;
  return (
    <form class="filters" method="get" action={resultsPath(plan.municipality, props.fiscalYear)} role="search" aria-label="評価結果の絞り込み">
      <div>
        <label for="filter-policy">取組方針</label>
        <select id="filter-policy" name="policy">
          <option value="">すべて</option>
          {plan.policies.map((p) => (
            <option value={String(p.number)} selected={filter.policy === p.number}>
              {p.number} {p.title}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="filter-grade">評価</label>
        <select id="filter-grade" name="grade">
          <option value="">すべて</option>
          {plan.gradeDefinitions.map((g) => (
            <option value={g.grade} selected={filter.grade === g.grade}>
              {g.grade}（{g.definition}）
            </option>
          ))}
          <option value="none" selected={filter.grade === "none"}>
            未評価（未公表を含む）
          </option>
        </select>
      </div>
      <div>
        <label for="filter-division">担当課</label>
        <select id="filter-division" name="division">
          <option value="">すべて</option>
          {props.divisions.map((d) => (
            <option value={d.value} selected={String(filter.division ?? "") === d.value}>
              {d.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <button class="button" type="submit">
          絞り込む
        </button>{" "}
        <a href={resultsPath(plan.municipality, props.fiscalYear)}>条件を解除</a>
      </div>
    </form>
  );
}

export function ResultsTable(props: { plan: Plan; fiscalYear: number; rows: YearRow[]; caption: string }) {
  const base = basePath(props.plan.municipality);
  const previousYear = warekiFiscalYear(props.fiscalYear - 1);
  return (
    <TableWrap label={props.caption}>
      <table class="results-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              番号
            </th>
            <th scope="col">取組項目</th>
            <th scope="col">評価</th>
            <th scope="col">{previousYear}からの変化</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map(({ initiative, report, grade, previous, corrections }) => (
            <tr>
              <td class="num">{initiative.number}</td>
              <th scope="row">
                {report ? (
                  <a href={`${base}/initiatives/${initiative.number}#result-${props.fiscalYear}`}>{initiative.title}</a>
                ) : (
                  <a href={`${base}/initiatives/${initiative.number}`}>{initiative.title}</a>
                )}
                <br />
                <span class="note">取組方針{initiative.policyNumber}</span>
              </th>
              <td>
                {report ? (
                  <>
                    <strong>{grade ?? "評価なし"}</strong>
                    {report.cioGrade ? (
                      <p class="note">
                        担当課の自己評価 {report.selfGrade ?? "なし"} → CIOが {report.cioGrade} に変更。理由: {report.cioGradeReason}
                      </p>
                    ) : null}
                    <CorrectionMark corrections={corrections} />
                  </>
                ) : (
                  "未公表"
                )}
              </td>
              <td>{report ? gradeChangeLabel(previous, grade) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** The year's data to take away: the open data datasets and the annual report. */
export function ResultsDownloads(props: { plan: Plan; fiscalYear: number }) {
  const base = basePath(props.plan.municipality);
  const year = resultsPath(props.plan.municipality, props.fiscalYear);
  return (
    <section aria-labelledby="downloads">
      <h2 id="downloads">ダウンロード</h2>
      <ul class="download-links">
        <li>
          <a href={`${year}/report`}>{fiscalYearLabel(props.fiscalYear)}の取組状況報告書（HTML）</a>
        </li>
        <li>
          <a href={`${year}/report.pdf`}>取組状況報告書（PDF）</a>
        </li>
        <li>
          <a href={`${base}/open-data/evaluation-results.csv`}>評価結果（CSV）</a>
        </li>
        <li>
          <a href={`${base}/open-data/evaluation-results.json`}>評価結果（JSON）</a>
        </li>
        <li>
          <a href={`${base}/open-data/kpi-actuals.csv`}>数値目標の実績（CSV）</a>
        </li>
        <li>
          <a href={`${base}/open-data/kpi-actuals.json`}>数値目標の実績（JSON）</a>
        </li>
      </ul>
      <p class="note">評価結果と数値目標の実績のデータには、公表済みのすべての年度が含まれます。</p>
    </section>
  );
}
