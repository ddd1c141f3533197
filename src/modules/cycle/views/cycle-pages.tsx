/**
 * The cycle hub (every workflow role: the links this user may use, and the
 * cycles), the form that opens a cycle (secretariat), and a cycle's overview:
 * the secretariat's dashboard of every initiative by division and step.
 */
import type { FieldError } from "../../../core/http/form.ts";
import { errorFor } from "../../../core/http/form.ts";
import { fiscalYearLabel, warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import { warekiDateWithWestern } from "../../../core/format/wareki-date.ts";
import { CsrfField, ErrorSummary, SelectField, TextField } from "../../../core/views/forms.tsx";
import { TableWrap } from "../../../core/views/layout.tsx";
import type { StaffUser } from "../../accounts/user.ts";
import { StaffPage } from "../../accounts/views/staff-page.tsx";
import { SummaryWorkbookLink } from "../summary-workbook/summary-link.tsx";
import type { Initiative } from "../../plan/plan.ts";
import type { Municipality } from "../../tenancy/municipality.ts";
import type { Cycle, IsoDate, Report } from "../cycle.ts";
import { dateLabel, isOverdue, japanDateTimeLabel } from "../domain/deadlines.ts";
import { REPORT_STATES, STATE_LABELS } from "../domain/report-workflow.ts";
import { OPEN_CYCLE_FIELD_IDS } from "../forms.ts";
import type { CycleAbilities } from "../policy.ts";
import type { CycleSummary, DivisionRef } from "../repository/cycle-queries.ts";
import { isFiltered, matchesFilter, type OverviewFilter } from "../overview-filter.ts";
import { Notice } from "./fields.tsx";
import { OverviewFilterForm } from "./overview-filter.tsx";
import { collectivesPath, cycleBase, cyclesBase, cyclesCrumb, evaluationPath, myTasksPath, outboxPath, reportBase } from "./paths.ts";

type Staff = { user: StaffUser; csrfToken: string };

const frame = (m: Municipality, staff: Staff) => ({ municipality: m, signedIn: { ...staff, ready: true }, section: "cycles" as const });

export function CyclesHubPage(props: { municipality: Municipality; staff: Staff; abilities: CycleAbilities; cycles: CycleSummary[]; notice?: string }) {
  const m = props.municipality;
  const a = props.abilities;
  return (
    <StaffPage {...frame(m, props.staff)} title="自己評価（PDCA）" trail={[]}>
      <Notice message={props.notice} />
      <h1>自己評価（PDCA）</h1>
      <p>各取組項目の年度ごとの取組実績を、担当課が自己評価（S〜C）し、課長の承認、事務局の確認、デジタル化推進委員会の審査を経て確定・公表します。</p>
      <ul>
        <li>
          <a href={myTasksPath(m)}>自分の作業（対応が必要な報告）</a>
        </li>
        {a.canOverview ? (
          <li>
            <a href={evaluationPath(m)}>評価の集計（図表10・数値目標の達成状況）</a>
          </li>
        ) : null}
        {a.canManage ? (
          <>
            <li>
              <a href={`${cyclesBase(m)}/new`}>評価を開始する</a>
            </li>
            <li>
              <a href={collectivesPath(m)}>「関係各課」「各システム担当課」の構成課の設定</a>
            </li>
            <li>
              <a href={outboxPath(m)}>送信メール（送信待ち・送信済み）</a>
            </li>
          </>
        ) : null}
      </ul>
      <h2>評価サイクル</h2>
      {props.cycles.length === 0 ? (
        <p>まだ評価は開始されていません。</p>
      ) : (
        <TableWrap label="評価サイクルの一覧">
          <table>
            <caption>評価サイクルの一覧（新しい順）</caption>
            <thead>
              <tr>
                <th scope="col">評価する年度</th>
                <th scope="col">状態</th>
                <th scope="col">各課の提出期限</th>
                <th scope="col" class="num">
                  報告
                </th>
                <th scope="col" class="num">
                  提出前
                </th>
                <th scope="col" class="num">
                  確定・公表済み
                </th>
              </tr>
            </thead>
            <tbody>
              {props.cycles.map((cy) => {
                const count = (...states: (keyof typeof STATE_LABELS)[]) => states.reduce((n, s) => n + (cy.stateCounts.get(s) ?? 0), 0);
                return (
                  <tr>
                    <th scope="row">
                      {a.canOverview ? <a href={cycleBase(m, cy.id)}>{fiscalYearLabel(cy.fiscalYear)}</a> : fiscalYearLabel(cy.fiscalYear)}
                      {a.hasTasks && cy.status === "open" ? (
                        // The division workbook (workbook/): download, fill in Excel, upload.
                        <>
                          {" "}
                          <a href={`${cycleBase(m, cy.id)}/workbook`}>
                            Excelで入力<span class="visually-hidden">（{fiscalYearLabel(cy.fiscalYear)}）</span>
                          </a>
                        </>
                      ) : null}
                    </th>
                    <td>{cy.status === "open" ? "実施中" : "終了"}</td>
                    <td>{dateLabel(cy.deadlines.reportDue)}</td>
                    <td class="num">{cy.reports}</td>
                    <td class="num">{count("draft", "head_approved", "returned")}</td>
                    <td class="num">{count("finalised", "published")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </StaffPage>
  );
}

export type OpenCycleValues = { fiscalYear: string; reportDue: string; reviewDue: string; committeeDue: string };

export function OpenCyclePage(props: { municipality: Municipality; staff: Staff; years: number[]; values?: OpenCycleValues; errors?: FieldError[] }) {
  const m = props.municipality;
  const errors = props.errors ?? [];
  const v = props.values ?? { fiscalYear: String(props.years[0] ?? ""), reportDue: "", reviewDue: "", committeeDue: "" };
  const dateField = (key: "reportDue" | "reviewDue" | "committeeDue", label: string, hint: string) => (
    <TextField id={OPEN_CYCLE_FIELD_IDS[key]} name={key} label={label} hint={hint} value={v[key]} error={errorFor(errors, OPEN_CYCLE_FIELD_IDS[key])} required />
  );
  return (
    <StaffPage {...frame(m, props.staff)} title="評価を開始する" errors={errors} trail={cyclesCrumb(m)}>
      <ErrorSummary errors={errors} />
      <h1>評価を開始する</h1>
      <p>
        開始すると、計画のすべての取組項目に報告（作成中）が作られ、所属のある職員全員に開始のお知らせと期限がメールで届きます。前年度の「次年度の取組計画」は、各報告の取組計画に引き継がれます。
      </p>
      {props.years.length === 0 ? (
        <p>計画期間のすべての年度の評価が開始済みです。</p>
      ) : (
        <form method="post" action={`${cyclesBase(m)}/new`} novalidate>
          <CsrfField token={props.staff.csrfToken} />
          <SelectField
            id={OPEN_CYCLE_FIELD_IDS.fiscalYear}
            name="fiscalYear"
            label="評価する年度（取組実績の年度）"
            value={v.fiscalYear}
            options={props.years.map((y) => ({ value: String(y), label: fiscalYearLabel(y) }))}
            error={errorFor(errors, OPEN_CYCLE_FIELD_IDS.fiscalYear)}
          />
          {dateField("reportDue", "各課の提出期限", "例: 令和6年5月31日、R6.5.31、2024/5/31。提出期限が近づくと（既定では7日前と前日）、未提出の報告がある課へお知らせが届きます。")}
          {dateField("reviewDue", "事務局の確認期限", "例: 令和6年6月14日、R6.6.14、2024/6/14。各課の提出期限以降の日。")}
          {dateField("committeeDue", "デジタル化推進委員会の期限", "例: 令和6年6月28日、R6.6.28、2024/6/28。事務局の確認期限以降の日。")}
          <button type="submit" class="button">
            評価を開始する
          </button>
        </form>
      )}
    </StaffPage>
  );
}

export type OverviewRow = { initiative: Initiative; report: Report; lead: DivisionRef | undefined };

export function CycleOverviewPage(props: {
  municipality: Municipality;
  staff: Staff;
  abilities: CycleAbilities;
  cycle: Cycle;
  rows: OverviewRow[];
  reminders: { division_name: string; sent_on: string; days_before: number; reports: number }[];
  today: IsoDate;
  notice?: string;
  error?: string;
  /** The secretariat's filter (stage, division, grade) and every lead division to choose from. */
  filter: OverviewFilter;
  divisions: DivisionRef[];
}) {
  const { cycle, rows } = props;
  const shown = rows.filter((r) => matchesFilter(r.report, props.filter));
  const m = props.municipality;
  const title = `${warekiFiscalYear(cycle.fiscalYear)}の自己評価`;
  const errors = props.error ? [{ field: "publish", message: props.error }] : [];
  const sorted = [...shown].sort(
    (a, b) => (a.lead?.name ?? "￿").localeCompare(b.lead?.name ?? "￿", "ja") || a.initiative.number - b.initiative.number,
  );
  const overdue = rows.filter((r) => isOverdue(r.report.state, cycle.deadlines, props.today));
  const finalised = rows.filter((r) => r.report.state === "finalised").length;
  return (
    <StaffPage {...frame(m, props.staff)} title={title} errors={errors} trail={cyclesCrumb(m)}>
      <ErrorSummary errors={errors} />
      <Notice message={props.notice} />
      <h1>{title}</h1>
      <dl class="summary-list">
        <div>
          <dt>期限</dt>
          <dd>
            各課の提出 {warekiDateWithWestern(cycle.deadlines.reportDue)}、事務局の確認 {warekiDateWithWestern(cycle.deadlines.reviewDue)}、委員会{" "}
            {warekiDateWithWestern(cycle.deadlines.committeeDue)}
          </dd>
        </div>
        <div>
          <dt>開始</dt>
          <dd>
            {japanDateTimeLabel(cycle.openedAt)}（{cycle.openedByLabel}）
          </dd>
        </div>
        <div>
          <dt>期限超過</dt>
          <dd>{overdue.length > 0 ? `${overdue.length}件（下の表の「期限超過」）` : "なし"}</dd>
        </div>
      </dl>
      <h2>段階ごとの件数</h2>
      <ul>
        {REPORT_STATES.map((s) => (
          <li>
            {STATE_LABELS[s]}: {rows.filter((r) => r.report.state === s).length}件
          </li>
        ))}
      </ul>
      <p>
        <a href={`${evaluationPath(m)}?year=${cycle.fiscalYear}`}>この年度の評価の集計（図表10）を見る</a>
      </p>
      <SummaryWorkbookLink municipality={m} user={props.staff.user} cycleId={cycle.id} />
      {props.abilities.canManage ? (
        <section aria-labelledby="publish" id="publish-section">
          <h2 id="publish">評価結果の公表</h2>
          <p>
            確定済みの報告: {finalised}件。公表すると、市民向けページに評価結果（数値目標の実績、評価、改善策、委員会等のコメント）が掲載されます。公表の前に、掲載される内容を確認する画面が表示されます。
          </p>
          {finalised > 0 ? (
            <p>
              <a href={`${cycleBase(m, cycle.id)}/publish`} class="button">
                公表する内容を確認する
              </a>
            </p>
          ) : (
            <p>公表できる確定済みの報告はありません。</p>
          )}
        </section>
      ) : null}
      <h2 id="overview-table">取組項目ごとの状況（主担当課順）</h2>
      <OverviewFilterForm
        action={cycleBase(m, cycle.id)}
        filter={props.filter}
        divisions={props.divisions}
        shown={shown.length}
        total={rows.length}
        filtered={isFiltered(props.filter)}
      />
      <TableWrap label="取組項目ごとの状況">
        <table class="stacked">
          <caption>
            取組項目ごとの報告の状況（{isFiltered(props.filter) ? `絞り込み結果 ${shown.length}件／全${rows.length}件` : `${rows.length}件`}）
          </caption>
          <thead>
            <tr>
              <th scope="col">主担当課</th>
              <th scope="col">取組項目</th>
              <th scope="col">段階</th>
              <th scope="col">期限</th>
              <th scope="col">評価</th>
              <th scope="col">最終更新</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => {
              const late = isOverdue(row.report.state, cycle.deadlines, props.today);
              return (
                <tr>
                  <td data-label="主担当課">{row.lead?.name ?? "未指定"}</td>
                  <th scope="row">
                    <a href={reportBase(m, cycle.id, row.initiative.number)}>
                      {row.initiative.number} {row.initiative.title}
                    </a>
                  </th>
                  <td data-label="段階">
                    {STATE_LABELS[row.report.state]}
                    {props.abilities.canManage && row.report.state === "published" ? (
                      <>
                        {" "}
                        <a href={`${reportBase(m, cycle.id, row.initiative.number)}/correction`}>
                          訂正<span class="visually-hidden">（取組項目{row.initiative.number}）</span>
                        </a>
                      </>
                    ) : null}
                  </td>
                  <td data-label="期限">{late ? <strong>期限超過</strong> : "—"}</td>
                  <td data-label="評価">
                    {row.report.cioGrade ? `${row.report.cioGrade}（自己評価 ${row.report.selfGrade ?? "—"}）` : (row.report.selfGrade ?? "—")}
                  </td>
                  <td data-label="最終更新">{japanDateTimeLabel(row.report.updatedAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <h2>提出期限のお知らせ（送信済み）</h2>
      {props.reminders.length === 0 ? (
        <p>まだ送信していません。提出期限が近づくと（既定では7日前と前日）、未提出の報告がある課へ自動で送信します。</p>
      ) : (
        <TableWrap label="送信済みのお知らせ">
          <table>
            <caption>提出期限のお知らせ</caption>
            <thead>
              <tr>
                <th scope="col">送信日</th>
                <th scope="col">課</th>
                <th scope="col" class="num">
                  期限までの日数
                </th>
                <th scope="col" class="num">
                  未提出の報告
                </th>
              </tr>
            </thead>
            <tbody>
              {props.reminders.map((r) => (
                <tr>
                  <td>{dateLabel(r.sent_on)}</td>
                  <th scope="row">{r.division_name}</th>
                  <td class="num">{r.days_before}日</td>
                  <td class="num">{r.reports}件</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </StaffPage>
  );
}
