/**
 * The report page's smaller forms, each shown only to those who may use it
 * (report-page.tsx decides from the abilities): a DO entry, a co-division's
 * contribution, the workflow's buttons with their comment, the CIO's change
 * of grade, the secretariat's designation of the lead — and the typed text a
 * refused save could not keep in a form.
 */
import type { FieldError } from "../../../core/http/form.ts";
import { errorFor } from "../../../core/http/form.ts";
import { CsrfField, SelectField, TextField } from "../../../core/views/forms.tsx";
import { GRADES, type Plan } from "../../plan/plan.ts";
import { REPORT_FIELD_LABELS, type Contribution, type Report } from "../cycle.ts";
import { japanDateTimeLabel } from "../domain/deadlines.ts";
import type { ReportAction } from "../domain/report-workflow.ts";
import { CONTRIBUTION_FIELD_IDS, DO_ENTRY_FIELD_IDS, GRADE_FIELD_IDS, type ReportFormValues } from "../forms.ts";
import type { DivisionRef } from "../repository/cycle-queries.ts";
import { RadioGroup, TextArea } from "./fields.tsx";

type FormBase = { base: string; csrfToken: string; errors: readonly FieldError[] };

const BUTTON_LABELS: Record<Exclude<ReportAction, "edit">, string> = {
  approve: "課長として承認する",
  reopen: "承認を取り消して作成中に戻す",
  submit: "事務局へ提出する",
  revise: "修正を始める（作成中に戻す）",
  check: "事務局確認を終え、委員会審査に回す",
  return: "差し戻す（コメント必須）",
  comment: "コメントする（コメント必須）",
  finalise: "評価を確定する",
  publish: "公表する",
};

export function DoEntryForm(props: FormBase & { values?: { entryDate: string; body: string } }) {
  return (
    <section aria-labelledby="do-add">
      <h2 id="do-add">DOの記録を追加</h2>
      <form method="post" action={`${props.base}/do-entries`} novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField
          id={DO_ENTRY_FIELD_IDS.entryDate}
          name="entryDate"
          label="実施日"
          hint="例: 令和6年5月31日、R6.5.31、2024/5/31"
          value={props.values?.entryDate ?? ""}
          error={errorFor(props.errors, DO_ENTRY_FIELD_IDS.entryDate)}
          required
        />
        <TextArea
          id={DO_ENTRY_FIELD_IDS.body}
          name="body"
          label="実施した内容"
          rows={3}
          maxlength={2000}
          value={props.values?.body ?? ""}
          error={errorFor(props.errors, DO_ENTRY_FIELD_IDS.body)}
          required
        />
        <button type="submit" class="button button-secondary">
          記録を追加する
        </button>
      </form>
    </section>
  );
}

export function ContributionForm(
  props: FormBase & { division: DivisionRef; saved: Contribution | undefined; typed?: { body: string; version: string } },
) {
  const { saved, typed } = props;
  const conflict = typed && saved && typed.body !== saved.body;
  return (
    <section aria-labelledby="contribution">
      <h2 id="contribution">{props.division.name}の取組（関係課として）</h2>
      <form method="post" action={`${props.base}/contribution`} novalidate>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="version" value={typed?.version ?? saved?.version ?? ""} />
        <TextArea
          id={CONTRIBUTION_FIELD_IDS.body}
          name="body"
          label="この課が実施した取組と成果"
          value={typed?.body ?? saved?.body ?? ""}
          hint={
            conflict
              ? `保存されている内容は「${saved.body}」です（${saved.updatedByLabel}、${japanDateTimeLabel(saved.updatedAt)}）`
              : "主担当課が報告をまとめる際に参照します。"
          }
          error={errorFor(props.errors, CONTRIBUTION_FIELD_IDS.body)}
        />
        <button type="submit" class="button button-secondary">
          関係課の取組を保存する
        </button>
      </form>
    </section>
  );
}

export function TransitionForm(props: FormBase & { report: Report; actions: ReportAction[]; comment?: string }) {
  return (
    <section aria-labelledby="actions">
      <h2 id="actions">操作</h2>
      <form method="post" action={`${props.base}/transition`} novalidate>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="lockVersion" value={String(props.report.lockVersion)} />
        <TransitionFields {...props} />
      </form>
    </section>
  );
}

/**
 * The workflow's buttons inside the report form (decision 025): pressed with
 * edits typed above, the step posts them too, and the edits are saved with
 * the step in one transaction. `formaction` sends the same form to the step's
 * address; the form's own button (報告を保存する) stays the default for Enter.
 */
export function StepsInReportForm(props: FormBase & { actions: ReportAction[]; comment?: string }) {
  return (
    <section aria-labelledby="actions">
      <h2 id="actions">操作</h2>
      <p>上の入力を直してから操作のボタンを押すと、直した内容を保存したうえで操作します（保存だけなら「報告を保存する」）。</p>
      <input type="hidden" name="withReport" value="1" />
      <TransitionFields {...props} formaction={`${props.base}/transition`} />
    </section>
  );
}

function TransitionFields(props: FormBase & { actions: ReportAction[]; comment?: string; formaction?: string }) {
  return (
    <>
      <TextArea
        id="transition-comment"
        name="comment"
        label="コメント"
        rows={3}
        maxlength={2000}
        value={props.comment ?? ""}
        hint="差戻しとコメントには入力が必要です。ほかの操作では任意で、報告の履歴に残ります。"
        error={errorFor(props.errors, "transition-comment")}
      />
      <ul class="download-links">
        {props.actions.map((action) => (
          <li>
            <button
              type="submit"
              name="action"
              value={action}
              formaction={props.formaction}
              class={action === "return" ? "button button-secondary" : "button"}
            >
              {BUTTON_LABELS[action as Exclude<ReportAction, "edit">]}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

export function GradeForm(props: FormBase & { plan: Plan; report: Report; typed?: { grade: string; reason: string } }) {
  const grades = new Map(props.plan.gradeDefinitions.map((g) => [g.grade, g.definition]));
  return (
    <section aria-labelledby="cio-grade">
      <h2 id="cio-grade">評価の変更（CIO）</h2>
      <p>
        担当課の自己評価は <strong>{props.report.selfGrade ?? "未評価"}</strong>
        です。変更した場合も自己評価は記録に残り、公表時には両方を示します。
      </p>
      <form method="post" action={`${props.base}/grade`} novalidate>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="lockVersion" value={String(props.report.lockVersion)} />
        <RadioGroup
          idPrefix="cio-grade"
          name="grade"
          legend="変更後の評価"
          value={props.typed?.grade ?? props.report.cioGrade ?? ""}
          options={GRADES.map((g) => ({ value: g, label: `${g}: ${grades.get(g) ?? ""}` }))}
          error={errorFor(props.errors, GRADE_FIELD_IDS.grade)}
        />
        <TextArea
          id={GRADE_FIELD_IDS.reason}
          name="reason"
          label="変更の理由"
          rows={3}
          maxlength={2000}
          required
          value={props.typed?.reason ?? ""}
          error={errorFor(props.errors, GRADE_FIELD_IDS.reason)}
        />
        <button type="submit" class="button button-secondary">
          評価を変更する
        </button>
      </form>
    </section>
  );
}

export function LeadForm(props: FormBase & { report: Report; divisions: DivisionRef[] }) {
  return (
    <section aria-labelledby="lead">
      <h2 id="lead">主担当課の指定（事務局）</h2>
      <p>この取組項目は担当の先頭が「関係各課」などの総称のため、報告をまとめる主担当課を事務局が指定します。</p>
      <form method="post" action={`${props.base}/lead`}>
        <CsrfField token={props.csrfToken} />
        <SelectField
          id="lead-division"
          name="divisionId"
          label="主担当課"
          value={String(props.report.leadDivisionId ?? "")}
          options={props.divisions.map((d) => ({ value: String(d.id), label: d.name }))}
          error={errorFor(props.errors, "lead-division")}
        />
        <button type="submit" class="button button-secondary">
          主担当課を指定する
        </button>
      </form>
    </section>
  );
}

/** Typed text that could not be saved, shown so that nothing typed is lost. */
export function UnsavedValues(props: { values: ReportFormValues }) {
  const v = props.values;
  const rows: [string, string][] = [
    [REPORT_FIELD_LABELS.planText, v.planText],
    [REPORT_FIELD_LABELS.selfGrade, v.selfGrade],
    [REPORT_FIELD_LABELS.gradeReasons, v.gradeReasons],
    [REPORT_FIELD_LABELS.issues, v.issues],
    [REPORT_FIELD_LABELS.improvementMeasures, v.improvementMeasures],
    [REPORT_FIELD_LABELS.nextYearPlan, v.nextYearPlan],
    ...v.actuals
      .filter((a) => a.value || a.asOf || a.source)
      .map((a): [string, string] => [`数値目標（ID ${a.kpiId}）の実績`, `${a.value}（時点 ${a.asOf}、出典 ${a.source}）`]),
  ];
  return (
    <section aria-labelledby="unsaved">
      <h2 id="unsaved">保存されなかった入力</h2>
      <dl class="summary-list">
        {rows
          .filter(([, value]) => value.trim() !== "")
          .map(([label, value]) => (
            <div>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}
