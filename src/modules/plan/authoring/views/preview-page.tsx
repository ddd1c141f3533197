/**
 * 変更内容の確認と公開: the draft against what is published (diffPlans), and
 * the publish form with its required reason — the sentence citizens read on
 * the change history. A next plan can be made the current plan here.
 */
import { errorFor, type FieldError } from "../../../../core/http/form.ts";
import { CsrfField } from "../../../../core/views/forms.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import { countChanges, type PlanChange } from "../../revisions/domain/plan-change.ts";
import { REASON_MAX_LENGTH, type Revision } from "../../revisions/revision.ts";
import { PUBLISH_FIELDS as F } from "../forms/plan-forms.ts";
import { draftBase } from "../paths.ts";
import type { PlanSummary } from "../repository/authoring-queries.ts";
import { AuthoringPage, ChangeTable, type Staff } from "./authoring-page.tsx";

export type Comparison = {
  /** What the draft is compared with, e.g. 公開中の第3版. */
  against: string;
  changes: PlanChange[];
} | null;

export function PreviewPage(props: {
  municipality: Municipality;
  staff: Staff;
  plan: PlanSummary;
  draft: Revision;
  comparison: Comparison;
  values?: { reason: string; makeCurrent: boolean };
  errors?: FieldError[];
  notice?: string;
}) {
  const { draft, plan, comparison } = props;
  const errors = props.errors ?? [];
  const base = draftBase(props.municipality, draft.id);
  const title = "変更内容の確認と公開";
  const counts = comparison ? countChanges(comparison.changes) : null;
  const reasonError = errorFor(errors, F.reason);
  return (
    <AuthoringPage municipality={props.municipality} staff={props.staff} title={title} errors={errors} draft={draft} notice={props.notice}>
      <h1>{title}</h1>
      {comparison ? (
        <>
          <p>
            第{draft.number}版の下書きと{comparison.against}の違いです（{counts!.total}件: 追加 {counts!.added}・削除 {counts!.removed}・変更{" "}
            {counts!.changed}）。公開すると、この内容が市民向けの変更履歴に載ります。
          </p>
          {comparison.changes.length === 0 ? (
            <p>違いはありません。</p>
          ) : (
            <ChangeTable changes={comparison.changes} caption="変更内容" level={2} link={(n) => `${base}/initiatives/${n}`} />
          )}
        </>
      ) : (
        <p>比べる公開済みの版がありません。この下書きが最初の版として公開されます。</p>
      )}
      <h2>公開</h2>
      <form method="post" action={`${base}/publish`} novalidate>
        <CsrfField token={props.staff.csrfToken} />
        <div class={reasonError ? "form-field form-field-error" : "form-field"}>
          <label for={F.reason}>
            変更の理由<span class="required">必須</span>
          </label>
          <p id={`${F.reason}-hint`} class="hint">
            市民向けの変更履歴にそのまま表示されます（{REASON_MAX_LENGTH}文字以内）。例: 令和6年度の実績を踏まえ、電子申請の受付件数の目標を見直しました。
          </p>
          {reasonError ? (
            <p id={`${F.reason}-error`} class="field-error">
              <span class="visually-hidden">エラー：</span>
              {reasonError}
            </p>
          ) : null}
          <textarea
            id={F.reason}
            name="reason"
            rows={4}
            cols={60}
            aria-describedby={reasonError ? `${F.reason}-hint ${F.reason}-error` : `${F.reason}-hint`}
            aria-invalid={reasonError ? "true" : undefined}
          >
            {props.values?.reason ?? ""}
          </textarea>
        </div>
        {plan.isCurrent ? null : (
          <div class="form-field">
            <div class="checkbox">
              <input type="checkbox" id={F.makeCurrent} name="makeCurrent" value="on" checked={props.values?.makeCurrent ?? false} />
              <label for={F.makeCurrent}>公開と同時に、この計画を現在の計画にする（市民向けのページがこの計画に切り替わります）</label>
            </div>
          </div>
        )}
        <button type="submit" class="button">
          第{draft.number}版として公開
        </button>
      </form>
    </AuthoringPage>
  );
}
