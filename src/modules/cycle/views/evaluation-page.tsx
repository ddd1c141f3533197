/**
 * The committee's and the CIO's dashboard: 図表10 for a fiscal year computed
 * from final grades (the CIO's where changed) beside the plan's printed
 * history and the other computed years, the KPI achievement of the year, and
 * the initiatives graded B or C two years running.
 */
import { fiscalYearLabel, warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import { TableWrap } from "../../../core/views/layout.tsx";
import type { StaffUser } from "../../accounts/user.ts";
import { StaffPage } from "../../accounts/views/staff-page.tsx";
import { SummaryWorkbookLink } from "../summary-workbook/summary-link.tsx";
import { GRADES, type EvaluationHistoryYear, type Grade, type Initiative } from "../../plan/plan.ts";
import { type Municipality } from "../../tenancy/municipality.ts";
import type { YearSummary } from "../domain/evaluation-summary.ts";
import type { KpiResult } from "../domain/kpi-results.ts";
import { STATE_LABELS, type ReportState } from "../domain/report-workflow.ts";
import { KpiResultTable } from "./kpi-actuals.tsx";
import { cyclesCrumb, evaluationPath, reportBase } from "./paths.ts";

export type EvaluationData = {
  year: number;
  years: number[];
  cycleId: number;
  gradeDefinitions: { grade: Grade; definition: string }[];
  printed: { title: string; years: EvaluationHistoryYear[] } | null;
  computed: YearSummary[];
  /** Reports of the selected year whose grade is not final yet. */
  pending: number;
  kpis: { initiative: Initiative; state: ReportState; results: KpiResult[] }[];
  lowStreak: { initiative: Initiative; previous: Grade; current: Grade }[];
};

export function EvaluationPage(props: { municipality: Municipality; staff: { user: StaffUser; csrfToken: string }; data: EvaluationData | undefined }) {
  const m = props.municipality;
  const d = props.data;
  return (
    <StaffPage municipality={m} title="評価の集計" signedIn={{ ...props.staff, ready: true }} section="cycles" trail={cyclesCrumb(m)}>
      <h1>評価の集計</h1>
      {!d ? (
        <p>まだ評価は開始されていません。</p>
      ) : (
        <>
          <form method="get" action={evaluationPath(m)} class="filters" aria-label="年度の選択">
            <div>
              <label for="year">評価する年度</label>
              <select id="year" name="year">
                {d.years.map((y) => (
                  <option value={String(y)} selected={y === d.year}>
                    {fiscalYearLabel(y)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <button type="submit" class="button">
                表示する
              </button>
            </div>
          </form>
          <SummaryWorkbookLink municipality={m} user={props.staff.user} cycleId={d.cycleId} />
          <GradeTable data={d} />
          <h2>{warekiFiscalYear(d.year)}の数値目標の達成状況</h2>
          <AchievementSummary data={d} />
          {d.kpis.map((k) => (
            <>
              <h3>
                <a href={reportBase(m, d.cycleId, k.initiative.number)}>
                  取組項目{k.initiative.number} {k.initiative.title}
                </a>
                <span class="note">（{STATE_LABELS[k.state]}）</span>
              </h3>
              <KpiResultTable results={k.results} caption={`取組項目${k.initiative.number}の数値目標`} showSource={false} />
            </>
          ))}
          <h2>2年続けてB・C評価の取組項目</h2>
          {d.lowStreak.length === 0 ? (
            <p>{warekiFiscalYear(d.year - 1)}と{warekiFiscalYear(d.year)}の両方でB・C評価（確定）の取組項目はありません。</p>
          ) : (
            <ul>
              {d.lowStreak.map((s) => (
                <li>
                  <a href={reportBase(m, d.cycleId, s.initiative.number)}>
                    取組項目{s.initiative.number} {s.initiative.title}
                  </a>
                  : {warekiFiscalYear(d.year - 1)} {s.previous} → {warekiFiscalYear(d.year)} {s.current}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </StaffPage>
  );
}

function GradeTable(props: { data: EvaluationData }) {
  const d = props.data;
  const definitions = new Map(d.gradeDefinitions.map((g) => [g.grade, g.definition]));
  const printed = d.printed?.years ?? [];
  const columns = [
    ...printed.map((y) => ({
      label: `${warekiFiscalYear(y.fiscalYear)}（計画に印字）`,
      count: (g: Grade) => y.results.find((r) => r.grade === g)?.count,
      share: (g: Grade) => y.results.find((r) => r.grade === g)?.printedPercent,
      total: y.total as number | undefined,
    })),
    ...d.computed.map((y) => ({
      label: `${warekiFiscalYear(y.fiscalYear)}（確定した評価から集計）`,
      count: (g: Grade) => y.counts.find((c) => c.grade === g)?.count,
      share: (g: Grade) => y.shares?.get(g),
      total: y.total,
    })),
  ];
  const selected = d.computed.find((y) => y.fiscalYear === d.year);
  return (
    <>
      <h2>{warekiFiscalYear(d.year)}の自己評価の結果（図表10の形式）</h2>
      <p>
        確定した評価（CIOが変更した場合は変更後の評価）を集計しています。{warekiFiscalYear(d.year)}で確定した取組項目: {selected?.total ?? 0}件
        {d.pending > 0 ? `、未確定: ${d.pending}件（集計に含みません）` : ""}。
      </p>
      <TableWrap label="自己評価の結果の推移">
        <table>
          <caption>自己評価の結果の推移（項目数と割合）</caption>
          <thead>
            <tr>
              <th scope="col">自己評価</th>
              {columns.map((col) => (
                <>
                  <th scope="col" class="num">
                    {col.label} 項目数
                  </th>
                  <th scope="col" class="num">
                    {col.label} 割合
                  </th>
                </>
              ))}
            </tr>
          </thead>
          <tbody>
            {GRADES.map((g) => (
              <tr>
                <th scope="row">
                  {g} <span class="note">{definitions.get(g)}</span>
                </th>
                {columns.map((col) => (
                  <>
                    <td class="num">{col.count(g) ?? "—"}</td>
                    <td class="num">{col.share(g) === undefined ? "—" : `${col.share(g)}%`}</td>
                  </>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">合計</th>
              {columns.map((col) => (
                <>
                  <td class="num">{col.total ?? "—"}</td>
                  <td class="num">{col.total ? "100%" : "—"}</td>
                </>
              ))}
            </tr>
          </tbody>
        </table>
      </TableWrap>
      <p class="note">
        割合は最大剰余方式で整数に丸めています（合計が必ず100%になります。公開ページ「自己評価の推移」と同じ方法です）。確定した評価がない年度は割合を示しません（0%とはしません）。
      </p>
    </>
  );
}

function AchievementSummary(props: { data: EvaluationData }) {
  const all = props.data.kpis.flatMap((k) => k.results.map((r) => r.achievement));
  const count = (f: (a: (typeof all)[number]) => boolean) => all.filter(f).length;
  return (
    <ul>
      <li>数値目標: {all.length}指標</li>
      <li>目標を達成: {count((a) => a.status === "rated" && a.met)}指標</li>
      <li>目標に届かず: {count((a) => a.status === "rated" && !a.met)}指標</li>
      <li>実績未入力: {count((a) => a.status === "no_actual")}指標</li>
      <li>この年度の目標値なし: {count((a) => a.status === "no_target")}指標</li>
    </ul>
  );
}
