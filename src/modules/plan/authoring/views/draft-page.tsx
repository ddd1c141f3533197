/** A draft's own page: what it holds, where each part is edited, preview and publish, discard. */
import { periodLabel } from "../../../../core/format/fiscal-year.ts";
import { CsrfField } from "../../../../core/views/forms.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import type { Revision } from "../../revisions/revision.ts";
import { draftBase } from "../paths.ts";
import type { PlanSummary } from "../repository/authoring-queries.ts";
import { AuthoringPage, type Staff } from "./authoring-page.tsx";

export const draftTitle = (draft: Pick<Revision, "number">) => `第${draft.number}版の下書き`;

export function DraftPage(props: { municipality: Municipality; staff: Staff; plan: PlanSummary; draft: Revision; notice?: string }) {
  const { draft, plan } = props;
  const content = draft.content;
  const base = draftBase(props.municipality, draft.id);
  const kpis = content.initiatives.reduce((n, i) => n + i.kpis.length, 0);
  return (
    <AuthoringPage municipality={props.municipality} staff={props.staff} title={draftTitle(draft)} notice={props.notice}>
      <h1>
        {draftTitle(draft)}
        <span class="tag">{plan.isCurrent ? "現在の計画" : "次期計画"}</span>
      </h1>
      <p>
        {content.title}（{periodLabel(content.period.startFiscalYear, content.period.endFiscalYear)}）。作成: {draft.createdBy.label}。
        保存しても、公開するまで市民向けのページは変わりません。
      </p>
      <h2>編集する部分</h2>
      <ul>
        <li>
          <a href={`${base}/outline`}>計画の概要（名称・目標・計画期間）</a>
        </li>
        <li>
          <a href={`${base}/policies`}>取組方針（{content.policies.length}件）</a>
        </li>
        <li>
          <a href={`${base}/initiatives`}>
            取組項目（{content.initiatives.length}件、数値目標 {kpis}件）
          </a>
        </li>
        <li>
          <a href={`${base}/glossary`}>用語説明（{content.glossary.length}語）</a>
        </li>
      </ul>
      {props.staff.user.roles.includes("secretariat") ? (
        <p>
          <a href={`${base}/workbook`}>取組方針と取組項目を Excel のブックでまとめて編集する</a>
        </p>
      ) : null}
      <h2>公開</h2>
      <p>
        <a class="button" href={`${base}/preview`}>
          変更内容を確認して公開
        </a>
      </p>
      <h2>破棄</h2>
      <p>
        <a class="button button-secondary" href={`${base}/discard`}>
          下書きを破棄
        </a>
      </p>
    </AuthoringPage>
  );
}

export function DiscardPage(props: { municipality: Municipality; staff: Staff; plan: PlanSummary; draft: Revision }) {
  const title = "下書きの破棄";
  const nextPlanGoes = !props.plan.isCurrent && props.plan.publishedNumber === null;
  return (
    <AuthoringPage municipality={props.municipality} staff={props.staff} title={title} draft={props.draft}>
      <h1>{title}</h1>
      <p>
        {draftTitle(props.draft)}（{props.draft.content.title}）を破棄します。保存した変更はすべて失われ、元に戻せません。公開中の版は変わりません。
      </p>
      {nextPlanGoes ? <p>この次期計画はまだ公開されていないため、計画「{props.plan.code}」も削除されます。</p> : null}
      <form method="post" action={`${draftBase(props.municipality, props.draft.id)}/discard`}>
        <CsrfField token={props.staff.csrfToken} />
        <button type="submit" class="button">
          下書きを破棄する
        </button>{" "}
        <a href={draftBase(props.municipality, props.draft.id)}>破棄せずに戻る</a>
      </form>
    </AuthoringPage>
  );
}
