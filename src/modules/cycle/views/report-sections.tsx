/**
 * The four PDCA sections of a report (計画 §6: PLAN → DO → CHECK → ACTION),
 * each either as form fields (the lead division, while it may edit) or as
 * text. The form itself (one save for PLAN, CHECK and ACTION, so one
 * optimistic check) is assembled in report-page.tsx.
 */
import type { FieldError } from "../../../core/http/form.ts";
import { errorFor } from "../../../core/http/form.ts";
import { warekiFiscalYear } from "../../../core/format/fiscal-year.ts";
import { GRADES, type Initiative, type Plan } from "../../plan/plan.ts";
import type { Contribution, DoEntry, Report } from "../cycle.ts";
import { warekiDateWithWestern } from "../../../core/format/wareki-date.ts";
import { japanDateTimeLabel } from "../domain/deadlines.ts";
import { suggestedGrade, type KpiResult } from "../domain/kpi-results.ts";
import { REPORT_FIELD_IDS, type ReportFormValues } from "../forms.ts";
import { RadioGroup, TextArea } from "./fields.tsx";
import { AchievementRule, KpiActualInputs, KpiResultTable, SuggestedGrade } from "./kpi-actuals.tsx";
import { Prose } from "../../../core/views/prose.tsx";

export type SectionProps = {
  plan: Plan;
  initiative: Initiative;
  fiscalYear: number;
  report: Report;
  results: KpiResult[];
  /** Present when the fields are editable. */
  form?: {
    values: ReportFormValues;
    errors: readonly FieldError[];
    /** After a stale save: the saved values, shown under each field that differs from what was typed. */
    saved?: ReportFormValues;
  };
};


/** The saved value under a field after a stale save, when it differs from what was typed. */
const savedHint = (props: SectionProps, key: keyof ReportFormValues, label: string) => {
  const saved = props.form?.saved;
  if (!saved || saved[key] === props.form!.values[key]) return undefined;
  const value = saved[key];
  return `${label}: 保存されている内容は「${value === "" ? "（空欄）" : String(value)}」です`;
};

export function PlanSection(props: SectionProps) {
  const { initiative, fiscalYear, report, form } = props;
  const legend = new Map(props.plan.phaseLegend.map((p) => [p.phase, p.label]));
  const rows = initiative.schedule.filter((r) => r.phases.has(fiscalYear));
  return (
    <section aria-labelledby="plan">
      <h2 id="plan">PLAN（計画）</h2>
      <h3>計画に定めた{warekiFiscalYear(fiscalYear)}の取組</h3>
      {rows.length > 0 ? (
        <ul>
          {rows.map((r) => (
            <li>
              {r.label}: {legend.get(r.phases.get(fiscalYear)!) ?? r.phases.get(fiscalYear)}
            </li>
          ))}
        </ul>
      ) : (
        <p>この年度の取組計画の記載はありません。</p>
      )}
      <h3>目標</h3>
      <ul>
        {initiative.goals.map((g) => (
          <li>{g}</li>
        ))}
      </ul>
      {form ? (
        <>
          <TextArea
            id={REPORT_FIELD_IDS.planText}
            name="planText"
            label={`${warekiFiscalYear(fiscalYear)}の取組計画`}
            value={form.values.planText}
            hint={savedHint(props, "planText", "他の方の保存") ?? "年度当初に設定した当年度の取組計画。前年度の「次年度の取組計画」が入っています。"}
            error={errorFor(form.errors, REPORT_FIELD_IDS.planText)}
          />
          <div class="form-field checkbox">
            <input type="checkbox" id={REPORT_FIELD_IDS.targetsConfirmed} name="targetsConfirmed" value="1" checked={form.values.targetsConfirmed} />
            <label for={REPORT_FIELD_IDS.targetsConfirmed}>この年度の数値目標（目標値）を確認しました</label>
          </div>
        </>
      ) : (
        <>
          <h3>{warekiFiscalYear(fiscalYear)}の取組計画</h3>
          <Prose text={report.planText} />
          <p>数値目標の確認: {report.targetsConfirmed ? "確認済み" : "未確認"}</p>
        </>
      )}
    </section>
  );
}

export function DoRecords(props: { entries: DoEntry[]; contributions: Contribution[] }) {
  return (
    <section aria-labelledby="do">
      <h2 id="do">DO（実行）</h2>
      {props.entries.length === 0 ? (
        <p>実施した取組の記録はまだありません。</p>
      ) : (
        <ol>
          {props.entries.map((e) => (
            <li>
              <strong>{warekiDateWithWestern(e.entryDate)}</strong>（{e.divisionName ?? "所属なし"}）: {e.body}
            </li>
          ))}
        </ol>
      )}
      {props.contributions.length > 0 ? (
        <>
          <h3>関係課の取組</h3>
          {props.contributions.map((c) => (
            <>
              <h4>{c.divisionName}</h4>
              <Prose text={c.body} />
              <p class="note">
                {c.updatedByLabel}、{japanDateTimeLabel(c.updatedAt)}
              </p>
            </>
          ))}
        </>
      ) : null}
    </section>
  );
}

export function CheckSection(props: SectionProps) {
  const { report, form, results, fiscalYear } = props;
  const grades = new Map(props.plan.gradeDefinitions.map((g) => [g.grade, g.definition]));
  const saved = form?.saved;
  const savedActuals = saved ? new Map(saved.actuals.map((a) => [a.kpiId, a])) : undefined;
  return (
    <section aria-labelledby="check">
      <h2 id="check">CHECK（評価）</h2>
      {results.length > 0 ? (
        <>
          {form ? (
            <KpiActualInputs results={results} typed={form.values.actuals} errors={form.errors} current={savedActuals} />
          ) : (
            <KpiResultTable results={results} caption={`${warekiFiscalYear(fiscalYear)}の数値目標の実績`} />
          )}
          <SuggestedGrade grade={suggestedGrade(results)} />
          <AchievementRule fiscalYear={fiscalYear} />
        </>
      ) : (
        <p>この取組項目には数値目標がありません。取組計画の実施状況から評価してください。</p>
      )}
      {form ? (
        <>
          <RadioGroup
            idPrefix="self-grade"
            name="selfGrade"
            legend="自己評価"
            value={form.values.selfGrade}
            hint={savedHint(props, "selfGrade", "他の方の保存") ?? "B・Cの場合は、ACTIONの課題と改善策も入力してください。"}
            error={errorFor(form.errors, REPORT_FIELD_IDS.selfGrade)}
            options={[
              ...GRADES.map((g) => ({ value: g, label: `${g}: ${grades.get(g) ?? ""}` })),
              { value: "", label: "まだ評価しない" },
            ]}
          />
          <TextArea
            id={REPORT_FIELD_IDS.gradeReasons}
            name="gradeReasons"
            label="評価の理由"
            value={form.values.gradeReasons}
            hint={savedHint(props, "gradeReasons", "他の方の保存") ?? "目標や取組計画に対して、何がどこまでできたか。評価を選んだ場合は必須です。"}
            error={errorFor(form.errors, REPORT_FIELD_IDS.gradeReasons)}
          />
        </>
      ) : (
        <>
          <h3>自己評価</h3>
          <p>
            <strong>{report.selfGrade ?? "未評価"}</strong>
            {report.selfGrade ? `（${grades.get(report.selfGrade) ?? ""}）` : null}
          </p>
          <h3>評価の理由</h3>
          <Prose text={report.gradeReasons} />
        </>
      )}
      {report.cioGrade ? (
        <div class="notice">
          <p>
            <strong>CIOによる評価: {report.cioGrade}</strong>（担当課の自己評価: {report.selfGrade ?? "未評価"}）
          </p>
          <p>変更の理由: {report.cioGradeReason}</p>
        </div>
      ) : null}
    </section>
  );
}

export function ActionSection(props: SectionProps) {
  const { report, form } = props;
  const text = (key: "issues" | "improvementMeasures" | "nextYearPlan", label: string, hint: string) =>
    form ? (
      <TextArea
        id={REPORT_FIELD_IDS[key]}
        name={key}
        label={label}
        value={form.values[key]}
        hint={savedHint(props, key, "他の方の保存") ?? hint}
        error={errorFor(form.errors, REPORT_FIELD_IDS[key])}
      />
    ) : (
      <>
        <h3>{label}</h3>
        <Prose text={report[key]} />
      </>
    );
  return (
    <section aria-labelledby="action">
      <h2 id="action">ACTION（改善）</h2>
      {text("issues", "課題", "目標や計画を達成できなかった理由、取組の中で見えた問題点。B・C評価の場合は必須です。")}
      {text("improvementMeasures", "改善策", "次年度に講じる改善策。達成できた場合は更なる拡充の方向。B・C評価の場合は必須です。")}
      {text("nextYearPlan", "次年度の取組計画", "次年度の評価を開始すると、この内容が次年度の「取組計画」の初期値になります。")}
    </section>
  );
}
