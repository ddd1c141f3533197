/**
 * 市民アンケートの読み取りの確認: the places where a published survey's stored
 * text is a reading of the printed report (a transcription artefact
 * corrected) and the finding ↔ initiative links the report does not state,
 * for the secretariat to check against the report and confirm one by one.
 */
import { CsrfField } from "../../../../core/views/forms.tsx";
import { TableWrap } from "../../../../core/views/layout.tsx";
import type { StaffUser } from "../../../accounts/user.ts";
import { StaffPage } from "../../../accounts/views/staff-page.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import type { SurveyReadingRow } from "../repository/evidence-queries.ts";

export const surveyReadingsPath = (m: Pick<Municipality, "lgCode">) => `/${m.lgCode}/staff/surveys/readings`;
export const readingValue = (r: Pick<SurveyReadingRow, "surveyId" | "key">) => `${r.surveyId}:${r.key}`;

const dayLabel = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", year: "numeric", month: "long", day: "numeric" });

export function SurveyReadingsPage(props: { municipality: Municipality; staff: { user: StaffUser; csrfToken: string }; rows: SurveyReadingRow[]; notice?: string }) {
  const m = props.municipality;
  const open = props.rows.filter((r) => !r.confirmedAt).length;
  const caption = "市民アンケートの読み取りの一覧";
  return (
    <StaffPage municipality={m} title="市民アンケートの読み取りの確認" signedIn={{ ...props.staff, ready: true }} section="plan" trail={[{ href: `/${m.lgCode}/staff/plan`, label: "計画の編集" }]}>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <h1>市民アンケートの読み取りの確認</h1>
      <p>
        公表された市民アンケートを転記したときに、印字から読み取って直した文言と、計画書に明記されていない課題と取組項目の対応です。計画書（PDF）と照合し、正しければ「確認した」を押してください。確認するまで、市民向けページでは「確認中」と表示されます。誤っていた場合は、調査データファイルを直して読み込み直してください。
      </p>
      <p>
        <strong>
          確認待ち {open}件、確認済み {props.rows.length - open}件（全{props.rows.length}件）
        </strong>
      </p>
      {props.rows.length === 0 ? (
        <p>確認する読み取りはありません。</p>
      ) : (
        <TableWrap label={caption}>
          <table>
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">箇所</th>
                <th scope="col">印字</th>
                <th scope="col">読み取り</th>
                <th scope="col">根拠</th>
                <th scope="col">状態</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <th scope="row">
                    {r.place}
                    <span class="note">（{r.surveyTitle}）</span>
                  </th>
                  <td>{r.printed}</td>
                  <td>{r.reading}</td>
                  <td>{r.note ?? "（記載なし）"}</td>
                  <td>
                    {r.confirmedAt ? (
                      `確認済み（${dayLabel.format(r.confirmedAt)}${r.confirmedBy ? `、${r.confirmedBy}` : ""}）`
                    ) : (
                      <form method="post" action={`${surveyReadingsPath(m)}/confirm`} class="inline-form">
                        <CsrfField token={props.staff.csrfToken} />
                        <input type="hidden" name="reading" value={readingValue(r)} />
                        <button type="submit" class="button button-secondary">
                          確認した<span class="visually-hidden">（{r.place}）</span>
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </StaffPage>
  );
}
