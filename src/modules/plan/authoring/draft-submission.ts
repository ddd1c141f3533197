/**
 * Saving one part of a draft, the same way from every editing form: the whole
 * plan, with the part replaced, is validated with the plan-file schema and
 * the problems are mapped back to the form's fields (400, nothing saved);
 * then saveDraft runs under the lock version the form was shown with. A
 * stale save (409) comes back with the draft's current lock version and what
 * saving the typed values now would change, so nothing typed is lost.
 */
import type { Database } from "../../../core/db/database.ts";
import type { FieldError } from "../../../core/http/form.ts";
import { planFile } from "../plan-file-schema.ts";
import { saveDraft } from "../revisions/commands/save-draft.ts";
import { validateContent } from "../revisions/commands/publishing.ts";
import { diffPlans } from "../revisions/domain/diff-plans.ts";
import type { Actor, Revision } from "../revisions/revision.ts";
import { problemsToFieldErrors, type FieldPath } from "./forms/field-paths.ts";
import type { EditState } from "./views/authoring-page.tsx";

export type PartSubmission = {
  /** The draft as loaded by this request: the part is put into its latest content. */
  draft: Revision;
  /** The lock version the form was shown with. */
  lockVersion: number;
  /** The whole plan with the edited part in place, not validated yet. */
  candidate: unknown;
  /** Where in the plan the form's part is, and the fields it shows (for the problems' places). */
  scope: FieldPath;
  fieldIds: ReadonlySet<string>;
  /** Problems found by the form itself (e.g. an unregistered division), shown with the schema's. */
  formErrors?: FieldError[];
};

export type PartOutcome = { ok: true; lockVersion: number } | { ok: false; status: 400 | 409; state: EditState };

export async function submitDraftPart(db: Database, actor: Actor, s: PartSubmission): Promise<PartOutcome> {
  if (s.draft.status !== "draft") return closed(s, `第${s.draft.number}版はすでに公開されたため、この下書きには保存できません。`);
  const valid = validateContent(s.candidate, s.draft.content.code);
  const errors = [...(s.formErrors ?? []), ...(valid.ok ? [] : problemsToFieldErrors(valid.problems, s.scope, s.fieldIds))];
  if (!valid.ok || errors.length > 0) return { ok: false, status: 400, state: { lockVersion: s.lockVersion, errors } };

  const result = await saveDraft(db, s.draft.id, valid.plan, s.lockVersion, actor);
  if (result.ok) return { ok: true, lockVersion: result.lockVersion };
  switch (result.reason) {
    case "conflict": {
      // The typed part against the draft as it now is: exactly what saving again would change.
      const current = planFile.parse(result.current.content);
      return {
        ok: false,
        status: 409,
        state: { lockVersion: result.current.lockVersion, errors: [], conflict: { message: result.message, changes: diffPlans(current, valid.plan) } },
      };
    }
    case "invalid":
      return { ok: false, status: 400, state: { lockVersion: s.lockVersion, errors: problemsToFieldErrors(result.problems, s.scope, s.fieldIds) } };
    case "not_found":
      return closed(s, "この下書きは見つかりません。ほかの人が破棄した可能性があります。");
    default:
      return closed(s, `${result.message}。`);
  }
}

function closed(s: PartSubmission, message: string): PartOutcome {
  return { ok: false, status: 409, state: { lockVersion: s.lockVersion, errors: [], closed: message } };
}
