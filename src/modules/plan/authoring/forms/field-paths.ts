/**
 * Form fields are named after the place in the plan file they edit, so that
 * the plan-file schema's complaints land on the field that caused them:
 * the issue at initiatives[11].kpis[0].targets.2024 is shown at the input
 * named "kpis.0.targets.2024" (id "f-kpis-0-targets-2024") of initiative 12's
 * form. One naming rule for every page, no per-field tables to keep in step.
 */
import type { FieldError } from "../../../../core/http/form.ts";
import type { ContentProblem } from "../../revisions/revision.ts";

export type FieldPath = readonly (string | number)[];

/** The input's name: kpis.0.targets.2024 */
export const nameOf = (path: FieldPath): string => path.join(".");

/** The input's id (what the error summary links to): f-kpis-0-targets-2024 */
export const idOf = (path: FieldPath): string => `f-${path.join("-")}`;

/** The id of the page's form: problems that belong to no field of the page link here. */
export const FORM_ID = "draft-form";

/**
 * A problem's path as the revision commands write it (formatPath:
 * initiatives[11].kpis[0].targets.2024) back into its parts.
 */
export function parseProblemPath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const m of path.matchAll(/\[(\d+)\]|\.?([^.[\]]+)/g)) parts.push(m[1] !== undefined ? Number(m[1]) : m[2]!);
  return parts;
}

/**
 * Field errors for the problems of a submitted plan. A problem inside
 * `scope` (the part of the plan this form edits) goes to the nearest field
 * the form shows — its own input, else the row or group that contains it;
 * any other problem goes to the form itself, saying where in the plan it is.
 */
export function problemsToFieldErrors(
  problems: readonly ContentProblem[],
  scope: FieldPath,
  fieldIds: ReadonlySet<string>,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const problem of problems) {
    const path = parseProblemPath(problem.path);
    const inside = scope.every((part, i) => String(path[i]) === String(part));
    const field = inside ? nearestField(path.slice(scope.length), fieldIds) : undefined;
    const error = field
      ? { field, message: problem.message }
      : { field: FORM_ID, message: problem.path ? `${problem.message}（${problem.path}）` : problem.message };
    if (!errors.some((e) => e.field === error.field && e.message === error.message)) errors.push(error);
  }
  return errors;
}

function nearestField(tail: readonly (string | number)[], fieldIds: ReadonlySet<string>): string | undefined {
  for (let n = tail.length; n > 0; n--) {
    const id = idOf(tail.slice(0, n));
    if (fieldIds.has(id)) return id;
  }
  return undefined;
}
