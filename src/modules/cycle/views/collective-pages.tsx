/**
 * The secretariat resolves 「関係各課」「各システム担当課」 to divisions, per
 * initiative: those divisions may then contribute to the initiative's report.
 * (「全部局」 needs nothing: it is every division.)
 */
import type { FieldError } from "../../../core/http/form.ts";
import { errorFor } from "../../../core/http/form.ts";
import { CheckboxGroup, CsrfField, ErrorSummary } from "../../../core/views/forms.tsx";
import { TableWrap } from "../../../core/views/layout.tsx";
import type { StaffUser } from "../../accounts/user.ts";
import { StaffPage } from "../../accounts/views/staff-page.tsx";
import { COLLECTIVE_LABELS, type Initiative } from "../../plan/plan.ts";
import { type Municipality } from "../../tenancy/municipality.ts";
import { resolvableCollectives, type CollectiveMembers } from "../domain/responsibility.ts";
import type { DivisionRef } from "../repository/cycle-queries.ts";
import { Notice } from "./fields.tsx";
import { collectivesPath, cyclesCrumb } from "./paths.ts";

type Staff = { user: StaffUser; csrfToken: string };

export function CollectivesPage(props: {
  municipality: Municipality;
  staff: Staff;
  initiatives: { initiative: Initiative; members: CollectiveMembers }[];
  divisions: DivisionRef[];
}) {
  const m = props.municipality;
  const names = new Map(props.divisions.map((d) => [d.id, d.name]));
  return (
    <StaffPage municipality={m} title="関係各課などの構成課" signedIn={{ ...props.staff, ready: true }} section="cycles" trail={cyclesCrumb(m)}>
      <h1>関係各課などの構成課</h1>
      <p>
        担当に「関係各課」「各システム担当課」とある取組項目について、どの課が該当するかを設定します。設定した課は、その取組項目の報告に関係課として記録を入力できます。「全部局」はすべての課を指します。
      </p>
      <TableWrap label="構成課の設定状況">
        <table>
          <caption>構成課の設定状況</caption>
          <thead>
            <tr>
              <th scope="col">取組項目</th>
              <th scope="col">構成課</th>
            </tr>
          </thead>
          <tbody>
            {props.initiatives.map(({ initiative, members }) => (
              <tr>
                <th scope="row">
                  <a href={`${collectivesPath(m)}/${initiative.number}`}>
                    {initiative.number} {initiative.title}
                  </a>
                </th>
                <td>
                  {resolvableCollectives(initiative).map((kind) => {
                    const ids = members.get(kind) ?? [];
                    return (
                      <p>
                        {COLLECTIVE_LABELS[kind]}: {ids.length > 0 ? ids.map((id) => names.get(id)).join("、") : "未設定"}
                      </p>
                    );
                  })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </StaffPage>
  );
}

export function CollectiveFormPage(props: {
  municipality: Municipality;
  staff: Staff;
  initiative: Initiative;
  members: CollectiveMembers;
  divisions: DivisionRef[];
  notice?: string;
  errors?: FieldError[];
}) {
  const m = props.municipality;
  const errors = props.errors ?? [];
  const title = `取組項目${props.initiative.number}の構成課`;
  return (
    <StaffPage
      municipality={m}
      title={title}
      errors={errors}
      signedIn={{ ...props.staff, ready: true }}
      section="cycles"
      trail={[...cyclesCrumb(m), { href: collectivesPath(m), label: "関係各課などの構成課" }]}
    >
      <ErrorSummary errors={errors} />
      <Notice message={props.notice} />
      <h1>{title}</h1>
      <p>
        {props.initiative.number} {props.initiative.title}
      </p>
      <form method="post" action={`${collectivesPath(m)}/${props.initiative.number}`}>
        <CsrfField token={props.staff.csrfToken} />
        {resolvableCollectives(props.initiative).map((kind) => (
          <CheckboxGroup
            idPrefix={kind}
            name={kind}
            legend={COLLECTIVE_LABELS[kind]}
            error={errorFor(errors, `${kind}-0`)}
            options={props.divisions.map((d) => ({ value: String(d.id), label: d.name, checked: (props.members.get(kind) ?? []).includes(d.id) }))}
          />
        ))}
        <button type="submit" class="button">
          保存する
        </button>
      </form>
    </StaffPage>
  );
}
