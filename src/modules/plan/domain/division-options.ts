/**
 * The choices of a "担当課" filter: every division named as responsible in
 * the plan (by name, in Japanese order), then the collective kinds used
 * (全部局, 関係各課, …). Shared by the initiative list and the results pages.
 */
import { COLLECTIVE_LABELS, type Plan } from "../plan.ts";

export type DivisionOption = { value: string; label: string };

export function divisionOptions(plan: Plan): DivisionOption[] {
  const named = new Map<number, string>();
  const kinds = new Set<keyof typeof COLLECTIVE_LABELS>();
  for (const i of plan.initiatives) {
    for (const d of i.divisions) {
      if (d.kind === "division") named.set(d.divisionId, d.name);
      else kinds.add(d.kind);
    }
  }
  return [
    ...[...named].sort((a, b) => a[1].localeCompare(b[1], "ja")).map(([id, name]) => ({ value: String(id), label: name })),
    ...[...kinds].map((k) => ({ value: k, label: COLLECTIVE_LABELS[k] })),
  ];
}
