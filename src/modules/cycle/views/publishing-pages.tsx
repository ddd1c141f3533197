/**
 * The secretariat's publishing pages: the preview of a cycle's results
 * exactly as citizens will see them, with the confirmation form; and the
 * correction (訂正) of a published result, with a required reason.
 */
import type { FieldError } from "../../../core/http/form.ts";
import { errorFor } from "../../../core/http/form.ts";
import { fiscalYearLabel, warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import { CsrfField, ErrorSummary } from "../../../core/views/forms.tsx";
import type { StaffUser } from "../../accounts/user.ts";
import { StaffPage } from "../../accounts/views/staff-page.tsx";
import { GRADES, type Initiative, type Plan } from "../../plan/plan.ts";
import { type Municipality } from "../../tenancy/municipality.ts";
import { CORRECTION_FIELD_IDS } from "../commands/correct-result.ts";
import type { Cycle } from "../cycle.ts";
import { publicationSummary, type PublicationCounts } from "../domain/publication.ts";
import { kpiResults } from "../domain/kpi-results.ts";
import type { TypedActual } from "../forms.ts";
import type { PublishedResult } from "../published-results.ts";
import { CorrectionNotes } from "./correction-note.tsx";
import { Notice, RadioGroup, TextArea } from "./fields.tsx";
import { KpiActualInputs } from "./kpi-actuals.tsx";
import { cycleBase, cyclesCrumb, reportBase } from "./paths.ts";
import { YearResult } from "./public-results.tsx";

type Staff = { user: StaffUser; csrfToken: string };

const frame = (m: Municipality, staff: Staff) => ({ municipality: m, signedIn: { ...staff, ready: true }, section: "cycles" as const });

export const publishPath = (m: Municipality, cycleId: number) => `${cycleBase(m, cycleId)}/publish`;
export const correctionPath = (m: Municipality, cycleId: number, initiativeNumber: number) => `${reportBase(m, cycleId, initiativeNumber)}/correction`;

export type PreviewItem = { initiative: Initiative; result: PublishedResult };

export function PublishPreviewPage(props: {
  municipality: Municipality;
  staff: Staff;
  cycle: Cycle;
  plan: Plan;
  counts: PublicationCounts;
  fingerprint: string;
  items: PreviewItem[];
  /** A refusal (nothing finalised, or the preview went stale): shown in the error summary. */
  error?: string;
}) {
  const m = props.municipality;
  const { cycle, counts } = props;
  const title = `${warekiFiscalYear(cycle.fiscalYear)}の評価結果の公表（確認）`;
  const errors: FieldError[] = props.error ? [{ field: "publish-confirm", message: props.error }] : [];
  const trail = [...cyclesCrumb(m), { href: cycleBase(m, cycle.id), label: `${warekiFiscalYear(cycle.fiscalYear)}の自己評価` }];
  return (
    <StaffPage {...frame(m, props.staff)} title={title} errors={errors} trail={trail}>
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      {counts.finalised === 0 ? (
        <p id="publish-confirm">
          公表できる確定済みの報告がありません（{counts.total}項目中、確定済み0件、未確定{counts.unfinished}件、公表済み{counts.published}件）。委員会の審査を経てCIOが確定した報告だけを公表できます。
        </p>
      ) : (
        <>
          <p>
            <strong>{publicationSummary(counts)}。</strong>
          </p>
          <p>
            下に、公表後に市民向けページ（各取組項目のページの「評価結果」）に掲載される内容を、そのまま表示しています。内容を確認してから、ページの最後の「公表する」を押してください。公表した後の修正は「訂正」として、訂正の日付・理由・訂正前の内容とともに公開されます。
          </p>
          <p>
            <a href="#publish-confirm">確認を終えて公表する（ページの最後へ）</a>
          </p>
          <h2>市民向けページに掲載される内容（{fiscalYearLabel(cycle.fiscalYear)}）</h2>
          {props.items.map(({ initiative, result }) => (
            <section aria-labelledby={`preview-${initiative.number}`} class="publish-preview-item">
              <h2 id={`preview-${initiative.number}`}>
                取組項目{initiative.number} {initiative.title}
              </h2>
              <YearResult plan={props.plan} initiative={initiative} result={result} idPrefix={`i${initiative.number}-`} />
            </section>
          ))}
          <form method="post" action={publishPath(m, cycle.id)} id="publish-confirm">
            <CsrfField token={props.staff.csrfToken} />
            <input type="hidden" name="fingerprint" value={props.fingerprint} />
            <p>{publicationSummary(counts)}。</p>
            <button type="submit" class="button">
              {counts.finalised}項目を公表する
            </button>
          </form>
        </>
      )}
      <p>
        <a href={cycleBase(m, cycle.id)}>公表せずに自己評価の状況に戻る</a>
      </p>
    </StaffPage>
  );
}

export type CorrectionValues = {
  lockVersion: string;
  grade: string;
  gradeReasons: string;
  issues: string;
  improvementMeasures: string;
  actuals: TypedActual[];
  reason: string;
};

export function CorrectionPage(props: {
  municipality: Municipality;
  staff: Staff;
  cycle: Cycle;
  plan: Plan;
  initiative: Initiative;
  result: PublishedResult;
  values: CorrectionValues;
  errors?: FieldError[];
  notice?: string;
}) {
  const m = props.municipality;
  const { cycle, initiative, result, values } = props;
  const errors = props.errors ?? [];
  const title = `取組項目${initiative.number}の評価結果の訂正（${warekiFiscalYear(cycle.fiscalYear)}）`;
  const trail = [
    ...cyclesCrumb(m),
    { href: cycleBase(m, cycle.id), label: `${warekiFiscalYear(cycle.fiscalYear)}の自己評価` },
    { href: reportBase(m, cycle.id, initiative.number), label: `取組項目${initiative.number}` },
  ];
  const F = CORRECTION_FIELD_IDS;
  return (
    <StaffPage {...frame(m, props.staff)} title={title} errors={errors} trail={trail}>
      <ErrorSummary errors={errors} />
      <Notice message={props.notice} />
      <h1>{title}</h1>
      <p>
        {initiative.title}
        。公表済みの評価結果を訂正します。訂正すると、市民向けページの評価結果の横に「訂正（日付）：理由（訂正前の内容）」が表示されます。訂正の記録は消せません。
      </p>
      <details>
        <summary>いま公表されている内容</summary>
        <YearResult plan={props.plan} initiative={initiative} result={result} idPrefix="current-" />
      </details>
      {result.corrections && result.corrections.length > 0 ? (
        <section aria-labelledby="corrections">
          <h2 id="corrections">これまでの訂正</h2>
          <CorrectionNotes corrections={result.corrections} kpis={initiative.kpis} />
        </section>
      ) : null}
      <h2>訂正の内容</h2>
      <form method="post" action={correctionPath(m, cycle.id, initiative.number)} novalidate>
        <CsrfField token={props.staff.csrfToken} />
        <input type="hidden" name="lockVersion" value={values.lockVersion} />
        <RadioGroup
          idPrefix="correction-grade"
          name="grade"
          legend={result.report.cioGrade ? "評価（CIOが変更した評価を訂正します）" : "評価"}
          value={values.grade}
          options={GRADES.map((g) => ({ value: g, label: `${g}: ${props.plan.gradeDefinitions.find((d) => d.grade === g)?.definition ?? ""}` }))}
          error={errorFor(errors, F.grade)}
        />
        <TextArea id={F.gradeReasons} name="gradeReasons" label="評価の理由" value={values.gradeReasons} error={errorFor(errors, F.gradeReasons)} />
        {initiative.kpis.length > 0 ? (
          <KpiActualInputs results={kpiResults(initiative.kpis, cycle.fiscalYear, result.actuals)} typed={values.actuals} errors={errors} />
        ) : null}
        <TextArea id={F.issues} name="issues" label="課題" value={values.issues} error={errorFor(errors, F.issues)} />
        <TextArea id={F.improvementMeasures} name="improvementMeasures" label="改善策" value={values.improvementMeasures} error={errorFor(errors, F.improvementMeasures)} />
        <TextArea
          id={F.reason}
          name="reason"
          label="訂正の理由"
          required
          rows={3}
          maxlength={1000}
          hint="市民向けページに、訂正の日付とともにそのまま表示されます。例: 実績値の集計誤りを訂正しました。"
          value={values.reason}
          error={errorFor(errors, F.reason)}
        />
        <button type="submit" class="button">
          訂正する
        </button>
      </form>
    </StaffPage>
  );
}
