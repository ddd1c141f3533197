/**
 * The two handlers every draft-editing page has, written once:
 *
 *   GET  the part of the draft as a form, with the draft's lock version;
 *   POST authenticate → read the form → load the draft (this municipality's)
 *        → a row button: the form again with the row added/removed/moved,
 *          nothing saved → else submitDraftPart (validate the whole plan,
 *          saveDraft) → redirect with a notice, or the form again with what
 *          was typed: 400 with the problems at their fields, 409 when stale.
 */
import type { Context, Hono } from "hono";
import type { JSX } from "hono/jsx/jsx-runtime";
import { readForm, type FormValues } from "../../../core/http/form.ts";
import { staffState, type SignedIn, type StaffEnv } from "../../accounts/staff-area.ts";
import type { Municipality } from "../../tenancy/municipality.ts";
import type { PlanFile } from "../plan-file-schema.ts";
import type { Revision } from "../revisions/revision.ts";
import { actorOf, draftClosed, loadRevision, requireAuthor, staffOf, type AuthoringDeps } from "./authoring-access.ts";
import { submitDraftPart } from "./draft-submission.ts";
import type { FieldPath } from "./forms/field-paths.ts";
import { lockVersionOf } from "./forms/form-input.ts";
import { parseRowAction, type RowAction } from "./forms/row-actions.ts";
import { DRAFT_PATH, draftBase } from "./paths.ts";
import type { EditState, Staff } from "./views/authoring-page.tsx";

export const SAVED_NOTICE = "下書きに保存しました。公開するまで市民向けのページは変わりません。";

export type PartView<F> = { municipality: Municipality; staff: Staff; draft: Revision; form: F; state: EditState };

export type DraftPartSpec<F> = {
  /** The page's path below the draft, e.g. "outline". */
  path: string;
  toForm: (plan: PlanFile) => F;
  read: (values: FormValues, plan: PlanFile) => F;
  /** The form after a row button; undefined when the form has no such rows. */
  applyAction?: (form: F, action: RowAction) => F | undefined;
  /** The whole plan with the part replaced by the form's values. */
  candidate: (plan: PlanFile, form: F) => unknown;
  scope: FieldPath;
  fieldIds: (form: F) => ReadonlySet<string>;
  render: (view: PartView<F>) => JSX.Element;
};

export function registerDraftPart<F>(r: Hono<StaffEnv>, deps: AuthoringDeps, spec: DraftPartSpec<F>): void {
  const { db } = deps;
  const path = `${DRAFT_PATH}/${spec.path}`;
  const view = (c: Context, s: SignedIn, draft: Revision, form: F, state: EditState) =>
    spec.render({ municipality: staffState(c).municipality, staff: staffOf(s), draft, form, state });

  r.get(path, async (c) => {
    const s = requireAuthor(c);
    if (s instanceof Response) return s;
    const draft = await loadRevision(db, c);
    if (draft.status !== "draft") return draftClosed(c);
    const notice = c.req.query("notice") === "saved" ? SAVED_NOTICE : undefined;
    return c.html(view(c, s, draft, spec.toForm(draft.content), { lockVersion: draft.lockVersion, errors: [], notice }));
  });

  r.post(path, async (c) => {
    const s = requireAuthor(c);
    if (s instanceof Response) return s;
    const values = await readForm(c);
    const draft = await loadRevision(db, c);
    const lockVersion = lockVersionOf(values);
    const form = spec.read(values, draft.content);
    const action = parseRowAction(values);
    const changed = action && spec.applyAction?.(form, action);
    if (changed) return c.html(view(c, s, draft, changed, { lockVersion, errors: [] }));

    const outcome = await submitDraftPart(db, actorOf(c, s, deps.config.trustProxy), {
      draft,
      lockVersion,
      candidate: spec.candidate(draft.content, form),
      scope: spec.scope,
      fieldIds: spec.fieldIds(form),
    });
    if (outcome.ok) return c.redirect(`${draftBase(staffState(c).municipality, draft.id)}/${spec.path}?notice=saved`, 303);
    return c.html(view(c, s, draft, form, outcome.state), outcome.status);
  });
}
