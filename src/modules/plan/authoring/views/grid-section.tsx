/**
 * One part of the initiative editor (担当課, 取組計画, 数値目標): a section
 * under its own heading, so the long form reads as a few screens with a
 * heading each, and the row buttons of its grid.
 */
import type { Child } from "hono/jsx";
import { errorFor, type FieldError } from "../../../../core/http/form.ts";
import { FieldMessage } from "../../../../core/views/forms.tsx";
import { idOf, type FieldPath } from "../forms/field-paths.ts";
import { rowAction } from "../forms/row-actions.ts";
import { RowButton } from "./authoring-page.tsx";

/** The section's id is the part's field id: problems about the part as a whole link here and are shown under the heading. */
export function GridSection(props: { path: FieldPath; heading: string; errors: readonly FieldError[]; children: Child }) {
  const id = idOf(props.path);
  const error = errorFor(props.errors, id);
  return (
    <section id={id} class={error ? "edit-section form-field-error" : "edit-section"} aria-labelledby={`${id}-heading`} tabindex={-1}>
      <h2 id={`${id}-heading`}>{props.heading}</h2>
      <FieldMessage id={`${id}-error`} message={error} />
      {props.children}
    </section>
  );
}

/** 上へ and 削除 for one row; each button says which row (「取組計画2を」削除). */
export function RowControls(props: { list: string; index: number; what: string }) {
  return (
    <div class="row-controls">
      {props.index > 0 ? <RowButton action={rowAction("up", props.list, props.index)} label="上へ" context={`${props.what}を`} /> : null}
      <RowButton action={rowAction("remove", props.list, props.index)} label="削除" context={`${props.what}を`} />
    </div>
  );
}
