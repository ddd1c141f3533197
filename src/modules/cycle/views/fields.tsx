/**
 * Form parts the shared set (core/views/forms.tsx) does not have yet — a
 * radio group — following the same pattern: label, hint, message tied by
 * aria-describedby, aria-invalid while wrong. TextArea lives in the shared
 * set and is re-exported here for the pages that import it from here.
 */
import type { Child } from "hono/jsx";
import { describedBy, FieldMessage } from "../../../core/views/forms.tsx";
export { TextArea } from "../../../core/views/forms.tsx";

/** Radio buttons in a fieldset; the error summary links to the first one (`${idPrefix}-0`). */
export function RadioGroup(props: {
  idPrefix: string;
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  value?: string | null;
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
            <input
              type="radio"
              id={`${props.idPrefix}-${i}`}
              name={props.name}
              value={o.value}
              checked={o.value === (props.value ?? "")}
              aria-invalid={props.error ? "true" : undefined}
            />
            <label for={`${props.idPrefix}-${i}`}>{o.label}</label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

/** A success message after a redirect (role=status: announced without moving focus). */
export function Notice(props: { message: string | undefined }) {
  if (!props.message) return null;
  return (
    <p class="notice" role="status">
      {props.message}
    </p>
  );
}
