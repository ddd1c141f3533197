/**
 * The form of the policies (取組方針): each policy's title and its outcome
 * statements (市民は…できます) with their descriptions, rows added and removed
 * per policy. Policies keep their numbers: initiatives refer to them by number.
 */
import type { FormValues } from "../../../../core/http/form.ts";
import type { PlanFile } from "../../plan-file-schema.ts";
import { idOf, nameOf } from "./field-paths.ts";
import { textOf } from "./form-input.ts";
import { applyRowAction, rowIndexes, type RowAction } from "./row-actions.ts";

export type OutcomeForm = { statement: string; description: string };
export type PolicyForm = { number: number; title: string; outcomes: OutcomeForm[] };

export const policiesToForm = (plan: PlanFile): PolicyForm[] =>
  plan.policies.map((p) => ({ number: p.number, title: p.title, outcomes: p.outcomes.map((o) => ({ ...o })) }));

/** One entry per policy of the draft, in its order; the numbers come from the draft, never from the form. */
export function readPoliciesForm(values: FormValues, plan: PlanFile): PolicyForm[] {
  return plan.policies.map((p, i) => ({
    number: p.number,
    title: textOf(values, nameOf(["policies", i, "title"])),
    outcomes: rowIndexes(values, (o) => nameOf(["policies", i, "outcomes", o, "statement"])).map((o) => ({
      statement: textOf(values, nameOf(["policies", i, "outcomes", o, "statement"])),
      description: textOf(values, nameOf(["policies", i, "outcomes", o, "description"])),
    })),
  }));
}

export function policiesFromForm(plan: PlanFile, forms: readonly PolicyForm[]): unknown {
  return { ...plan, policies: forms.map((p) => ({ number: p.number, title: p.title, outcomes: p.outcomes.map((o) => ({ ...o })) })) };
}

export function policiesFieldIds(forms: readonly PolicyForm[]): Set<string> {
  const ids = [idOf(["policies"])];
  forms.forEach((p, i) => {
    ids.push(idOf(["policies", i]), idOf(["policies", i, "title"]), idOf(["policies", i, "outcomes"]));
    p.outcomes.forEach((_, o) => ids.push(...["statement", "description"].map((f) => idOf(["policies", i, "outcomes", o, f]))));
  });
  return new Set(ids);
}

/** Actions on "policies.<i>.outcomes"; undefined for any other list. */
export function applyPoliciesAction(forms: readonly PolicyForm[], action: RowAction): PolicyForm[] | undefined {
  const m = /^policies\.(\d+)\.outcomes$/.exec(action.list);
  const index = m ? Number(m[1]) : -1;
  if (!forms[index]) return undefined;
  return forms.map((p, i) => (i === index ? { ...p, outcomes: applyRowAction(p.outcomes, action, () => ({ statement: "", description: "" })) } : p));
}
