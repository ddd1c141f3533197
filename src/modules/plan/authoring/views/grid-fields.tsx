/**
 * Fields that sit in the cells of an editing grid (the schedule, the KPI
 * targets, the responsible divisions: rows × columns). The table's headers
 * say which row and column a cell is; each control still has a label of its
 * own (visually hidden) naming both, e.g. 「取組計画1 電子申請の拡充 令和6年度
 * （2024年度）の段階」, because a control's name must not depend on a screen
 * reader's table mode. A problem is shown in the cell, tied to the control by
 * aria-describedby; its id is what the error summary links to.
 */
import { errorFor, type FieldError } from "../../../../core/http/form.ts";
import { describedBy, FieldMessage } from "../../../../core/views/forms.tsx";
import { idOf, nameOf, type FieldPath } from "../forms/field-paths.ts";

type CellProps = { path: FieldPath; label: string; errors: readonly FieldError[]; hintId?: string };

function cell(props: CellProps) {
  const id = idOf(props.path);
  const error = errorFor(props.errors, id);
  const errorId = error ? `${id}-error` : undefined;
  return { id, error, errorId, aria: { "aria-describedby": describedBy(props.hintId, errorId), "aria-invalid": error ? ("true" as const) : undefined } };
}

export function GridText(props: CellProps & { value: string; inputmode?: "decimal" | "numeric" | "text"; size?: number }) {
  const { id, error, errorId, aria } = cell(props);
  return (
    <div class={error ? "grid-cell form-field-error" : "grid-cell"}>
      <label class="visually-hidden" for={id}>
        {props.label}
      </label>
      <input type="text" id={id} name={nameOf(props.path)} value={props.value} inputmode={props.inputmode} size={props.size} spellcheck={false} {...aria} />
      <FieldMessage id={errorId ?? ""} message={error} />
    </div>
  );
}

export function GridSelect(props: CellProps & { value: string; options: { value: string; label: string }[] }) {
  const { id, error, errorId, aria } = cell(props);
  // A value the options do not have stays visible and selected, as in PathSelect.
  const options = props.options.some((o) => o.value === props.value)
    ? props.options
    : [...props.options, { value: props.value, label: `${props.value}（選択肢にありません）` }];
  return (
    <div class={error ? "grid-cell form-field-error" : "grid-cell"}>
      <label class="visually-hidden" for={id}>
        {props.label}
      </label>
      <select id={id} name={nameOf(props.path)} {...aria}>
        {options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldMessage id={errorId ?? ""} message={error} />
    </div>
  );
}

export function GridCheckbox(props: CellProps & { checked: boolean }) {
  const { id, error, errorId, aria } = cell(props);
  return (
    <div class={error ? "grid-cell form-field-error" : "grid-cell"}>
      <input type="checkbox" id={id} name={nameOf(props.path)} value="on" checked={props.checked} {...aria} />
      <label class="visually-hidden" for={id}>
        {props.label}
      </label>
      <FieldMessage id={errorId ?? ""} message={error} />
    </div>
  );
}

/** A problem about a whole row (a duplicate KPI, an empty schedule row), shown in its row header. */
export function RowMessage(props: { path: FieldPath; errors: readonly FieldError[] }) {
  const id = idOf(props.path);
  return <FieldMessage id={`${id}-error`} message={errorFor(props.errors, id)} />;
}
