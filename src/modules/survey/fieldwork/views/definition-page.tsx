/**
 * 調査票: the questionnaire by section, a form per question (add or edit;
 * works without JavaScript), a delete button per question, the whole
 * questionnaire as YAML/JSON for large edits, and the saved versions.
 * Once fieldwork has started the page only shows the frozen version.
 */
import { errorFor, type FieldError } from "../../../../core/http/form.ts";
import { CsrfField, ErrorSummary, SelectField, TextArea, TextField } from "../../../../core/views/forms.tsx";
import { TableWrap } from "../../../../core/views/layout.tsx";
import { StaffPage } from "../../../accounts/views/staff-page.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import type { SurveyDefinition, SurveyQuestion } from "../../domain/definition.ts";
import { optionsToText } from "../domain/definition-text.ts";
import { ATTRIBUTE_LABELS, KIND_LABELS, NEW_SECTION, QUESTION_FIELDS as F } from "../domain/question-edit.ts";
import type { SurveyRecord } from "../repository/survey-queries.ts";
import { dateTimeLabel, surveyPath, surveysPath } from "./paths.ts";
import type { Staff } from "./survey-list-page.tsx";

export const TEXT_FIELD_ID = "definition-text";

export type DefinitionPageProps = {
  municipality: Municipality;
  staff: Staff;
  survey: SurveyRecord;
  current: { version: number; definition: SurveyDefinition } | undefined;
  history: { version: number; createdAt: Date; createdBy: string | null }[];
  editable: boolean;
  /** The question being edited (its code), if any. */
  editing?: SurveyQuestion;
  /** What was typed in the question form (after an error), by field name. */
  typed?: Record<string, string>;
  yamlText: string;
  errors?: FieldError[];
  notice?: string;
};

function questionValues(q: SurveyQuestion | undefined, sectionCode: string | undefined): Record<string, string> {
  if (!q) return { section: sectionCode ?? NEW_SECTION, kind: "single" };
  return {
    section: sectionCode ?? "",
    code: q.code,
    number: q.number,
    text: q.text,
    kind: q.kind,
    required: q.required ? "on" : "",
    attribute: q.kind === "single" ? (q.attribute ?? "") : "",
    options: "options" in q ? optionsToText(q.options) : "",
    maxChoices: q.kind === "multiple" && q.maxChoices !== undefined ? String(q.maxChoices) : "",
    min: q.kind === "numeric" && q.min !== undefined ? String(q.min) : "",
    max: q.kind === "numeric" && q.max !== undefined ? String(q.max) : "",
    unit: q.kind === "numeric" ? (q.unit ?? "") : "",
    maxLength: q.kind === "text" && q.maxLength !== undefined ? String(q.maxLength) : "",
  };
}

export function DefinitionPage(props: DefinitionPageProps) {
  const m = props.municipality;
  const base = surveyPath(m, props.survey.code);
  const errors = props.errors ?? [];
  const definition = props.current?.definition;
  const sectionOf = (code: string) => definition?.sections.find((s) => s.questions.some((q) => q.code === code))?.code;
  const v = props.typed ?? questionValues(props.editing, props.editing ? sectionOf(props.editing.code) : definition?.sections.at(-1)?.code);
  const basedOn = props.current ? String(props.current.version) : "";
  return (
    <StaffPage
      municipality={m}
      title={`調査票（${props.survey.title}）`}
      errors={errors}
      signedIn={{ ...props.staff, ready: true }}
      section="surveys"
      trail={[{ href: surveysPath(m), label: "市民アンケート" }, { href: base, label: props.survey.title }]}
    >
      <h1>調査票（{props.survey.title}）</h1>
      <ErrorSummary errors={errors} />
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p>
        {props.current ? `第${props.current.version}版` : "まだ設問がありません。"}
        {props.editable ? "保存するたびに新しい版になります。実査を始めると確定し、変更できなくなります。" : "実査を始めたため確定しています。"}{" "}
        <a href={`${base}/codebook`}>コードブック</a>
      </p>
      {definition?.sections.map((section, s) => (
        <TableWrap label={`第${s + 1}部 ${section.title}`}>
          <table>
            <caption>
              第{s + 1}部 {section.title}（コード {section.code}）
            </caption>
            <thead>
              <tr>
                <th scope="col">番号</th>
                <th scope="col">設問</th>
                <th scope="col">種類</th>
                <th scope="col">選択肢</th>
                {props.editable ? <th scope="col">操作</th> : null}
              </tr>
            </thead>
            <tbody>
              {section.questions.map((q) => (
                <tr>
                  <th scope="row">問{q.number}</th>
                  <td>
                    {q.text}
                    {q.required ? "（必須）" : ""}
                  </td>
                  <td>
                    {KIND_LABELS[q.kind]}
                    {q.kind === "single" && q.attribute ? `・回答者属性（${ATTRIBUTE_LABELS[q.attribute]}）` : ""}
                  </td>
                  <td>{"options" in q ? q.options.map((o, i) => `${i + 1}. ${o.label}${o.allowsText ? "（記述）" : ""}`).join(" ／ ") : "－"}</td>
                  {props.editable ? (
                    <td>
                      <a href={`${base}/definition?question=${encodeURIComponent(q.code)}#question-form`}>
                        編集<span class="visually-hidden">（問{q.number}）</span>
                      </a>
                      <form method="post" action={`${base}/definition/delete`} class="inline-form">
                        <CsrfField token={props.staff.csrfToken} />
                        <input type="hidden" name="question" value={q.code} />
                        <input type="hidden" name="basedOn" value={basedOn} />
                        <button type="submit" class="button button-secondary button-small">
                          削除<span class="visually-hidden">（問{q.number}）</span>
                        </button>
                      </form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ))}
      {props.editable ? (
        <>
          <h2 id="question-form">{props.editing ? `問${props.editing.number}を編集する` : "設問を追加する"}</h2>
          <form method="post" action={`${base}/definition/question`} novalidate>
            <CsrfField token={props.staff.csrfToken} />
            <input type="hidden" name="basedOn" value={basedOn} />
            {props.editing ? <input type="hidden" name="original" value={props.editing.code} /> : null}
            <SelectField
              id={F.section}
              name="section"
              label="部"
              value={v.section}
              options={[...(definition?.sections ?? []).map((s, i) => ({ value: s.code, label: `第${i + 1}部 ${s.title}` })), { value: NEW_SECTION, label: "新しい部を作る" }]}
              error={errorFor(errors, F.section)}
            />
            <TextField id={F.newSectionCode} name="newSectionCode" label="新しい部のコード（新しい部を作るとき）" value={v.newSectionCode} spellcheck={false} error={errorFor(errors, F.newSectionCode)} />
            <TextField id={F.newSectionTitle} name="newSectionTitle" label="新しい部の見出し（新しい部を作るとき）" value={v.newSectionTitle} error={errorFor(errors, F.newSectionTitle)} />
            <TextField id={F.code} name="code" label="設問コード（半角英数字と _）" hint="例: Q1、age" required value={v.code} spellcheck={false} error={errorFor(errors, F.code)} />
            <TextField id={F.number} name="number" label="設問番号（調査票に印刷する番号）" hint="例: 1、2-1" required value={v.number} error={errorFor(errors, F.number)} />
            <TextField id={F.text} name="text" label="設問文" required value={v.text} error={errorFor(errors, F.text)} />
            <SelectField id={F.kind} name="kind" label="種類" value={v.kind} options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))} error={errorFor(errors, F.kind)} />
            <div class="checkbox">
              <input type="checkbox" id={F.required} name="required" checked={v.required === "on"} />
              <label for={F.required}>回答を必須にする</label>
            </div>
            <SelectField
              id={F.attribute}
              name="attribute"
              label="回答者属性（単一回答のみ）"
              value={v.attribute ?? ""}
              options={[{ value: "", label: "なし" }, ...Object.entries(ATTRIBUTE_LABELS).map(([value, label]) => ({ value, label }))]}
              hint="年齢区分・地区・性別は標本の層（回収率）とクロス集計の軸になります。"
              error={errorFor(errors, F.attribute)}
            />
            <TextArea
              maxlength={null}
              spellcheck={false}
              id={F.options}
              name="options"
              label="選択肢（単一・複数回答）"
              rows={6}
              value={v.options ?? ""}
              hint="1行に1つ、「コード: 表示」。記述欄を付ける「その他」は末尾に ［記述］。例: 9: その他 ［記述］。無回答（NA）と無効（INVALID）は自動で加わります。"
              error={errorFor(errors, F.options)}
            />
            <TextField id={F.maxChoices} name="maxChoices" label="選べる数の上限（複数回答、空欄は無制限）" inputmode="numeric" value={v.maxChoices} error={errorFor(errors, F.maxChoices)} />
            <TextField id={F.min} name="min" label="最小値（数値）" inputmode="numeric" value={v.min} error={errorFor(errors, F.min)} />
            <TextField id={F.max} name="max" label="最大値（数値）" inputmode="numeric" value={v.max} error={errorFor(errors, F.max)} />
            <TextField id={F.unit} name="unit" label="単位（数値）" hint="例: 人、時間" value={v.unit} error={errorFor(errors, F.unit)} />
            <TextField id={F.maxLength} name="maxLength" label="最大文字数（自由記述、空欄は2,000字）" inputmode="numeric" value={v.maxLength} error={errorFor(errors, F.maxLength)} />
            <button type="submit" class="button">
              {props.editing ? "設問を保存する" : "設問を追加する"}
            </button>
          </form>
          <h2>調査票をまとめて編集する（YAML・JSON）</h2>
          <p>大きな調査票は、YAMLまたはJSONで全体を貼り付けて保存できます。保存の前に形式と重複を確かめます。</p>
          <form method="post" action={`${base}/definition/text`} novalidate>
            <CsrfField token={props.staff.csrfToken} />
            <input type="hidden" name="basedOn" value={basedOn} />
            <TextArea maxlength={null} spellcheck={false} id={TEXT_FIELD_ID} name="text" label="調査票（YAML・JSON）" rows={16} value={props.yamlText} error={errorFor(errors, TEXT_FIELD_ID)} />
            <button type="submit" class="button">調査票を保存する</button>
          </form>
        </>
      ) : null}
      {props.history.length > 0 ? (
        <>
          <h2>版の履歴</h2>
          <ul>
            {props.history.map((h) => (
              <li>
                第{h.version}版 {dateTimeLabel(h.createdAt)}
                {h.createdBy ? `（${h.createdBy}）` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </StaffPage>
  );
}
