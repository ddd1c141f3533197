/**
 * 次期計画を作成: the next plan's code, title and period (e.g. 令和8年度〜令和11年度,
 * shown in 和暦 with 西暦). It starts as a copy of the current plan.
 */
import { fiscalYearLabel, periodLabel } from "../../../../core/format/fiscal-year.ts";
import { errorFor, type FieldError } from "../../../../core/http/form.ts";
import { CsrfField, SelectField, TextField } from "../../../../core/views/forms.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import { NEXT_PLAN_FIELDS as F } from "../forms/plan-forms.ts";
import { planBase } from "../paths.ts";
import type { PlanSummary } from "../repository/authoring-queries.ts";
import { AuthoringPage, type Staff } from "./authoring-page.tsx";

export type NextPlanValues = { code: string; title: string; startFiscalYear: string; endFiscalYear: string };

export function defaultNextPlanValues(current: PlanSummary): NextPlanValues {
  const length = current.period.endFiscalYear - current.period.startFiscalYear;
  const start = current.period.endFiscalYear + 1;
  return { code: `dx-${start}`, title: "", startFiscalYear: String(start), endFiscalYear: String(start + length) };
}

/** Fiscal years to choose from: from the current plan's start to twelve years after its end. */
function yearOptions(current: PlanSummary) {
  const options = [{ value: "", label: "（年度を選んでください）" }];
  for (let y = current.period.startFiscalYear; y <= current.period.endFiscalYear + 12; y++) options.push({ value: String(y), label: fiscalYearLabel(y) });
  return options;
}

export function NextPlanPage(props: {
  municipality: Municipality;
  staff: Staff;
  current: PlanSummary;
  values: NextPlanValues;
  errors?: FieldError[];
}) {
  const errors = props.errors ?? [];
  const { current, values } = props;
  const title = "次期計画を作成";
  return (
    <AuthoringPage municipality={props.municipality} staff={props.staff} title={title} errors={errors}>
      <h1>{title}</h1>
      <p>
        現在の計画「{current.title}」（{periodLabel(current.period.startFiscalYear, current.period.endFiscalYear)}
        ）の公開中の版を複製して、次期計画の下書きを作ります。取組方針・取組項目・担当課・数値目標の文言は引き継ぎ、目標値・取組計画の段階・基準値は空欄から始まります。
      </p>
      <p>次期計画は、最初の版を「現在の計画にする」を選んで公開するまで、市民向けのページには表示されません。</p>
      <form method="post" action={`${planBase(props.municipality)}/next`} novalidate>
        <CsrfField token={props.staff.csrfToken} />
        <TextField
          id={F.code}
          name="code"
          label="計画コード"
          value={values.code}
          hint="半角英小文字・数字・ハイフン（例: dx-2026）。アドレスやファイル名に使われ、後から変更できません。"
          error={errorFor(errors, F.code)}
          required
          spellcheck={false}
        />
        <TextField
          id={F.title}
          name="title"
          label="計画の名称"
          value={values.title}
          hint="例: 徳島市デジタル・トランスフォーメーション（DX）推進計画（第2期）"
          error={errorFor(errors, F.title)}
          required
        />
        <SelectField id={F.startFiscalYear} name="startFiscalYear" label="開始年度" options={yearOptions(current)} value={values.startFiscalYear} error={errorFor(errors, F.startFiscalYear)} />
        <SelectField id={F.endFiscalYear} name="endFiscalYear" label="終了年度" options={yearOptions(current)} value={values.endFiscalYear} error={errorFor(errors, F.endFiscalYear)} />
        <button type="submit" class="button">
          次期計画の下書きを作成
        </button>
      </form>
    </AuthoringPage>
  );
}
