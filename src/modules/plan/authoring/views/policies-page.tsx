/** 取組方針: each policy's title and its outcome statements, in a draft. */
import type { Municipality } from "../../../tenancy/municipality.ts";
import type { Revision } from "../../revisions/revision.ts";
import type { PolicyForm } from "../forms/policies-form.ts";
import { rowAction } from "../forms/row-actions.ts";
import { draftBase } from "../paths.ts";
import { AuthoringPage, DraftForm, RowButton, type EditState, type Staff } from "./authoring-page.tsx";
import { PathGroup, PathText, PathTextArea } from "./fields.tsx";

const TITLE = "取組方針";

export function PoliciesPage(props: { municipality: Municipality; staff: Staff; draft: Revision; forms: PolicyForm[]; state: EditState }) {
  const { state } = props;
  const errors = state.errors;
  return (
    <AuthoringPage municipality={props.municipality} staff={props.staff} title={TITLE} errors={errors} draft={props.draft} notice={state.notice}>
      <h1>{TITLE}</h1>
      <p>取組方針ごとに、名称と「取組によって目指す姿」（市民は…できます）とその説明を編集します。行の追加・削除は「下書きに保存」を押すまで保存されません。</p>
      <DraftForm action={`${draftBase(props.municipality, props.draft.id)}/policies`} csrfToken={props.staff.csrfToken} state={state}>
        {props.forms.map((policy, i) => (
          <PathGroup path={["policies", i]} legend={`取組方針${policy.number}`} errors={errors}>
            <PathText path={["policies", i, "title"]} label={`取組方針${policy.number}の名称`} value={policy.title} errors={errors} required />
            <PathGroup path={["policies", i, "outcomes"]} legend="取組によって目指す姿" errors={errors}>
              {policy.outcomes.map((o, j) => {
                const which = `取組方針${policy.number}の目指す姿${j + 1}`;
                return (
                  <div>
                    <PathText path={["policies", i, "outcomes", j, "statement"]} label={`${which}`} value={o.statement} errors={errors} hint="例: 市民はいつでも本市の行政情報を活用することができます。" />
                    <PathTextArea path={["policies", i, "outcomes", j, "description"]} label={`${which}の説明`} value={o.description} errors={errors} rows={3} />
                    <p>
                      <RowButton action={rowAction("remove", `policies.${i}.outcomes`, j)} label="削除" context={`${which}を`} />
                    </p>
                  </div>
                );
              })}
              <p>
                <RowButton action={rowAction("add", `policies.${i}.outcomes`)} label="目指す姿を追加" context={`取組方針${policy.number}に`} />
              </p>
            </PathGroup>
          </PathGroup>
        ))}
      </DraftForm>
    </AuthoringPage>
  );
}
