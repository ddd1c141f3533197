/**
 * The form of the glossary (用語説明): each term with its section of the
 * printed glossary, its description and other spellings (one per line),
 * terms added and removed. A term is its own key: renaming one is shown on
 * the change history as a removal and an addition.
 */
import type { FormValues } from "../../../../core/http/form.ts";
import type { PlanFile } from "../../plan-file-schema.ts";
import { idOf, nameOf } from "./field-paths.ts";
import { linesOf, textOf } from "./form-input.ts";
import { applyRowAction, rowIndexes, type RowAction } from "./row-actions.ts";

export type TermForm = { term: string; section: string; description: string; aliases: string };

const FIELDS = ["term", "section", "description", "aliases"] as const;

export const glossaryToForm = (plan: PlanFile): TermForm[] =>
  plan.glossary.map((g) => ({ term: g.term, section: g.section, description: g.description, aliases: g.aliases.join("\n") }));

export function readGlossaryForm(values: FormValues): TermForm[] {
  return rowIndexes(values, (i) => nameOf(["glossary", i, "term"])).map((i) => {
    const [term, section, description, aliases] = FIELDS.map((f) => textOf(values, nameOf(["glossary", i, f])));
    return { term: term!, section: section!, description: description!, aliases: aliases! };
  });
}

export function glossaryFromForm(plan: PlanFile, rows: readonly TermForm[]): unknown {
  return {
    ...plan,
    glossary: rows.map((r) => ({ term: r.term, section: r.section, description: r.description, aliases: linesOf(r.aliases) })),
  };
}

export function glossaryFieldIds(rows: readonly TermForm[]): Set<string> {
  const ids = [idOf(["glossary"])];
  rows.forEach((_, i) => ids.push(idOf(["glossary", i]), ...FIELDS.map((f) => idOf(["glossary", i, f]))));
  return new Set(ids);
}

export function applyGlossaryAction(rows: readonly TermForm[], action: RowAction): TermForm[] | undefined {
  if (action.list !== "glossary") return undefined;
  return applyRowAction(rows, action, () => ({ term: "", section: "kana", description: "", aliases: "" }));
}
