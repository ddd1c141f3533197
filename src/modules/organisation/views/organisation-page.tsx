/** 組織管理: the bureaus and their divisions, and forms to add a bureau or a division. */
import type { FieldError } from "../../../core/http/form.ts";
import { CsrfField, ErrorSummary, SelectField, TextField } from "../../../core/views/forms.tsx";
import { TableWrap } from "../../../core/views/layout.tsx";
import { StaffPage } from "../../accounts/views/staff-page.tsx";
import type { Municipality } from "../../tenancy/municipality.ts";
import { ORGANISATION_FIELDS as F } from "../forms.ts";
import type { Bureau, DivisionEntry, OrganisationChart } from "../organisation.ts";
import { bureauOptions, organisationBase, type Staff } from "./organisation-views.tsx";

export type ChartNotice = "bureau_created" | "bureau_deleted" | "division_deleted";

const NOTICES: Record<ChartNotice, string> = {
  bureau_created: "部局を追加しました。",
  bureau_deleted: "部局を削除しました。",
  division_deleted: "課を削除しました。",
};

export function OrganisationPage(props: {
  municipality: Municipality;
  staff: Staff;
  chart: OrganisationChart;
  notice?: ChartNotice;
  errors?: FieldError[];
  values?: { bureauName?: string; divisionName?: string; divisionBureau?: string };
}) {
  const errors = props.errors ?? [];
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const base = organisationBase(props.municipality);
  const bureaus: Bureau[] = props.chart.bureaus;
  return (
    <StaffPage
      municipality={props.municipality}
      title="組織管理"
      errors={errors}
      signedIn={{ ...props.staff, ready: true }}
      section="organisation"
      trail={[]}
    >
      <ErrorSummary errors={errors} />
      {props.notice ? (
        <p class="notice" role="status">
          {NOTICES[props.notice]}
        </p>
      ) : null}
      <h1>組織管理</h1>
      <p>部局と課を登録します。課は取組項目の担当と、職員の所属に使われます。</p>
      <p>
        <a href={`/${props.municipality.lgCode}/staff/profile`}>自治体の情報（市民向けページに表示する問い合わせ先・計画の策定日）</a>
      </p>
      {props.chart.bureaus.map((b) => (
        <section>
          <h2>
            <a href={`${base}/bureaus/${b.id}`}>{b.name}</a>
          </h2>
          <DivisionTable municipality={props.municipality} caption={`${b.name}の課`} divisions={b.divisions} />
        </section>
      ))}
      <section>
        <h2>部局が未設定の課</h2>
        <DivisionTable municipality={props.municipality} caption="部局が未設定の課" divisions={props.chart.unassigned} />
      </section>
      <h2>部局を追加</h2>
      <form method="post" action={`${base}/bureaus`} novalidate>
        <CsrfField token={props.staff.csrfToken} />
        <TextField id={F.bureauName} name="name" label="部局の名称" value={props.values?.bureauName} error={error(F.bureauName)} hint="例: 総務部" />
        <button type="submit" class="button">
          部局を追加
        </button>
      </form>
      <h2>課を追加</h2>
      <form method="post" action={`${base}/divisions`} novalidate>
        <CsrfField token={props.staff.csrfToken} />
        <TextField id={F.divisionName} name="name" label="課の名称" value={props.values?.divisionName} error={error(F.divisionName)} hint="例: デジタル推進課" />
        <SelectField
          id={F.divisionBureau}
          name="bureauId"
          label="部局"
          options={bureauOptions(bureaus)}
          value={props.values?.divisionBureau}
          error={error(F.divisionBureau)}
        />
        <button type="submit" class="button">
          課を追加
        </button>
      </form>
    </StaffPage>
  );
}

function DivisionTable(props: { municipality: Municipality; caption: string; divisions: DivisionEntry[] }) {
  if (props.divisions.length === 0) return <p>登録されている課はありません。</p>;
  const base = organisationBase(props.municipality);
  return (
    <TableWrap label={props.caption}>
      <table>
        <caption>
          {props.caption}（{props.divisions.length}課）
        </caption>
        <thead>
          <tr>
            <th scope="col">課</th>
            <th scope="col" class="num">
              所属する職員
            </th>
            <th scope="col" class="num">
              担当する取組項目
            </th>
          </tr>
        </thead>
        <tbody>
          {props.divisions.map((d) => (
            <tr>
              <th scope="row">
                <a href={`${base}/divisions/${d.id}`}>{d.name}</a>
              </th>
              <td class="num">{d.memberCount}人</td>
              <td class="num">{d.initiativeCount}件</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
