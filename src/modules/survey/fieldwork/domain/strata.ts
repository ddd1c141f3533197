/**
 * Strata recorded without a frame (issue #8 §2 "or record strata"): when the
 * register department hands over no identifiers, the secretariat records how
 * many residents were sampled in each stratum — age band × area as the
 * questionnaire's attribute questions define them — and each gets a
 * one-time code with that stratum and no identity. Letters are printed in
 * stratum order, so the office can put them into the envelopes it
 * addresses per stratum; 回収率 by stratum works as with a frame.
 *
 * A count can grow (a supplementary sample) but not shrink: codes already
 * made may already be printed and mailed.
 */
import type { FormValues } from "../../../../core/http/form.ts";
import { oneValue } from "../../../../core/http/form.ts";
import { attributeQuestion, type SurveyDefinition } from "../../domain/definition.ts";
import { STRATUM_COLUMNS, type StratumAttribute } from "./sample-frame.ts";

/** Stratum attribute values: option codes of the attribute questions; null = not a stratum attribute of this grid. */
export type Stratum = Record<StratumAttribute, string | null>;
export type StratumCell = { stratum: Stratum; name: string; label: string };
export type StrataGrid = {
  /** The grid's rows and columns; columns is empty for a one-attribute grid. */
  rows: { attribute: StratumAttribute; title: string; options: { code: string; label: string }[] };
  columns: { attribute: StratumAttribute; title: string; options: { code: string; label: string }[] } | null;
  cells: StratumCell[];
};

/** At most per stratum: beyond any city's sample (Tokushima's was 1,300 in all). */
export const MAX_PER_STRATUM = 20_000;

/** Age band × area when the questionnaire has both; otherwise the first two of age band, area, sex it has. */
export function strataGrid(definition: SurveyDefinition): StrataGrid | undefined {
  const dims = (["age_band", "area", "sex"] as const)
    .map((attribute) => ({ attribute, question: attributeQuestion(definition, attribute) }))
    .filter((d) => d.question && d.question.options.length > 0)
    .slice(0, 2)
    .map((d) => ({ attribute: d.attribute, title: STRATUM_COLUMNS[d.attribute], options: d.question!.options.map((o) => ({ code: o.code, label: o.label })) }));
  const [rows, columns] = dims;
  if (!rows) return undefined;
  const empty: Stratum = { age_band: null, sex: null, area: null };
  const cells: StratumCell[] = [];
  for (const r of rows.options) {
    for (const c of columns ? columns.options : [undefined]) {
      const stratum = { ...empty, [rows.attribute]: r.code, ...(columns && c ? { [columns.attribute]: c.code } : {}) };
      cells.push({ stratum, name: c ? `n.${r.code}.${c.code}` : `n.${r.code}`, label: c ? `${r.label}・${c.label}` : r.label });
    }
  }
  return { rows, columns: columns ?? null, cells };
}

export const stratumKey = (s: Stratum) => `${s.age_band ?? ""}|${s.sex ?? ""}|${s.area ?? ""}`;

export type StrataReading = { ok: true; counts: { stratum: Stratum; sampled: number }[] } | { ok: false; errors: { field: string; message: string }[] };

/**
 * The typed counts (blank is 0), each a whole number; a count lower than the
 * codes already made for its stratum is refused, naming the stratum.
 */
export function readStrataCounts(grid: StrataGrid, form: FormValues, recorded: ReadonlyMap<string, number>, fieldId: (cell: StratumCell) => string): StrataReading {
  const errors: { field: string; message: string }[] = [];
  const counts: { stratum: Stratum; sampled: number }[] = [];
  for (const cell of grid.cells) {
    const typed = (oneValue(form, cell.name) ?? "").normalize("NFKC").replace(/[,\s]/g, "");
    const sampled = typed === "" ? 0 : /^\d{1,6}$/.test(typed) ? Number(typed) : Number.NaN;
    const already = recorded.get(stratumKey(cell.stratum)) ?? 0;
    if (Number.isNaN(sampled) || sampled > MAX_PER_STRATUM) {
      errors.push({ field: fieldId(cell), message: `${cell.label}の送付数は0〜${MAX_PER_STRATUM.toLocaleString("ja-JP")}の整数で入力してください` });
    } else if (sampled < already) {
      errors.push({ field: fieldId(cell), message: `${cell.label}は既に${already.toLocaleString("ja-JP")}人分の回答用コードを作っているため、それより少なくできません` });
    } else counts.push({ stratum: cell.stratum, sampled });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, counts };
}
