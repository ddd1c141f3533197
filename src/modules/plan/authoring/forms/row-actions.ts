/**
 * Adding, removing and reordering rows (divisions, schedule rows, KPIs,
 * outcomes, glossary terms) without JavaScript: each such button submits the
 * form with `_action` = "add:kpis", "remove:kpis:2" or "up:divisions:1", and
 * the page comes back with the rows changed and everything typed kept.
 * Nothing is saved until the person presses 保存.
 */
import { oneValue, type FormValues } from "../../../../core/http/form.ts";

export const ACTION_FIELD = "_action";

export type RowAction = { op: "add" | "remove" | "up"; list: string; index: number };

export const rowAction = (op: RowAction["op"], list: string, index = 0): string => `${op}:${list}:${index}`;

/** The row action a submission asks for, or undefined for 保存. */
export function parseRowAction(values: FormValues): RowAction | undefined {
  const m = /^(add|remove|up):([A-Za-z0-9.]+):(\d{1,4})$/.exec(oneValue(values, ACTION_FIELD) ?? "");
  return m ? { op: m[1] as RowAction["op"], list: m[2]!, index: Number(m[3]) } : undefined;
}

/** The list after the action; an index outside the list changes nothing. */
export function applyRowAction<T>(list: readonly T[], action: RowAction, blank: () => T): T[] {
  const rows = [...list];
  if (action.op === "add") rows.push(blank());
  else if (action.index >= rows.length) return rows;
  else if (action.op === "remove") rows.splice(action.index, 1);
  else if (action.index > 0) [rows[action.index - 1], rows[action.index]] = [rows[action.index]!, rows[action.index - 1]!];
  return rows;
}

/** Rows are numbered from 0 with no gaps: reads rows until the first index whose `probe` field is absent. */
export function rowIndexes(values: FormValues, probe: (index: number) => string, max = 500): number[] {
  const indexes: number[] = [];
  for (let i = 0; i < max && values[probe(i)] !== undefined; i++) indexes.push(i);
  return indexes;
}
