/**
 * A plan (a revision's content, in the plan-file form) as the rows of the
 * plan workbook's sheets. Pure: the writer (write-plan-workbook.ts) turns
 * these rows into an .xlsx file. Numbers stay decimals as printed here;
 * "no value" stays null (an empty cell), never 0.
 */
import type { PlanFile } from "../plan-file-schema.ts";
import { fiscalYearsOf } from "../plan.ts";
import { DIRECTION_WORDS, KIND_WORDS, LINE_WORDS, NO, PHASE_WORDS, sheetLayouts, YES, type SheetKey, type SheetLayout } from "./layout.ts";

/** A cell to write: text, a whole number, a plan decimal (written as a number with its scale), or empty. */
export type OutCell = string | number | { decimal: string } | null;
export type OutRow = Record<string, OutCell>;
export type OutSheet = SheetLayout & { rows: OutRow[] };

const yesNo = (b: boolean) => (b ? YES : NO);
const decimal = (d: string | null | undefined): OutCell => (d === null || d === undefined ? null : { decimal: d });

export function planToWorkbookSheets(plan: PlanFile): OutSheet[] {
  const years = fiscalYearsOf(plan);
  const rows: Record<SheetKey, OutRow[]> = {
    policies: plan.policies.map((p) => ({ number: p.number, title: p.title })),
    outcomes: plan.policies.flatMap((p) =>
      p.outcomes.map((o, i) => ({ policy: p.number, order: i + 1, statement: o.statement, description: o.description })),
    ),
    initiatives: plan.initiatives.map((i) => ({ initiative: i.number, policy: i.policy, title: i.title, isNew: yesNo(i.isNew) })),
    divisions: plan.initiatives.flatMap((i) =>
      i.divisions.map((d, n) => ({
        initiative: i.number,
        order: n + 1,
        kind: KIND_WORDS[d.kind],
        name: d.kind === "division" ? d.name : null,
        unit: d.kind === "division" ? (d.unit ?? null) : null,
        note: d.kind === "division" ? (d.note ?? null) : null,
      })),
    ),
    lines: plan.initiatives.flatMap((i) => [
      ...i.content.map((text, n) => ({ initiative: i.number, part: LINE_WORDS.content, order: n + 1, text })),
      ...i.goals.map((text, n) => ({ initiative: i.number, part: LINE_WORDS.goals, order: n + 1, text })),
    ]),
    schedule: plan.initiatives.flatMap((i) =>
      i.schedule.map((s, n) => {
        const row: OutRow = { initiative: i.number, order: n + 1, label: s.label };
        for (const y of years) {
          const phase = s.phases[String(y)];
          row[`phase:${y}`] = phase ? PHASE_WORDS[phase] : null;
        }
        return { ...row, assumed: yesNo(s.assumed), note: s.note ?? null };
      }),
    ),
    kpis: plan.initiatives.flatMap((i) =>
      i.kpis.map((k, n) => {
        const row: OutRow = {
          initiative: i.number,
          order: n + 1,
          code: k.code,
          label: k.label,
          unit: k.unit,
          direction: DIRECTION_WORDS[k.direction],
          cumulative: yesNo(k.cumulative),
          baselineYear: k.baseline?.fiscalYear ?? null,
          baselineValue: decimal(k.baseline?.value),
          baselineNote: k.baseline?.note ?? null,
        };
        for (const y of years) row[`target:${y}`] = decimal(k.targets[String(y)]);
        return { ...row, note: k.note ?? null };
      }),
    ),
  };
  return sheetLayouts(years).map((layout) => ({ ...layout, rows: rows[layout.key] }));
}
