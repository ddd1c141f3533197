/**
 * The resident's pages, /{lg}/answer: no account, the code opens the form.
 * The first page says how personal information is handled. The form is one
 * page of native controls (a fieldset and legend per question, required
 * marked in words, an error summary linking to each question), works
 * without JavaScript and at 390 px, and can be saved and resumed with the
 * same code before it is sent — once.
 */
import type { Child } from "hono/jsx";
import { errorFor, type FieldError } from "../../../../core/http/form.ts";
import { describedBy, ErrorSummary, FieldMessage, TextField, titleWithErrors } from "../../../../core/views/forms.tsx";
import { Layout } from "../../../../core/views/layout.tsx";
import type { Municipality } from "../../../tenancy/municipality.ts";
import type { SurveyDefinition, SurveyQuestion } from "../../domain/definition.ts";
import { formatCode } from "../domain/answer-code.ts";
import { rangeText, type AnswerSet } from "../domain/answers.ts";
import { fieldName, inputId, otherFieldName, otherInputId } from "../domain/online-form.ts";
import { answerPath } from "../answer-url.ts";

export const CODE_FIELD_ID = "answer-code";

function AnswerLayout(props: { municipality: Municipality; title: string; errors?: readonly FieldError[]; children: Child }) {
  const m = props.municipality;
  return (
    <Layout title={titleWithErrors(props.title, props.errors ?? [])} siteName={`${m.name} 市民アンケート`} siteHref={answerPath(m.lgCode)}>
      {props.children}
    </Layout>
  );
}

export function StartPage(props: { municipality: Municipality; code?: string; errors?: FieldError[] }) {
  const m = props.municipality;
  const errors = props.errors ?? [];
  return (
    <AnswerLayout municipality={m} title="市民アンケートへの回答" errors={errors}>
      <h1>市民アンケートへの回答</h1>
      <ErrorSummary errors={errors} />
      <p>お手紙に印刷された回答用コード（12文字）を入力して、回答を始めてください。途中で保存し、同じコードで続きから回答できます。</p>
      <form method="post" action={answerPath(m.lgCode)} novalidate>
        <TextField
          id={CODE_FIELD_ID}
          name="code"
          label="回答用コード"
          hint="例: 7KQ3-M9VD-R2XF（ハイフンは省略できます。大文字・小文字は区別しません）"
          required
          value={props.code}
          autocomplete="off"
          spellcheck={false}
          error={errorFor(errors, CODE_FIELD_ID)}
        />
        <button type="submit" class="button">回答を始める</button>
      </form>
      <h2>個人情報の取扱い</h2>
      <ul>
        <li>このアンケートは、{m.name}が住民基本台帳から無作為に選んだ方にお願いしています。</li>
        <li>回答用コードは、回答が1人1回になるようにするためのものです。お名前や住所を入力していただくことはありません。</li>
        <li>コードと送付先の対応表は発送と回収の管理にだけ使い、調査の終了後に消去します。消去後は、回答からどなたの回答かをたどることはできません。</li>
        <li>回答は統計として集計し、個人が特定される形で公表することはありません。自由記述は公表しません。</li>
        <li>回答するかどうかは自由です。回答しないことで不利益を受けることはありません。</li>
      </ul>
      {m.profile?.division || m.profile?.phone ? (
        <p>
          お問い合わせ: {m.profile.division ?? ""} {m.profile.phone ? `電話 ${m.profile.phone}` : ""}
        </p>
      ) : null}
    </AnswerLayout>
  );
}

export function MessagePage(props: { municipality: Municipality; title: string; children: Child }) {
  return (
    <AnswerLayout municipality={props.municipality} title={props.title}>
      <h1>{props.title}</h1>
      {props.children}
      <p>
        <a href={answerPath(props.municipality.lgCode)}>回答用コードの入力に戻る</a>
      </p>
    </AnswerLayout>
  );
}

function questionHint(q: SurveyQuestion): string | undefined {
  if (q.kind === "multiple") return q.maxChoices ? `${q.maxChoices}つまで選べます` : "あてはまるものをすべて選んでください";
  if (q.kind === "numeric") return `半角数字で入力してください${rangeText(q) ? `（${rangeText(q)}）` : ""}`;
  if (q.kind === "text") return `${q.maxLength ?? 2000}文字まで`;
  return undefined;
}

function QuestionField(props: { q: SurveyQuestion; saved: AnswerSet; errors: FieldError[]; values?: Record<string, string | string[]> }) {
  const { q } = props;
  const error = props.errors.find((e) => e.field.startsWith(`q-${q.code}`))?.message;
  const errorId = error ? `q-${q.code}-error` : undefined;
  const hint = questionHint(q);
  const hintId = hint ? `q-${q.code}-hint` : undefined;
  const rows = props.saved.get(q.code) ?? [];
  const legend = (
    <legend>
      問{q.number} {q.text}
      {q.required ? <span class="required">必須</span> : null}
    </legend>
  );
  const head = (
    <>
      {hint ? (
        <p id={hintId} class="hint">
          {hint}
        </p>
      ) : null}
      <FieldMessage id={errorId ?? ""} message={error} />
    </>
  );
  if (q.kind === "single" || q.kind === "multiple") {
    const type = q.kind === "single" ? "radio" : "checkbox";
    return (
      <div class={error ? "form-field form-field-error survey-question" : "form-field survey-question"}>
        <fieldset aria-describedby={describedBy(hintId, errorId)}>
          {legend}
          {head}
          {q.options.map((o, i) => {
            const row = rows.find((r) => r.optionCode === o.code);
            return (
              <div class="checkbox survey-option">
                <input type={type} id={inputId(q, i)} name={fieldName(q)} value={o.code} checked={Boolean(row)} />
                <label for={inputId(q, i)}>{o.label}</label>
                {o.allowsText ? (
                  <div class="survey-other">
                    <label for={otherInputId(q, o.code)}>「{o.label}」を選んだ方は内容を記入してください</label>
                    <input type="text" id={otherInputId(q, o.code)} name={otherFieldName(q, o.code)} value={row?.textValue ?? ""} maxlength={400} />
                  </div>
                ) : null}
              </div>
            );
          })}
        </fieldset>
      </div>
    );
  }
  const value = q.kind === "numeric" ? (rows[0]?.numericValue ?? "") : (rows[0]?.textValue ?? "");
  return (
    <div class={error ? "form-field form-field-error survey-question" : "form-field survey-question"}>
      <fieldset aria-describedby={describedBy(hintId, errorId)}>
        {legend}
        {head}
        {q.kind === "numeric" ? (
          <p class="survey-numeric">
            <label for={inputId(q)} class="visually-hidden">
              問{q.number}の回答
            </label>
            <input type="text" inputmode="decimal" id={inputId(q)} name={fieldName(q)} value={value} aria-invalid={error ? "true" : undefined} autocomplete="off" />
            {q.unit ? <span> {q.unit}</span> : null}
          </p>
        ) : (
          <>
            <label for={inputId(q)} class="visually-hidden">
              問{q.number}の回答
            </label>
            <textarea id={inputId(q)} name={fieldName(q)} rows={4} maxlength={q.maxLength ?? 2000} aria-invalid={error ? "true" : undefined}>
              {value}
            </textarea>
          </>
        )}
      </fieldset>
    </div>
  );
}

export function AnswerFormPage(props: {
  municipality: Municipality;
  surveyTitle: string;
  code: string;
  definition: SurveyDefinition;
  answers: AnswerSet;
  errors?: FieldError[];
  notice?: string;
}) {
  const m = props.municipality;
  const errors = props.errors ?? [];
  return (
    <AnswerLayout municipality={m} title={props.surveyTitle} errors={errors}>
      <h1>{props.surveyTitle}</h1>
      <ErrorSummary errors={errors} />
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p>
        回答用コード {formatCode(props.code)}。「一時保存する」を押すと、同じコードで後から続きを回答できます。最後に「回答を送信する」を押してください。送信後は変更できません。
        「必須」の設問以外は、答えたくない場合は空欄のままで構いません。
      </p>
      <form method="post" action={`${answerPath(m.lgCode)}/form`} novalidate>
        <input type="hidden" name="code" value={props.code} />
        {props.definition.sections.map((section) => (
          <section>
            <h2>{section.title}</h2>
            {section.questions.map((q) => (
              <QuestionField q={q} saved={props.answers} errors={errors} />
            ))}
          </section>
        ))}
        <div class="survey-actions">
          <button type="submit" name="action" value="save" class="button button-secondary">
            一時保存する
          </button>
          <button type="submit" name="action" value="submit" class="button">
            回答を送信する
          </button>
        </div>
      </form>
    </AnswerLayout>
  );
}
