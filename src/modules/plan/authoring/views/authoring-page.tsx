/**
 * The frame of the authoring pages and the parts every draft-editing form
 * shares: the hidden lock version, 保存 buttons, the error summary, and — when
 * someone else saved the draft meanwhile — what saving now would change.
 */
import type { Child } from "hono/jsx";
import type { FieldError } from "../../../../core/http/form.ts";
import { CsrfField, ErrorSummary } from "../../../../core/views/forms.tsx";
import { TableWrap } from "../../../../core/views/layout.tsx";
import type { StaffUser } from "../../../accounts/user.ts";
import { StaffPage } from "../../../accounts/views/staff-page.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import { ChangeRowsTable } from "../../revisions/views/change-views.tsx";
import { groupBySection, type PlanChange } from "../../revisions/domain/plan-change.ts";
import type { RevisionHeader } from "../../revisions/revision.ts";
import { FORM_ID } from "../forms/field-paths.ts";
import { ACTION_FIELD } from "../forms/row-actions.ts";
import { draftBase, planBase } from "../paths.ts";

export const OVERVIEW_TITLE = "計画の編集";

export type Staff = { user: StaffUser; csrfToken: string };

/** What a draft-editing form shows besides the values typed. */
export type EditState = {
  /** The draft's lock version the next save is based on. */
  lockVersion: number;
  errors: FieldError[];
  /** Someone else saved the draft since this form was shown: what saving the form now would change. */
  conflict?: { message: string; changes: PlanChange[] };
  /** The draft was published or discarded meanwhile: nothing can be saved, the values stay for copying. */
  closed?: string;
  notice?: string;
};

export function AuthoringPage(props: {
  municipality: Municipality;
  staff: Staff;
  title: string;
  errors?: readonly FieldError[];
  /** The draft a page inside a draft belongs to, for the breadcrumbs (not on the draft's own page). */
  draft?: Pick<RevisionHeader, "id" | "number">;
  notice?: string;
  children: Child;
}) {
  // 職員ホーム › 計画の編集 › 第N版の下書き › (this page); the overview itself is 計画の編集.
  const trail = props.title === OVERVIEW_TITLE ? [] : [{ href: planBase(props.municipality), label: OVERVIEW_TITLE }];
  if (props.draft) trail.push({ href: draftBase(props.municipality, props.draft.id), label: `第${props.draft.number}版の下書き` });
  return (
    <StaffPage
      municipality={props.municipality}
      title={props.title}
      errors={props.errors}
      signedIn={{ ...props.staff, ready: true }}
      section="plan"
      trail={trail}
    >
      <ErrorSummary errors={props.errors ?? []} />
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.children}
    </StaffPage>
  );
}

/** A draft-editing form: hidden lock version, 保存 first (so Enter saves) and last, problems of the whole form. */
export function DraftForm(props: { action: string; csrfToken: string; state: EditState; children: Child }) {
  const { state } = props;
  const general = state.errors.filter((e) => e.field === FORM_ID);
  return (
    <>
      {state.closed ? (
        <div class="notice" role="alert">
          <p>{state.closed}</p>
          <p>入力した内容は下に残っています。必要な部分を控えてから、計画の編集のページに戻ってください。</p>
        </div>
      ) : null}
      {state.conflict ? <ConflictNotice conflict={state.conflict} /> : null}
      <form method="post" action={props.action} id={FORM_ID} novalidate>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="lockVersion" value={String(state.lockVersion)} />
        {general.length > 0 ? (
          <ul class="field-error">
            {general.map((e) => (
              <li>{e.message}</li>
            ))}
          </ul>
        ) : null}
        <p>
          <SaveButton />
        </p>
        {props.children}
        <p>
          <SaveButton />
        </p>
      </form>
    </>
  );
}

const SaveButton = () => (
  <button type="submit" class="button" name={ACTION_FIELD} value="save">
    下書きに保存
  </button>
);

/**
 * A button that adds, removes or moves a row and shows the form again (nothing
 * is saved). `context` is read out before the label (「KPI 1を」削除) so each
 * button is distinguishable to a screen reader.
 */
export function RowButton(props: { action: string; label: string; context?: string }) {
  return (
    <button type="submit" class="button button-secondary button-small" name={ACTION_FIELD} value={props.action}>
      {props.context ? <span class="visually-hidden">{props.context}</span> : null}
      {props.label}
    </button>
  );
}

function ConflictNotice(props: { conflict: NonNullable<EditState["conflict"]> }) {
  return (
    <div class="notice" role="alert">
      <h2>ほかの人がこの下書きを保存しました</h2>
      <p>{props.conflict.message}</p>
      <p>
        あなたの入力は消えずに下のフォームに残っています。もう一度「下書きに保存」を押すと、この部分はあなたの入力で上書きされます（ほかの部分の変更はそのまま残ります）。
      </p>
      {props.conflict.changes.length === 0 ? (
        <p>最新の下書きとあなたの入力に違いはありません。</p>
      ) : (
        <ChangeTable changes={props.conflict.changes} caption="最新の下書き（変更前）と、あなたの入力（変更後）の違い" level={3} />
      )}
    </div>
  );
}

/** Changes as old → new rows, one table per part of the plan. */
export function ChangeTable(props: {
  changes: readonly PlanChange[];
  caption: string;
  /** The level of each part's heading, one below the heading the tables sit under. */
  level: 2 | 3;
  link?: (initiativeNumber: number) => string;
}) {
  const Heading = props.level === 2 ? "h2" : "h3";
  return (
    <>
      {groupBySection(props.changes).map(({ section, changes }) => (
        <section>
          <Heading>
            {section.initiativeNumber !== undefined && props.link ? <a href={props.link(section.initiativeNumber)}>{section.label}</a> : section.label}
          </Heading>
          <TableWrap label={`${section.label}の変更`}>
            <ChangeRowsTable caption={`${props.caption}: ${section.label}（${changes.length}件）`} changes={changes} />
          </TableWrap>
        </section>
      ))}
    </>
  );
}
