/**
 * Pure edits of a draft's content that go beyond replacing one field: putting
 * an initiative in its place, removing one together with the references to
 * it, and moving the plan period. Each returns a new plan (unknown where a
 * part comes from a form and is not validated yet); the caller validates the
 * whole with the plan-file schema before anything is saved.
 */
import type { PlanFile } from "../../plan-file-schema.ts";
import { periodYears } from "./form-input.ts";

/** The plan with initiative `number` replaced (or, when absent, added in number order), and its index. */
export function putInitiative(plan: PlanFile, number: number, candidate: unknown): { content: unknown; index: number } {
  const initiatives: unknown[] = [...plan.initiatives];
  let index = plan.initiatives.findIndex((i) => i.number === number);
  if (index >= 0) initiatives[index] = candidate;
  else {
    index = plan.initiatives.findIndex((i) => i.number > number);
    if (index < 0) index = initiatives.length;
    initiatives.splice(index, 0, candidate);
  }
  return { content: { ...plan, initiatives }, index };
}

/**
 * The plan without initiative `number`. The 図表2 and 図表5 mappings name
 * initiatives by number; a mapping to a removed initiative would make the
 * plan invalid, so those references go with it (the diff preview shows it).
 */
export function removeInitiative(plan: PlanFile, number: number): PlanFile {
  const drop = <T extends { initiatives: number[] }>(m: T): T => ({ ...m, initiatives: m.initiatives.filter((n) => n !== number) });
  return {
    ...plan,
    initiatives: plan.initiatives.filter((i) => i.number !== number),
    nationalPriorityItems: plan.nationalPriorityItems.map(drop),
    dataUtilizationMeasures: plan.dataUtilizationMeasures.map(drop),
  };
}

/** Where an initiative is named outside itself: what removing it also changes. */
export function referencesTo(plan: PlanFile, number: number): string[] {
  return [
    ...plan.nationalPriorityItems.filter((m) => m.initiatives.includes(number)).map((m) => `国の自治体DX推進計画との対応（図表2） ${m.code} ${m.title}`),
    ...plan.dataUtilizationMeasures.filter((m) => m.initiatives.includes(number)).map((m) => `官民データ活用推進基本法の施策との対応（図表5） ${m.number} ${m.measure}`),
  ];
}

/**
 * The plan over another period. Targets and schedule phases are kept for the
 * years both periods share; new years start empty (no target, no phase) and
 * years outside the new period are dropped. Invalid years (not whole numbers,
 * an end before the start) leave the yearly values alone: the schema reports them.
 */
export function withPeriod(plan: PlanFile, start: unknown, end: unknown): unknown {
  const moved = { ...plan, period: { startFiscalYear: start, endFiscalYear: end } };
  if (typeof start !== "number" || typeof end !== "number" || !Number.isInteger(start) || !Number.isInteger(end) || end < start || end - start > 20) {
    return moved;
  }
  const years = periodYears({ startFiscalYear: start, endFiscalYear: end });
  const rekey = <T>(values: Record<string, T | null>) => Object.fromEntries(years.map((y) => [y, values[y] ?? null]));
  return {
    ...moved,
    initiatives: plan.initiatives.map((item) => ({
      ...item,
      schedule: item.schedule.map((row) => ({ ...row, phases: rekey(row.phases) })),
      kpis: item.kpis.map((k) => ({ ...k, targets: rekey(k.targets) })),
    })),
  };
}
