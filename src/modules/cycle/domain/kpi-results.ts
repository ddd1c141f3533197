/**
 * A report's KPI table: for each KPI of the initiative, the year's target
 * (kpi_target), the reported actual and what the achievement rule
 * (achievement.ts) makes of them. Pure, shared by the CHECK form, the
 * dashboards and the public results.
 */
import type { Grade, Kpi } from "../../plan/plan.ts";
import type { KpiActual } from "../cycle.ts";
import { achievement, initiativeSuggestion, type Achievement } from "./achievement.ts";

export type KpiResult = {
  kpi: Kpi;
  /** The year's target; null = — (no target that year). */
  target: string | null;
  actual: KpiActual | null;
  achievement: Achievement;
};

export function kpiResults(kpis: readonly Kpi[], fiscalYear: number, actuals: ReadonlyMap<number, KpiActual>): KpiResult[] {
  return kpis.map((kpi) => {
    const target = kpi.targets.get(fiscalYear) ?? null;
    const actual = actuals.get(kpi.id) ?? null;
    return { kpi, target, actual, achievement: achievement({ direction: kpi.direction, target, actual: actual?.value ?? null }) };
  });
}

/** The grade the KPIs suggest (the lowest among rated KPIs), or undefined when none could be rated. */
export function suggestedGrade(results: readonly KpiResult[]): Grade | undefined {
  return initiativeSuggestion(results.map((r) => r.achievement));
}

/** 104.5% / 達成（率なし）/ 実績未入力 / 目標値なし — never 0% for a missing value. */
export function achievementLabel(a: Achievement): string {
  switch (a.status) {
    case "no_actual":
      return "実績未入力";
    case "no_target":
      return "目標値なし";
    case "rated":
      if (a.ratePercent === null) return a.met ? "達成（率は算出できません）" : "未達成（率は算出できません）";
      return `${a.ratePercent.toFixed(1)}%（${a.met ? "達成" : "未達成"}）`;
  }
}
