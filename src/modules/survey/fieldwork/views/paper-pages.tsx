/**
 * Keying paper questionnaires: the code first, then one short field per
 * question in questionnaire order (Tab moves on), option numbers as printed,
 * n = 無回答, x = 無効. With double entry, a second person keys the same paper
 * and the disagreements are listed to be resolved against the paper.
 */
import { errorFor, type FieldError } from "../../../../core/http/form.ts";
import { CsrfField, ErrorSummary, TextField } from "../../../../core/views/forms.tsx";
import { TableWrap } from "../../../../core/views/layout.tsx";
import { StaffPage } from "../../../accounts/views/staff-page.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import type { SurveyQuestion } from "../../domain/definition.ts";
import { formatCode } from "../domain/answer-code.ts";
import { describeAnswer, rangeText, type AnswerRow } from "../domain/answers.ts";
import { paperFieldName, paperInputId, paperOtherFieldName, paperOtherInputId } from "../domain/paper-entry.ts";
import type { PaperStatus } from "../repository/response-queries.ts";
import type { SurveyRecord } from "../repository/survey-queries.ts";
import { surveyPath, surveysPath } from "./paths.ts";
import type { Staff } from "./survey-list-page.tsx";

export const PAPER_CODE_ID = "paper-code";

const trailOf = (m: Municipality, survey: SurveyRecord) => [
  { href: surveysPath(m), label: "市民アンケート" },
  { href: surveyPath(m, survey.code), label: survey.title },
];

export function PaperHomePage(props: { municipality: Municipality; staff: Staff; survey: SurveyRecord; statuses: PaperStatus[]; code?: string; errors?: FieldError[]; notice?: string }) {
  const m = props.municipality;
  const base = `${surveyPath(m, props.survey.code)}/paper`;
  const errors = props.errors ?? [];
  const status = (s: PaperStatus) =>
    s.hasResponse ? "確定" : s.entries >= 2 ? "食い違いあり（確認待ち）" : props.survey.doubleEntry ? "1回目入力済み（2回目待ち）" : "入力済み";
  return (
    <StaffPage municipality={m} title={`紙の調査票の入力（${props.survey.title}）`} errors={errors} signedIn={{ ...props.staff, ready: true }} section="surveys" trail={trailOf(m, props.survey)}>
      <h1>紙の調査票の入力（{props.survey.title}）</h1>
      <ErrorSummary errors={errors} />
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.survey.state === "fieldwork" || props.survey.state === "closed" ? (
        <form method="post" action={base} novalidate>
          <CsrfField token={props.staff.csrfToken} />
          <TextField id={PAPER_CODE_ID} name="code" label="調査票の回答用コード" hint="例: 7KQ3-M9VD-R2XF（ハイフンは省略可）" required value={props.code} spellcheck={false} autocomplete="off" error={errorFor(errors, PAPER_CODE_ID)} />
          <button type="submit" class="button">入力を始める</button>
        </form>
      ) : (
        <p>紙の調査票は、実査を始めてから入力できます。</p>
      )}
      <h2>二重入力</h2>
      <p>
        {props.survey.doubleEntry
          ? "二重入力：同じ調査票を別の2人が入力し、食い違いを調査票と照合して確定します。"
          : "一人入力：1回の入力で確定します。"}
      </p>
      <form method="post" action={`${base}/double-entry`}>
        <CsrfField token={props.staff.csrfToken} />
        <input type="hidden" name="on" value={props.survey.doubleEntry ? "off" : "on"} />
        <button type="submit" class="button button-secondary">
          {props.survey.doubleEntry ? "一人入力にする" : "二重入力にする"}
        </button>
      </form>
      <h2>入力状況</h2>
      {props.statuses.length === 0 ? (
        <p>まだ入力がありません。</p>
      ) : (
        <TableWrap label="紙の調査票の入力状況">
          <table>
            <caption>紙の調査票の入力状況</caption>
            <thead>
              <tr>
                <th scope="col">回答用コード</th>
                <th scope="col">入力回数</th>
                <th scope="col">状態</th>
                <th scope="col">インターネット回答</th>
              </tr>
            </thead>
            <tbody>
              {props.statuses.map((s) => (
                <tr>
                  <th scope="row">{formatCode(s.code)}</th>
                  <td class="number">{s.entries}</td>
                  <td>{!s.hasResponse && s.entries >= 2 ? <a href={`${base}/${s.code}/resolve`}>{status(s)}</a> : status(s)}</td>
                  <td>{s.alsoOnline ? "あり（重複）" : "なし"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </StaffPage>
  );
}

export function paperHint(q: SurveyQuestion): string {
  switch (q.kind) {
    case "single":
      return `番号1つ（1〜${q.options.length}）、n＝無回答、x＝無効`;
    case "multiple":
      return `番号を空白区切り（1〜${q.options.length}${q.maxChoices ? `、${q.maxChoices}つまで` : ""}）、n＝無回答、x＝無効`;
    case "numeric":
      return `数値${rangeText(q) ? `（${rangeText(q)}）` : ""}、n＝無回答、x＝無効`;
    case "text":
      return "記述のとおり（空欄＝無回答）、x＝無効";
  }
}

function PaperQuestionFields(props: { q: SurveyQuestion; values: Record<string, string>; errors: FieldError[] }) {
  const { q } = props;
  const other = "options" in q ? q.options.find((o) => o.allowsText) : undefined;
  const options = "options" in q ? q.options.map((o, i) => `${i + 1}. ${o.label}`).join("　") : undefined;
  return (
    <>
      <TextField
        id={paperInputId(q)}
        name={paperFieldName(q)}
        label={`問${q.number} ${q.text}`}
        hint={
          <>
            {paperHint(q)}
            {options ? <span class="visually-hidden">。選択肢: {options}</span> : null}
          </>
        }
        value={props.values[paperFieldName(q)]}
        inputmode={q.kind === "text" ? undefined : "text"}
        autocomplete="off"
        spellcheck={false}
        error={errorFor(props.errors, paperInputId(q))}
      />
      {other ? (
        <TextField
          id={paperOtherInputId(q)}
          name={paperOtherFieldName(q)}
          label={`問${q.number}「${other.label}」の記述`}
          value={props.values[paperOtherFieldName(q)]}
          autocomplete="off"
          error={errorFor(props.errors, paperOtherInputId(q))}
        />
      ) : null}
    </>
  );
}

export function PaperEntryPage(props: {
  municipality: Municipality;
  staff: Staff;
  survey: SurveyRecord;
  code: string;
  entryNo: 1 | 2;
  questions: SurveyQuestion[];
  values: Record<string, string>;
  alsoOnline: boolean;
  errors?: FieldError[];
}) {
  const m = props.municipality;
  const base = `${surveyPath(m, props.survey.code)}/paper`;
  const errors = props.errors ?? [];
  const title = `調査票 ${formatCode(props.code)} の入力${props.survey.doubleEntry ? `（${props.entryNo}回目）` : ""}`;
  return (
    <StaffPage municipality={m} title={title} errors={errors} signedIn={{ ...props.staff, ready: true }} section="surveys" trail={[...trailOf(m, props.survey), { href: base, label: "紙の調査票の入力" }]}>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      {props.alsoOnline ? (
        <p class="notice" role="status">
          このコードはインターネットでも回答済みです。入力すると重複として一覧に表示されます。
        </p>
      ) : null}
      <p>調査票の番号をそのまま入力し、Tabキーで次の設問へ進みます。n＝無回答、x＝無効。空欄にはできません（自由記述を除く）。</p>
      <form method="post" action={`${base}/${props.code}`} novalidate>
        <CsrfField token={props.staff.csrfToken} />
        {props.questions.map((q) => (
          <PaperQuestionFields q={q} values={props.values} errors={errors} />
        ))}
        <button type="submit" class="button">入力を保存する</button>
      </form>
    </StaffPage>
  );
}

export function PaperResolvePage(props: {
  municipality: Municipality;
  staff: Staff;
  survey: SurveyRecord;
  code: string;
  items: { q: SurveyQuestion; first: AnswerRow[] | undefined; second: AnswerRow[] | undefined; firstBy: string; secondBy: string }[];
  values: Record<string, string>;
  errors?: FieldError[];
}) {
  const m = props.municipality;
  const base = `${surveyPath(m, props.survey.code)}/paper`;
  const errors = props.errors ?? [];
  const title = `調査票 ${formatCode(props.code)} の食い違い`;
  return (
    <StaffPage municipality={m} title={title} errors={errors} signedIn={{ ...props.staff, ready: true }} section="surveys" trail={[...trailOf(m, props.survey), { href: base, label: "紙の調査票の入力" }]}>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      <p>2回の入力が食い違った設問です。調査票の記入を見て、正しい値を入力してください。ほかの設問は2回の入力どおりに確定します。</p>
      <TableWrap label="食い違いの一覧">
        <table>
          <caption>食い違いの一覧（{props.items.length}問）</caption>
          <thead>
            <tr>
              <th scope="col">設問</th>
              <th scope="col">1回目（{props.items[0]?.firstBy}）</th>
              <th scope="col">2回目（{props.items[0]?.secondBy}）</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((item) => (
              <tr>
                <th scope="row">問{item.q.number}</th>
                <td>{describeAnswer(item.q, item.first)}</td>
                <td>{describeAnswer(item.q, item.second)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <form method="post" action={`${base}/${props.code}/resolve`} novalidate>
        <CsrfField token={props.staff.csrfToken} />
        {props.items.map((item) => (
          <PaperQuestionFields q={item.q} values={props.values} errors={errors} />
        ))}
        <button type="submit" class="button">調査票と照合して確定する</button>
      </form>
    </StaffPage>
  );
}
