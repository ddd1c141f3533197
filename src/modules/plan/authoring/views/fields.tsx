/**
 * Form fields of the authoring pages that the shared form parts do not have
 * (a textarea, a single checkbox, a message on a group), plus text and select
 * fields addressed by their place in the plan file (field-paths.ts), so a
 * page names each field once: by its path.
 */
import type { Child } from "hono/jsx";
import { errorFor, type FieldError } from "../../../../core/http/form.ts";
import { describedBy, FieldMessage as Message, SelectField, TextField } from "../../../../core/views/forms.tsx";
import { idOf, nameOf, type FieldPath } from "../forms/field-paths.ts";

type PathFieldProps = { path: FieldPath; label: string; value: string; errors: readonly FieldError[]; hint?: Child; required?: boolean };

export function PathText(props: PathFieldProps & { inputmode?: "numeric" | "text" }) {
  const id = idOf(props.path);
  return (
    <TextField
      id={id}
      name={nameOf(props.path)}
      label={props.label}
      value={props.value}
      hint={props.hint}
      error={errorFor(props.errors, id)}
      required={props.required}
      inputmode={props.inputmode}
      spellcheck={false}
    />
  );
}

export function PathSelect(props: Omit<PathFieldProps, "required"> & { options: { value: string; label: string }[] }) {
  const id = idOf(props.path);
  // A value the options do not have (a name no longer registered) stays visible and selected.
  const options = props.options.some((o) => o.value === props.value)
    ? props.options
    : [...props.options, { value: props.value, label: `${props.value}（選択肢にありません）` }];
  return (
    <SelectField id={id} name={nameOf(props.path)} label={props.label} options={options} value={props.value} hint={props.hint} error={errorFor(props.errors, id)} />
  );
}

export function PathTextArea(props: PathFieldProps & { rows?: number }) {
  const id = idOf(props.path);
  const error = errorFor(props.errors, id);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div class={error ? "form-field form-field-error" : "form-field"}>
      <label for={id}>
        {props.label}
        {props.required ? <span class="required">必須</span> : null}
      </label>
      {props.hint ? (
        <p id={hintId} class="hint">
          {props.hint}
        </p>
      ) : null}
      <Message id={errorId ?? ""} message={error} />
      <textarea
        id={id}
        name={nameOf(props.path)}
        rows={props.rows ?? 4}
        cols={60}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error ? "true" : undefined}
      >
        {props.value}
      </textarea>
    </div>
  );
}

export function PathCheckbox(props: { path: FieldPath; label: string; checked: boolean; errors: readonly FieldError[]; hint?: Child }) {
  const id = idOf(props.path);
  const error = errorFor(props.errors, id);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div class={error ? "form-field form-field-error" : "form-field"}>
      <Message id={errorId ?? ""} message={error} />
      <div class="checkbox">
        <input
          type="checkbox"
          id={id}
          name={nameOf(props.path)}
          value="on"
          checked={props.checked}
          aria-describedby={describedBy(hintId, errorId)}
          aria-invalid={error ? "true" : undefined}
        />
        <label for={id}>{props.label}</label>
      </div>
      {props.hint ? (
        <p id={hintId} class="hint">
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A group of fields (a KPI, a schedule row) with its legend. Problems about
 * the group as a whole (a duplicate KPI, a missing division) are shown here;
 * the id is what the error summary links to.
 */
export function PathGroup(props: { path: FieldPath; legend: Child; errors: readonly FieldError[]; children: Child }) {
  const id = idOf(props.path);
  const error = errorFor(props.errors, id);
  return (
    <fieldset id={id} class={error ? "form-field form-field-error" : "form-field"} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{props.legend}</legend>
      <Message id={`${id}-error`} message={error} />
      {props.children}
    </fieldset>
  );
}
