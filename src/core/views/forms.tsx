/**
 * Form parts following the GOV.UK / Digital Agency pattern: an invalid
 * submission comes back (status 400) with an error summary at the top that
 * links to each field, and each field carries its message, tied to it by
 * aria-describedby and marked aria-invalid. Native HTML, no JavaScript.
 */
import type { Child } from "hono/jsx";
import { CSRF_FIELD } from "../http/csrf.ts";
import type { FieldError } from "../http/form.ts";

export function ErrorSummary(props: { errors: readonly FieldError[] }) {
  if (props.errors.length === 0) return null;
  return (
    <div class="error-summary" tabindex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">入力内容を確認してください</h2>
      <ul>
        {props.errors.map((e) => (
          <li>
            <a href={`#${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The page title with 「エラー: 」 in front while errors are shown, so screen readers hear it first. */
export const titleWithErrors = (title: string, errors: readonly FieldError[]) =>
  errors.length > 0 ? `エラー: ${title}` : title;

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={props.token} />;
}

/** The ids a field is described by (hint, message), or nothing. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === "string");
  return list.length > 0 ? list.join(" ") : undefined;
}

/** A field's error message, tied to the field by its id through aria-describedby. */
export function FieldMessage(props: { id: string; message: string | undefined }) {
  if (!props.message) return null;
  return (
    <p id={props.id} class="field-error">
      <span class="visually-hidden">エラー：</span>
      {props.message}
    </p>
  );
}

export type TextFieldProps = {
  id: string;
  name: string;
  label: string;
  type?: "text" | "password" | "email";
  value?: string;
  hint?: Child;
  error?: string;
  /** An error shown elsewhere (e.g. on the login id) that also concerns this field. */
  describedByError?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: "numeric" | "text" | "email";
  spellcheck?: boolean;
  maxlength?: number;
};

export function TextField(props: TextFieldProps) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const invalid = Boolean(props.error || props.describedByError);
  return (
    <div class={invalid ? "form-field form-field-error" : "form-field"}>
      <label for={props.id}>
        {props.label}
        {props.required ? <span class="required">必須</span> : null}
      </label>
      {props.hint ? (
        <p id={hintId} class="hint">
          {props.hint}
        </p>
      ) : null}
      <FieldMessage id={errorId ?? ""} message={props.error} />
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? "text"}
        value={props.type === "password" ? undefined : props.value}
        required={props.required}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        spellcheck={props.spellcheck}
        maxlength={props.maxlength}
        aria-describedby={describedBy(hintId, errorId, props.describedByError)}
        aria-invalid={invalid ? "true" : undefined}
      />
    </div>
  );
}

export function SelectField(props: {
  id: string;
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string;
  hint?: Child;
  error?: string;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  return (
    <div class={props.error ? "form-field form-field-error" : "form-field"}>
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p id={hintId} class="hint">
          {props.hint}
        </p>
      ) : null}
      <FieldMessage id={errorId ?? ""} message={props.error} />
      <select
        id={props.id}
        name={props.name}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={props.error ? "true" : undefined}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Checkboxes in a fieldset; the summary links to the first box (`${idPrefix}-0`). */
export function CheckboxGroup(props: {
  idPrefix: string;
  name: string;
  legend: string;
  options: { value: string; label: string; checked: boolean }[];
  hint?: Child;
  error?: string;
}) {
  const hintId = props.hint ? `${props.idPrefix}-hint` : undefined;
  const errorId = props.error ? `${props.idPrefix}-error` : undefined;
  return (
    <div class={props.error ? "form-field form-field-error" : "form-field"}>
      <fieldset aria-describedby={describedBy(hintId, errorId)}>
        <legend>{props.legend}</legend>
        {props.hint ? (
          <p id={hintId} class="hint">
            {props.hint}
          </p>
        ) : null}
        <FieldMessage id={errorId ?? ""} message={props.error} />
        {props.options.map((o, i) => (
          <div class="checkbox">
            <input type="checkbox" id={`${props.idPrefix}-${i}`} name={props.name} value={o.value} checked={o.checked} />
            <label for={`${props.idPrefix}-${i}`}>{o.label}</label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

/** A multi-line text field, with label, hint and message as TextField. */
export function TextArea(props: {
  id: string;
  name: string;
  label: string;
  value?: string | null;
  hint?: Child;
  error?: string;
  required?: boolean;
  rows?: number;
  /** Characters at most (default 4,000); null for no limit (e.g. a whole questionnaire pasted as YAML). */
  maxlength?: number | null;
  spellcheck?: boolean;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  return (
    <div class={props.error ? "form-field form-field-error" : "form-field"}>
      <label for={props.id}>
        {props.label}
        {props.required ? <span class="required">必須</span> : null}
      </label>
      {props.hint ? (
        <p id={hintId} class="hint">
          {props.hint}
        </p>
      ) : null}
      <FieldMessage id={errorId ?? ""} message={props.error} />
      <textarea
        id={props.id}
        name={props.name}
        rows={props.rows ?? 5}
        cols={60}
        maxlength={props.maxlength === null ? undefined : (props.maxlength ?? 4000)}
        spellcheck={props.spellcheck}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={props.error ? "true" : undefined}
      >
        {props.value ?? ""}
      </textarea>
    </div>
  );
}
