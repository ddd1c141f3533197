/**
 * One division (課): its bureau, its staff, renaming it, and deleting it when
 * nothing refers to it. A division named by an initiative can only be renamed.
 */
import type { FieldError } from "../../../core/http/form.ts";
import { CsrfField, ErrorSummary, SelectField, TextField } from "../../../core/views/forms.tsx";
import { StaffPage } from "../../accounts/views/staff-page.tsx";
import type { StaffUser } from "../../accounts/user.ts";
import type { Municipality } from "../../tenancy/municipality.ts";
import { ORGANISATION_FIELDS as F } from "../forms.ts";
import type { Bureau, DivisionEntry, DivisionReferences, Member } from "../organisation.ts";
import { bureauOptions, organisationBase, organisationCrumb, type Staff } from "./organisation-views.tsx";

export type DivisionNotice = "created" | "renamed" | "bureau_changed" | "member_added" | "member_removed";

const NOTICES: Record<DivisionNotice, string> = {
  created: "課を追加しました。",
  renamed: "課の名称を変更しました。編集中の下書きの担当課も新しい名称になりました。",
  bureau_changed: "部局を変更しました。",
  member_added: "職員の所属を変更しました。",
  member_removed: "職員をこの課の所属から外しました。",
};

export function DivisionPage(props: {
  municipality: Municipality;
  staff: Staff;
  division: DivisionEntry;
  bureaus: Bureau[];
  members: Member[];
  /** Staff of the municipality who can be added (not in this division). */
  candidates: StaffUser[];
  references: DivisionReferences;
  notice?: DivisionNotice;
  errors?: FieldError[];
  typedName?: string;
}) {
  const { division, references: refs } = props;
  const errors = props.errors ?? [];
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const action = `${organisationBase(props.municipality)}/divisions/${division.id}`;
  const referenced = refs.initiatives.length > 0 || refs.drafts > 0;
  return (
    <StaffPage
      municipality={props.municipality}
      title={division.name}
      errors={errors}
      signedIn={{ ...props.staff, ready: true }}
      section="organisation"
      trail={organisationCrumb(props.municipality)}
    >
      <ErrorSummary errors={errors} />
      {props.notice ? (
        <p class="notice" role="status">
          {NOTICES[props.notice]}
        </p>
      ) : null}
      <h1>{division.name}</h1>
      <dl class="summary-list">
        <div>
          <dt>部局</dt>
          <dd>{division.bureau?.name ?? "（未設定）"}</dd>
        </div>
        <div>
          <dt>担当する取組項目</dt>
          <dd>
            {refs.initiatives.length === 0
              ? "なし"
              : refs.initiatives.map((i) => `取組項目${i.number} ${i.title}（${i.planCode}）`).join("、")}
          </dd>
        </div>
      </dl>

      <h2>名称の変更</h2>
      <form method="post" action={`${action}/rename`} novalidate>
        <CsrfField token={props.staff.csrfToken} />
        <TextField
          id={F.rename}
          name="name"
          label="課の名称"
          value={props.typedName ?? division.name}
          error={error(F.rename)}
          hint="公開中の計画のページには新しい名称が表示されます。公開済みの版（変更履歴）は当時の名称のままです。"
        />
        <button type="submit" class="button">
          名称を変更
        </button>
      </form>

      <h2>部局</h2>
      <form method="post" action={`${action}/bureau`}>
        <CsrfField token={props.staff.csrfToken} />
        <SelectField
          id={F.bureau}
          name="bureauId"
          label="この課の部局"
          options={bureauOptions(props.bureaus)}
          value={division.bureau ? String(division.bureau.id) : ""}
          error={error(F.bureau)}
        />
        <button type="submit" class="button">
          部局を設定
        </button>
      </form>

      <h2>所属する職員</h2>
      {props.members.length === 0 ? (
        <p>この課に所属する職員はいません。</p>
      ) : (
        <ul>
          {props.members.map((m) => (
            <li>
              <form method="post" action={`${action}/members/${m.id}/remove`}>
                <CsrfField token={props.staff.csrfToken} />
                {m.displayName}（{m.loginId}）{" "}
                <button type="submit" class="button button-secondary button-small">
                  <span class="visually-hidden">{m.displayName}を</span>所属から外す
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {props.candidates.length > 0 ? (
        <form method="post" action={`${action}/members`}>
          <CsrfField token={props.staff.csrfToken} />
          <SelectField
            id={F.member}
            name="userId"
            label="この課に所属させる職員"
            hint="ほかの課に所属している職員は、この課に所属が変わります。"
            options={[
              { value: "", label: "（職員を選んでください）" },
              ...props.candidates.map((u) => ({
                value: String(u.id),
                label: `${u.displayName}（${u.loginId}）${u.division ? ` — 現在: ${u.division.name}` : ""}`,
              })),
            ]}
            error={error(F.member)}
          />
          <button type="submit" class="button">
            所属させる
          </button>
        </form>
      ) : null}

      <h2 id={F.delete}>課の削除</h2>
      {error(F.delete) ? <p class="field-error">{error(F.delete)}</p> : null}
      {referenced ? (
        <p>
          この課は取組項目の担当に指定されている
          {refs.drafts > 0 ? "（編集中の下書きを含む）" : ""}
          ため削除できません。組織の改編で名称が変わった場合は、上の「名称の変更」を使ってください。
        </p>
      ) : refs.members > 0 ? (
        <p>所属する職員がいる課は削除できません。先に職員の所属を変更してください。</p>
      ) : (
        <form method="post" action={`${action}/delete`}>
          <CsrfField token={props.staff.csrfToken} />
          <button type="submit" class="button button-secondary">
            この課を削除
          </button>
        </form>
      )}
    </StaffPage>
  );
}
