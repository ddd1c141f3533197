/**
 * 調査の概要: purpose, population, period, answer deadline and the contact
 * printed on the letters. Dates may be typed as an office writes them
 * (令和9年7月14日, R9.7.14, 2027/7/14); shown back in 和暦 with the Western date.
 */
import { errorFor, type FieldError } from "../../../../core/http/form.ts";
import { CsrfField, ErrorSummary, TextArea, TextField } from "../../../../core/views/forms.tsx";
import { StaffPage } from "../../../accounts/views/staff-page.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import { DETAIL_FIELDS, DETAIL_LABELS } from "../domain/survey-details.ts";
import type { SurveyDetails, SurveyRecord } from "../repository/survey-queries.ts";
import { surveyPath, surveysPath } from "./paths.ts";
import type { Staff } from "./survey-list-page.tsx";

type Typed = Partial<Record<keyof SurveyDetails, string>>;

export function DetailsPage(props: { municipality: Municipality; staff: Staff; survey: SurveyRecord; typed?: Typed; errors?: FieldError[] }) {
  const m = props.municipality;
  const s = props.survey;
  const errors = props.errors ?? [];
  const base = surveyPath(m, s.code);
  const value = (key: keyof SurveyDetails) => props.typed?.[key] ?? s[key] ?? "";
  const date = (key: "periodStart" | "periodEnd" | "answerDeadline", required?: boolean) => (
    <TextField
      id={DETAIL_FIELDS[key]}
      name={key}
      label={DETAIL_LABELS[key]}
      hint="例: 令和9年7月14日、R9.7.14、2027/7/14、2027-07-14"
      required={required}
      value={value(key)}
      error={errorFor(errors, DETAIL_FIELDS[key])}
    />
  );
  return (
    <StaffPage
      municipality={m}
      title={`調査の概要の編集（${s.title}）`}
      errors={errors}
      signedIn={{ ...props.staff, ready: true }}
      section="surveys"
      trail={[{ href: surveysPath(m), label: "市民アンケート" }, { href: base, label: s.title }]}
    >
      <h1>調査の概要の編集（{s.title}）</h1>
      <ErrorSummary errors={errors} />
      <p>回答期限とお問い合わせ先は依頼状に印刷されます。変えたときは依頼状を作り直してください。空欄の項目は「未設定」になります。</p>
      <form method="post" action={`${base}/details`} novalidate>
        <CsrfField token={props.staff.csrfToken} />
        <TextArea id={DETAIL_FIELDS.purpose} name="purpose" label={DETAIL_LABELS.purpose} rows={3} maxlength={2000} value={value("purpose")} error={errorFor(errors, DETAIL_FIELDS.purpose)} />
        <TextField
          id={DETAIL_FIELDS.population}
          name="population"
          label={DETAIL_LABELS.population}
          hint="例: 市内在住の18歳以上の方 1,300人（住民基本台帳から地区・年齢で無作為抽出）"
          value={value("population")}
          error={errorFor(errors, DETAIL_FIELDS.population)}
        />
        {date("periodStart")}
        {date("periodEnd")}
        {date("answerDeadline")}
        <TextArea
          id={DETAIL_FIELDS.contact}
          name="contact"
          label={DETAIL_LABELS.contact}
          hint="担当課・電話番号・メールアドレスなど、依頼状の「お問い合わせ」に印刷する内容"
          rows={3}
          maxlength={500}
          value={value("contact")}
          error={errorFor(errors, DETAIL_FIELDS.contact)}
        />
        <button type="submit" class="button">保存する</button>
      </form>
    </StaffPage>
  );
}
