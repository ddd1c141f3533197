/**
 * How values of a plan file are written in a change: the same words the
 * portal uses (和暦, digit grouping, 「—」 for no target), so that a reader
 * recognises on the change history what they saw on the plan's pages.
 */
import { fiscalYearLabel, periodLabel, warekiFiscalYear } from "../../../../core/format/fiscal-year.ts";
import { groupDigits } from "../../../../core/format/number.ts";
import type { PlanFile, PlanFileInitiative, PlanFileKpi } from "../../plan-file-schema.ts";
import { COLLECTIVE_LABELS, DIRECTION_LABELS, type Phase } from "../../plan.ts";

export const NO_TARGET_TEXT = "—（目標なし）";
export const NO_PHASE_TEXT = "なし";
export const OUTSIDE_PERIOD_TEXT = "（計画期間外）";

const DEFAULT_PHASE_LABELS: Record<Phase, string> = { study: "検討", implement: "実施", expand: "拡大" };

export function periodText(plan: PlanFile): string {
  return periodLabel(plan.period.startFiscalYear, plan.period.endFiscalYear);
}

export function yearField(year: string | number, what: string): string {
  return `${fiscalYearLabel(Number(year))}の${what}`;
}

export function targetText(value: string | null | undefined, unit: string): string {
  if (value === undefined) return OUTSIDE_PERIOD_TEXT;
  return value === null ? NO_TARGET_TEXT : `${groupDigits(value)}${unit}`;
}

export function baselineText(kpi: PlanFileKpi): string {
  const b = kpi.baseline;
  if (!b) return "基準値なし";
  const value = b.value === null ? "－（値なし）" : `${groupDigits(b.value)}${kpi.unit}`;
  return `${value}（${warekiFiscalYear(b.fiscalYear)}実績）${b.note ? `（${b.note}）` : ""}`;
}

export function kpiSubject(kpi: PlanFileKpi): string {
  return `数値目標「${kpi.code ? `${kpi.code} ` : ""}${kpi.label}」`;
}

export function kpiSummary(kpi: PlanFileKpi): string {
  const targets = Object.entries(kpi.targets)
    .map(([year, value]) => `${warekiFiscalYear(Number(year))} ${targetText(value, kpi.unit)}`)
    .join("、");
  return `単位: ${kpi.unit}（${DIRECTION_LABELS[kpi.direction]}）／基準値: ${baselineText(kpi)}／目標値: ${targets}`;
}

export function directionText(kpi: PlanFileKpi): string {
  return DIRECTION_LABELS[kpi.direction];
}

export function phaseLabels(plan: PlanFile): Record<Phase, string> {
  const labels = { ...DEFAULT_PHASE_LABELS };
  for (const l of plan.phaseLegend) labels[l.phase] = l.label;
  return labels;
}

export function phaseText(phase: Phase | null | undefined, labels: Record<Phase, string>): string {
  if (phase === undefined) return OUTSIDE_PERIOD_TEXT;
  return phase === null ? NO_PHASE_TEXT : labels[phase];
}

export function phasesSummary(phases: Record<string, Phase | null>, labels: Record<Phase, string>): string {
  return Object.entries(phases)
    .map(([year, phase]) => `${warekiFiscalYear(Number(year))} ${phaseText(phase, labels)}`)
    .join("、");
}

export function divisionsText(item: PlanFileInitiative): string {
  return item.divisions
    .map((d) => (d.kind === "division" ? `${d.name}${d.unit ? `（${d.unit}）` : ""}` : COLLECTIVE_LABELS[d.kind]))
    .join("、");
}

/** Lines of text (取組内容, 目標, 成果) as one value; pages print each line on its own. */
export function linesText(lines: readonly string[]): string {
  return lines.join("\n");
}

export function initiativeNumbersText(numbers: readonly number[]): string {
  return numbers.length === 0 ? "なし" : `取組項目 ${[...new Set(numbers)].sort((a, b) => a - b).join("、")}`;
}

export function yesNo(value: boolean, yes: string, no: string): string {
  return value ? yes : no;
}

export function optionalText(value: string | undefined): string {
  return value ?? "なし";
}
