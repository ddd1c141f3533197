/** 計画の概要: the plan's title, subtitle, goal and period in a draft. */
import { fiscalYearLabel } from "../../../../core/format/fiscal-year.ts";
import type { Municipality } from "../../../tenancy/municipality.ts";
import type { Revision } from "../../revisions/revision.ts";
import { OUTLINE_PATHS as P, type OutlineForm } from "../forms/outline-form.ts";
import { draftBase } from "../paths.ts";
import { AuthoringPage, DraftForm, type EditState, type Staff } from "./authoring-page.tsx";
import { PathSelect, PathText, PathTextArea } from "./fields.tsx";

const TITLE = "計画の概要";

function yearOptions(draft: Revision) {
  const { startFiscalYear, endFiscalYear } = draft.content.period;
  const options = [];
  for (let y = startFiscalYear - 5; y <= endFiscalYear + 10; y++) options.push({ value: String(y), label: fiscalYearLabel(y) });
  return options;
}

export function OutlinePage(props: { municipality: Municipality; staff: Staff; draft: Revision; form: OutlineForm; state: EditState }) {
  const { form, state } = props;
  const errors = state.errors;
  return (
    <AuthoringPage municipality={props.municipality} staff={props.staff} title={TITLE} errors={errors} draft={props.draft} notice={state.notice}>
      <h1>{TITLE}</h1>
      <DraftForm action={`${draftBase(props.municipality, props.draft.id)}/outline`} csrfToken={props.staff.csrfToken} state={state}>
        <PathText path={P.title} label="計画の名称" value={form.title} errors={errors} required />
        <PathText path={P.subtitle} label="副題" value={form.subtitle} errors={errors} hint="なければ空欄" />
        <PathTextArea path={P.goal} label="計画の目標" value={form.goal} errors={errors} rows={3} required />
        <PathSelect path={P.startFiscalYear} label="計画期間の開始年度" options={yearOptions(props.draft)} value={form.startFiscalYear} errors={errors} />
        <PathSelect
          path={P.endFiscalYear}
          label="計画期間の終了年度"
          options={yearOptions(props.draft)}
          value={form.endFiscalYear}
          errors={errors}
          hint="計画期間を変えると、期間外になった年度の目標値と取組計画の段階は削除され、新しく加わった年度は空欄（目標なし・段階なし）になります。公開前に変更内容の確認で確かめられます。"
        />
      </DraftForm>
    </AuthoringPage>
  );
}
