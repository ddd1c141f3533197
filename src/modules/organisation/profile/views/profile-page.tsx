/**
 * 自治体の情報: the contact for the plan, the city's site and the plan's
 * adoption date, as every public page's footer shows them. The secretariat
 * and administrators edit it; every field may be left blank.
 */
import type { FieldError } from "../../../../core/http/form.ts";
import { errorFor } from "../../../../core/http/form.ts";
import { warekiDateWithWestern } from "../../../../core/format/wareki-date.ts";
import { CsrfField, ErrorSummary, TextField } from "../../../../core/views/forms.tsx";
import type { StaffUser } from "../../../accounts/user.ts";
import { StaffPage } from "../../../accounts/views/staff-page.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import { PROFILE_FIELD_IDS as F, type ProfileValues } from "../profile-form.ts";
import { organisationCrumb } from "../../views/organisation-views.tsx";

export const profilePath = (m: Pick<Municipality, "lgCode">) => `/${m.lgCode}/staff/profile`;

export function ProfilePage(props: {
  municipality: Municipality;
  staff: { user: StaffUser; csrfToken: string };
  values: ProfileValues;
  /** The plan file's adoption, used when the field is blank. */
  planFileAdoption: string | null;
  errors?: FieldError[];
  notice?: string;
}) {
  const m = props.municipality;
  const errors = props.errors ?? [];
  const v = props.values;
  return (
    <StaffPage municipality={m} title="自治体の情報（問い合わせ先）" errors={errors} signedIn={{ ...props.staff, ready: true }} section="organisation" trail={organisationCrumb(m)}>
      <ErrorSummary errors={errors} />
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <h1>自治体の情報（問い合わせ先）</h1>
      <p>市民向けのすべてのページの下部（フッター）に「お問い合わせ」として表示されます。空欄の項目は表示されません。</p>
      <form method="post" action={profilePath(m)} novalidate>
        <CsrfField token={props.staff.csrfToken} />
        <fieldset>
          <legend>計画についての問い合わせ先</legend>
          <TextField id={F.division!} name="division" label="担当課" hint="例: 徳島市 企画政策局 デジタル推進課" value={v.division} error={errorFor(errors, F.division!)} autocomplete="organization" />
          <TextField id={F.phone!} name="phone" label="電話番号" hint="例: 088-621-5111（市外局番からハイフンで区切る）" value={v.phone} error={errorFor(errors, F.phone!)} autocomplete="tel" />
          <TextField id={F.email!} name="email" label="メールアドレス" hint="例: digital@city.example.lg.jp" value={v.email} error={errorFor(errors, F.email!)} type="email" autocomplete="email" inputmode="email" />
          <TextField id={F.address!} name="address" label="所在地" hint="例: 〒770-8571 徳島市幸町2丁目5番地" value={v.address} error={errorFor(errors, F.address!)} autocomplete="street-address" />
        </fieldset>
        <TextField id={F.siteUrl!} name="siteUrl" label="市のホームページのアドレス" hint="例: https://www.city.tokushima.tokushima.jp/" value={v.siteUrl} error={errorFor(errors, F.siteUrl!)} autocomplete="url" />
        <TextField
          id={F.planAdoptedOn!}
          name="planAdoptedOn"
          label="計画の策定日"
          hint={`例: 2022-03-31（日が不明なら 2022-03）。空欄なら計画データの策定日（${props.planFileAdoption ? warekiDateWithWestern(props.planFileAdoption) : "記載なし"}）を表示します。変更履歴の最初の項目（計画の策定）にも使われます。`}
          value={v.planAdoptedOn}
          error={errorFor(errors, F.planAdoptedOn!)}
          inputmode="numeric"
        />
        <button type="submit" class="button">
          保存する
        </button>
      </form>
    </StaffPage>
  );
}
