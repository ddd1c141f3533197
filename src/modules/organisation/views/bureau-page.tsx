/** One bureau (部局): its divisions, renaming it, deleting it while it has none. */
import type { FieldError } from "../../../core/http/form.ts";
import { CsrfField, ErrorSummary, TextField } from "../../../core/views/forms.tsx";
import { StaffPage } from "../../accounts/views/staff-page.tsx";
import type { Municipality } from "../../tenancy/municipality.ts";
import { ORGANISATION_FIELDS as F } from "../forms.ts";
import type { Bureau, DivisionEntry } from "../organisation.ts";
import { organisationBase, organisationCrumb, type Staff } from "./organisation-views.tsx";

export type BureauNotice = "renamed";

export function BureauPage(props: {
  municipality: Municipality;
  staff: Staff;
  bureau: Bureau;
  divisions: DivisionEntry[];
  notice?: BureauNotice;
  errors?: FieldError[];
  typedName?: string;
}) {
  const errors = props.errors ?? [];
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const base = organisationBase(props.municipality);
  const action = `${base}/bureaus/${props.bureau.id}`;
  return (
    <StaffPage
      municipality={props.municipality}
      title={props.bureau.name}
      errors={errors}
      signedIn={{ ...props.staff, ready: true }}
      section="organisation"
      trail={organisationCrumb(props.municipality)}
    >
      <ErrorSummary errors={errors} />
      {props.notice === "renamed" ? (
        <p class="notice" role="status">
          部局の名称を変更しました。
        </p>
      ) : null}
      <h1>{props.bureau.name}</h1>
      <h2>この部局の課</h2>
      {props.divisions.length === 0 ? (
        <p>この部局の課はまだありません。課のページで部局を設定してください。</p>
      ) : (
        <ul>
          {props.divisions.map((d) => (
            <li>
              <a href={`${base}/divisions/${d.id}`}>{d.name}</a>
            </li>
          ))}
        </ul>
      )}
      <h2>名称の変更</h2>
      <form method="post" action={`${action}/rename`} novalidate>
        <CsrfField token={props.staff.csrfToken} />
        <TextField id={F.rename} name="name" label="部局の名称" value={props.typedName ?? props.bureau.name} error={error(F.rename)} />
        <button type="submit" class="button">
          名称を変更
        </button>
      </form>
      <h2 id={F.delete}>部局の削除</h2>
      {error(F.delete) ? <p class="field-error">{error(F.delete)}</p> : null}
      {props.divisions.length === 0 ? (
        <form method="post" action={`${action}/delete`}>
          <CsrfField token={props.staff.csrfToken} />
          <button type="submit" class="button button-secondary">
            この部局を削除
          </button>
        </form>
      ) : (
        <p>課がある部局は削除できません。先に各課の部局を変更してください。</p>
      )}
    </StaffPage>
  );
}
