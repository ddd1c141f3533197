/**
 * One initiative's report in a cycle: its status, the four PDCA sections,
 * the forms this user may use (and no others: the abilities are computed
 * once in policy.ts), and the history. Works without JavaScript: every
 * action is a plain form that posts and comes back here.
 */
import type { FieldError } from "../../../core/http/form.ts";
import { warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import { CsrfField, ErrorSummary } from "../../../core/views/forms.tsx";
import { StaffPage } from "../../accounts/views/staff-page.tsx";
import type { StaffUser } from "../../accounts/user.ts";
import type { Initiative, Plan } from "../../plan/plan.ts";
import type { Municipality } from "../../tenancy/municipality.ts";
import type { Contribution, Cycle, DoEntry, IsoDate, KpiActual, Report, ReportEvent } from "../cycle.ts";
import { warekiDateWithWestern } from "../../../core/format/wareki-date.ts";
import { isOverdue, japanDateTimeLabel } from "../domain/deadlines.ts";
import { kpiResults } from "../domain/kpi-results.ts";
import { STATE_LABELS } from "../domain/report-workflow.ts";
import { valuesOfReport, type ReportFormValues } from "../forms.ts";
import { cycleAbilities, type Abilities } from "../policy.ts";
import type { DivisionRef } from "../repository/cycle-queries.ts";
import { Notice } from "./fields.tsx";
import { cycleBase, cyclesCrumb, myTasksPath, reportBase } from "./paths.ts";
import { ContributionForm, DoEntryForm, GradeForm, LeadForm, StepsInReportForm, TransitionForm, UnsavedValues } from "./report-forms.tsx";
import { NextStep, ReturnReason, UnmailedNotice } from "./report-status.tsx";
import { ReportHistory } from "./report-history.tsx";
import { ActionSection, CheckSection, DoRecords, PlanSection, type SectionProps } from "./report-sections.tsx";

export type ReportPageState = {
  errors: FieldError[];
  /** An explanation above everything (a stale save, a report someone moved on). */
  message?: string;
  /** What was typed in the report form, shown again. */
  reportValues?: ReportFormValues;
  /** After a stale save: what is saved now. */
  savedValues?: ReportFormValues;
  /** What was typed but could not be saved and cannot be shown in a form any more (the report moved on). */
  unsavedValues?: ReportFormValues;
  doEntry?: { entryDate: string; body: string };
  contribution?: { body: string; version: string };
  transitionComment?: string;
  grade?: { grade: string; reason: string };
};

export type ReportPageProps = {
  municipality: Municipality;
  staff: { user: StaffUser; csrfToken: string };
  cycle: Cycle;
  plan: Plan;
  initiative: Initiative;
  report: Report;
  leadDivision: DivisionRef | undefined;
  responsibleDivisions: DivisionRef[];
  actuals: Map<number, KpiActual>;
  entries: DoEntry[];
  contributions: Contribution[];
  events: ReportEvent[];
  abilities: Abilities;
  /** The secretariat may designate the lead (the plan lists a collective first). */
  canDesignateLead: boolean;
  today: IsoDate;
  /** What happens next and whether it is this user's step (domain/tasks.ts). */
  next: { mine: boolean; text: string };
  /** People the step's mail could not reach (no address), named after the step. */
  unmailed?: string[];
  notice?: string;
  state?: ReportPageState;
};

export function ReportPage(props: ReportPageProps) {
  const { cycle, initiative, report, abilities, state } = props;
  const errors = state?.errors ?? [];
  const base = reportBase(props.municipality, cycle.id, initiative.number);
  const title = `取組項目${initiative.number} ${initiative.title}（${warekiFiscalYear(cycle.fiscalYear)}の報告）`;
  const results = kpiResults(initiative.kpis, cycle.fiscalYear, props.actuals);
  const sectionProps: SectionProps = {
    plan: props.plan,
    initiative,
    fiscalYear: cycle.fiscalYear,
    report,
    results,
    form: abilities.canEdit
      ? {
          values: state?.reportValues ?? valuesOfReport(report, props.actuals, initiative.kpis),
          errors,
          saved: state?.savedValues,
        }
      : undefined,
  };
  const own = props.staff.user.division?.id;
  const ownContribution = props.contributions.find((c) => c.divisionId === own);
  const overdue = isOverdue(report.state, cycle.deadlines, props.today);
  const lastReturn = report.state === "returned" ? props.events.filter((e) => e.action === "return").at(-1) : undefined;
  return (
    <StaffPage
      municipality={props.municipality}
      title={title}
      errors={errors}
      signedIn={{ ...props.staff, ready: true }}
      section="cycles"
      trail={[
        ...cyclesCrumb(props.municipality),
        // Only the roles that read every report may open the cycle's overview; the others come from their tasks.
        cycleAbilities(props.staff.user).canOverview
          ? { href: cycleBase(props.municipality, cycle.id), label: `${warekiFiscalYear(cycle.fiscalYear)}の評価` }
          : { href: myTasksPath(props.municipality), label: "自分の作業" },
      ]}
    >
      <ErrorSummary errors={errors} />
      {state?.message ? (
        <div class="notice" role="alert">
          <p>{state.message}</p>
        </div>
      ) : null}
      <Notice message={props.notice} />
      <UnmailedNotice names={props.unmailed ?? []} />
      {state?.unsavedValues && !abilities.canEdit ? <UnsavedValues values={state.unsavedValues} /> : null}
      <h1>{title}</h1>
      {lastReturn ? <ReturnReason event={lastReturn} /> : null}
      <NextStep next={props.next} />
      <dl class="summary-list">
        <div>
          <dt>状態</dt>
          <dd>
            <strong>{STATE_LABELS[report.state]}</strong>
            {overdue ? "（期限超過）" : null}
          </dd>
        </div>
        <div>
          <dt>主担当課</dt>
          <dd>{props.leadDivision?.name ?? "未指定（事務局が指定します）"}</dd>
        </div>
        <div>
          <dt>担当課（関係課を含む）</dt>
          <dd>{props.responsibleDivisions.length > 0 ? props.responsibleDivisions.map((d) => d.name).join("、") : "—"}</dd>
        </div>
        <div>
          <dt>期限</dt>
          <dd>
            各課の提出 {warekiDateWithWestern(cycle.deadlines.reportDue)}、事務局の確認 {warekiDateWithWestern(cycle.deadlines.reviewDue)}、委員会{" "}
            {warekiDateWithWestern(cycle.deadlines.committeeDue)}
          </dd>
        </div>
        <div>
          <dt>最終更新</dt>
          <dd>
            {japanDateTimeLabel(report.updatedAt)}
            {report.updatedByLabel ? `（${report.updatedByLabel}）` : null}
          </dd>
        </div>
      </dl>

      {abilities.canEdit ? (
        <form method="post" action={`${base}/save`} novalidate>
          <CsrfField token={props.staff.csrfToken} />
          <input type="hidden" name="lockVersion" value={String(sectionProps.form!.values.lockVersion)} />
          <PlanSection {...sectionProps} />
          <DoRecords entries={props.entries} contributions={props.contributions} />
          <p>
            <a href="#do-add">DOの記録を追加する</a>（保存していない入力は、先に保存してください）
          </p>
          <CheckSection {...sectionProps} />
          <ActionSection {...sectionProps} />
          <button type="submit" class="button">
            報告を保存する
          </button>
          {abilities.transitions.length > 0 ? (
            <StepsInReportForm base={base} csrfToken={props.staff.csrfToken} errors={errors} actions={abilities.transitions} comment={state?.transitionComment} />
          ) : null}
        </form>
      ) : (
        <>
          <PlanSection {...sectionProps} />
          <DoRecords entries={props.entries} contributions={props.contributions} />
          <CheckSection {...sectionProps} />
          <ActionSection {...sectionProps} />
        </>
      )}

      {abilities.canAddDoEntry ? <DoEntryForm base={base} csrfToken={props.staff.csrfToken} errors={errors} values={state?.doEntry} /> : null}
      {abilities.canContribute && props.staff.user.division ? (
        <ContributionForm
          base={base}
          csrfToken={props.staff.csrfToken}
          errors={errors}
          division={props.staff.user.division}
          saved={ownContribution}
          typed={state?.contribution}
        />
      ) : null}
      {abilities.canChangeGrade ? <GradeForm base={base} csrfToken={props.staff.csrfToken} errors={errors} plan={props.plan} report={report} typed={state?.grade} /> : null}
      {abilities.transitions.length > 0 && !abilities.canEdit ? (
        <TransitionForm base={base} csrfToken={props.staff.csrfToken} errors={errors} report={report} actions={abilities.transitions} comment={state?.transitionComment} />
      ) : null}
      {props.canDesignateLead ? (
        <LeadForm base={base} csrfToken={props.staff.csrfToken} errors={errors} report={report} divisions={props.responsibleDivisions} />
      ) : null}

      <ReportHistory events={props.events} />
      <p>
        <a href={`/${props.municipality.lgCode}/initiatives/${initiative.number}`}>公開ページでこの取組項目を見る</a>
      </p>
    </StaffPage>
  );
}
