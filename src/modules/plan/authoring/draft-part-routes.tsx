/**
 * The draft pages for the plan's own fields (計画の概要), the policies
 * (取組方針) and the glossary (用語説明), each one registerDraftPart.
 */
import { Hono } from "hono";
import type { StaffEnv } from "../../accounts/staff-area.ts";
import type { AuthoringDeps } from "./authoring-access.ts";
import { registerDraftPart } from "./draft-part.tsx";
import { applyGlossaryAction, glossaryFieldIds, glossaryFromForm, glossaryToForm, readGlossaryForm } from "./forms/glossary-form.ts";
import { OUTLINE_FIELD_IDS, outlineFromForm, outlineToForm, readOutlineForm } from "./forms/outline-form.ts";
import { applyPoliciesAction, policiesFieldIds, policiesFromForm, policiesToForm, readPoliciesForm } from "./forms/policies-form.ts";
import { GlossaryPage } from "./views/glossary-page.tsx";
import { OutlinePage } from "./views/outline-page.tsx";
import { PoliciesPage } from "./views/policies-page.tsx";

export function draftPartRoutes(deps: AuthoringDeps): Hono<StaffEnv> {
  const r = new Hono<StaffEnv>();
  registerDraftPart(r, deps, {
    path: "outline",
    toForm: outlineToForm,
    read: (values) => readOutlineForm(values),
    candidate: outlineFromForm,
    scope: [],
    fieldIds: () => OUTLINE_FIELD_IDS,
    render: (v) => <OutlinePage {...v} />,
  });
  registerDraftPart(r, deps, {
    path: "policies",
    toForm: policiesToForm,
    read: readPoliciesForm,
    applyAction: applyPoliciesAction,
    candidate: policiesFromForm,
    scope: [],
    fieldIds: policiesFieldIds,
    render: (v) => <PoliciesPage {...v} forms={v.form} />,
  });
  registerDraftPart(r, deps, {
    path: "glossary",
    toForm: glossaryToForm,
    read: (values) => readGlossaryForm(values),
    applyAction: applyGlossaryAction,
    candidate: glossaryFromForm,
    scope: [],
    fieldIds: glossaryFieldIds,
    render: (v) => <GlossaryPage {...v} rows={v.form} />,
  });
  return r;
}
