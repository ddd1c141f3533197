/**
 * nextPlanDraft: the first draft of the next plan (e.g. 令和8年度〜令和11年度),
 * copied from the current one so the secretariat revises rather than retypes.
 * What carries over is the plan's structure and wording; what belongs to the
 * old period (its targets, its schedule, its baselines) starts empty for the
 * new years, so no old figure is silently presented as a new commitment.
 */
import type { PlanFile, PlanFileKpi } from "../../plan-file-schema.ts";
import { kpiNaturalKey } from "./diff-initiatives.ts";

export type NextPlanOptions = {
  code: string;
  /** Defaults to the current plan's title. */
  title?: string;
  startFiscalYear: number;
  endFiscalYear: number;
  /**
   * Baselines known when the draft is made (usually the last year's actuals),
   * by `kpiKey(initiativeNumber, kpi)`. A KPI without one has no baseline.
   */
  baselines?: ReadonlyMap<string, NonNullable<PlanFileKpi["baseline"]>>;
};

/** Addresses a KPI across plans: initiative number and the KPI's natural key. */
export const kpiKey = (initiativeNumber: number, kpi: Pick<PlanFileKpi, "code" | "label">): string =>
  `${initiativeNumber}:${kpiNaturalKey(kpi)}`;

/**
 * Pure and total: options that make an invalid plan (a bad code, an end before
 * the start) give a draft that the plan-file schema rejects, and the caller
 * (createNextPlan) validates it like any other content.
 */
export function nextPlanDraft(current: PlanFile, options: NextPlanOptions): PlanFile {
  const years: string[] = [];
  for (let y = options.startFiscalYear; y <= options.endFiscalYear; y++) years.push(String(y));
  const empty = <T>() => Object.fromEntries(years.map((y) => [y, null])) as Record<string, T | null>;
  const title = options.title ?? current.title;

  return {
    ...structuredClone(current),
    code: options.code,
    title,
    period: { startFiscalYear: options.startFiscalYear, endFiscalYear: options.endFiscalYear },
    // The source describes the printed document; the new plan has none yet.
    source: { title, note: `${current.title}（${current.code}）を複製して作成した案` },
    initiatives: current.initiatives.map((item) => ({
      ...structuredClone(item),
      // 「新規」 marks what the previous plan did not have; everything copied continues from it.
      isNew: false,
      schedule: item.schedule.map((row) => ({
        label: row.label,
        phases: empty(),
        // The old row's reading of the printed layout does not apply to the new years.
        assumed: false,
      })),
      kpis: item.kpis.map((k) => {
        const kpi: PlanFileKpi = {
          ...structuredClone(k),
          baseline: options.baselines?.get(kpiKey(item.number, k)) ?? null,
          targets: empty(),
        };
        return kpi;
      }),
    })),
  };
}
