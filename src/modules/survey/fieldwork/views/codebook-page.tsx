/** The codebook: every question's code, kind and options with their codes, NA and INVALID included. */
import { TableWrap } from "../../../../core/views/layout.tsx";
import { StaffPage } from "../../../accounts/views/staff-page.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import { INVALID_ANSWER, NO_ANSWER, SPECIAL_OPTION_LABELS, type SurveyDefinition } from "../../domain/definition.ts";
import { rangeText } from "../domain/answers.ts";
import { ATTRIBUTE_LABELS, KIND_LABELS } from "../domain/question-edit.ts";
import type { SurveyRecord } from "../repository/survey-queries.ts";
import { surveyPath, surveysPath } from "./paths.ts";
import type { Staff } from "./survey-list-page.tsx";

export function CodebookPage(props: { municipality: Municipality; staff: Staff; survey: SurveyRecord; version: number | undefined; definition: SurveyDefinition | undefined }) {
  const m = props.municipality;
  return (
    <StaffPage
      municipality={m}
      title={`コードブック（${props.survey.title}）`}
      signedIn={{ ...props.staff, ready: true }}
      section="surveys"
      trail={[{ href: surveysPath(m), label: "市民アンケート" }, { href: surveyPath(m, props.survey.code), label: props.survey.title }]}
    >
      <h1>コードブック（{props.survey.title}）</h1>
      {!props.definition ? (
        <p>調査票がまだありません。</p>
      ) : (
        <>
          <p>
            調査票 第{props.version}版。どの選択式の設問にも、無回答（{NO_ANSWER}）と無効回答（{INVALID_ANSWER}）のコードがあります。数値・自由記述の無回答も {NO_ANSWER} です。
          </p>
          <TableWrap label="コードブック">
            <table>
              <caption>コードブック（第{props.version}版）</caption>
              <thead>
                <tr>
                  <th scope="col">設問コード</th>
                  <th scope="col">番号</th>
                  <th scope="col">設問</th>
                  <th scope="col">種類</th>
                  <th scope="col">値（コード: 意味）</th>
                </tr>
              </thead>
              <tbody>
                {props.definition.sections.flatMap((section) =>
                  section.questions.map((q) => (
                    <tr>
                      <th scope="row">{q.code}</th>
                      <td>問{q.number}</td>
                      <td>
                        {section.title}：{q.text}
                      </td>
                      <td>
                        {KIND_LABELS[q.kind]}
                        {q.kind === "single" && q.attribute ? `（回答者属性: ${ATTRIBUTE_LABELS[q.attribute]}）` : ""}
                        {q.kind === "multiple" && q.maxChoices ? `（${q.maxChoices}つまで）` : ""}
                      </td>
                      <td>
                        {"options" in q ? (
                          <ul>
                            {q.options.map((o) => (
                              <li>
                                {o.code}: {o.label}
                                {o.allowsText ? "（記述あり）" : ""}
                              </li>
                            ))}
                            <li>
                              {NO_ANSWER}: {SPECIAL_OPTION_LABELS[NO_ANSWER]}
                            </li>
                            <li>
                              {INVALID_ANSWER}: {SPECIAL_OPTION_LABELS[INVALID_ANSWER]}
                            </li>
                          </ul>
                        ) : q.kind === "numeric" ? (
                          `数値${q.unit ? `（${q.unit}）` : ""}${rangeText(q) ? `、${rangeText(q)}` : ""}`
                        ) : (
                          `文字（${q.maxLength ?? 2000}字まで、公表しません）`
                        )}
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </StaffPage>
  );
}
