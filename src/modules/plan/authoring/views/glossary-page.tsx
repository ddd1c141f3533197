/** 用語説明: the glossary's terms in a draft, added and removed. */
import type { Municipality } from "../../../tenancy/municipality.ts";
import type { Revision } from "../../revisions/revision.ts";
import type { TermForm } from "../forms/glossary-form.ts";
import { rowAction } from "../forms/row-actions.ts";
import { draftBase } from "../paths.ts";
import { AuthoringPage, DraftForm, RowButton, type EditState, type Staff } from "./authoring-page.tsx";
import { PathGroup, PathSelect, PathText, PathTextArea } from "./fields.tsx";

const TITLE = "用語説明";
const SECTIONS = [
  { value: "alphabet", label: "アルファベット順" },
  { value: "kana", label: "50音順" },
];

export function GlossaryPage(props: { municipality: Municipality; staff: Staff; draft: Revision; rows: TermForm[]; state: EditState }) {
  const { state } = props;
  const errors = state.errors;
  return (
    <AuthoringPage municipality={props.municipality} staff={props.staff} title={TITLE} errors={errors} draft={props.draft} notice={state.notice}>
      <h1>{TITLE}</h1>
      <p>用語は計画の本文で自動的にリンクされます。別の表記（略称など）は1行に1つずつ書いてください。</p>
      <DraftForm action={`${draftBase(props.municipality, props.draft.id)}/glossary`} csrfToken={props.staff.csrfToken} state={state}>
        <PathGroup path={["glossary"]} legend={`用語（${props.rows.length}語）`} errors={errors}>
          {props.rows.map((row, i) => {
            const which = `用語${i + 1}${row.term ? `「${row.term}」` : ""}`;
            return (
              <PathGroup path={["glossary", i]} legend={which} errors={errors}>
                <PathText path={["glossary", i, "term"]} label="用語" value={row.term} errors={errors} required />
                <PathSelect path={["glossary", i, "section"]} label="掲載の区分" options={SECTIONS} value={row.section} errors={errors} />
                <PathTextArea path={["glossary", i, "description"]} label="説明" value={row.description} errors={errors} rows={3} required />
                <PathTextArea path={["glossary", i, "aliases"]} label="別の表記（1行に1つ）" value={row.aliases} errors={errors} rows={2} />
                <p>
                  <RowButton action={rowAction("remove", "glossary", i)} label="削除" context={`${which}を`} />
                </p>
              </PathGroup>
            );
          })}
          <p>
            <RowButton action={rowAction("add", "glossary")} label="用語を追加" />
          </p>
        </PathGroup>
      </DraftForm>
    </AuthoringPage>
  );
}
