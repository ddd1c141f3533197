/**
 * The plan as the application sees it: one aggregate, loaded whole (a plan
 * is a few hundred rows), shared by the portal, the open data exports and
 * later the PDCA workflow. Plain data, no behaviour tied to HTTP or SQL.
 */
import type { Municipality } from "../tenancy/municipality.ts";

export type Phase = "study" | "implement" | "expand";
export type Direction = "higher" | "lower" | "keep";
export type Grade = "S" | "A" | "B" | "C";
export type CollectiveKind = "all_bureaus" | "related_divisions" | "system_divisions";

export const PHASES: readonly Phase[] = ["study", "implement", "expand"];
export const GRADES: readonly Grade[] = ["S", "A", "B", "C"];

export const COLLECTIVE_LABELS: Record<CollectiveKind, string> = {
  all_bureaus: "全部局",
  related_divisions: "関係各課",
  system_divisions: "各システム担当課",
};

export const DIRECTION_LABELS: Record<Direction, string> = {
  higher: "高いほど良い",
  lower: "低いほど良い",
  keep: "維持",
};

export type ResponsibleDivision =
  | { kind: "division"; role: "lead" | "co"; divisionId: number; name: string; unit: string | null; note: string | null }
  | { kind: CollectiveKind; role: "lead" | "co" };

export type ScheduleRow = {
  label: string;
  /** fiscal year → phase; a year absent from the map has no phase. */
  phases: Map<number, Phase>;
  assumed: boolean;
  note: string | null;
};

/** A decimal exactly as stored, e.g. "38.0". null = no value (never 0). */
export type Decimal = string;

export type Kpi = {
  id: number;
  /** Stable public identifier within the municipality's plan, e.g. "14-1". */
  key: string;
  position: number;
  code: string | null;
  label: string;
  unit: string;
  direction: Direction;
  cumulative: boolean;
  baseline: { fiscalYear: number; value: Decimal | null; note: string | null } | null;
  /** fiscal year → target; null = — (no target). Every year of the period is present. */
  targets: Map<number, Decimal | null>;
  note: string | null;
};

export type Initiative = {
  id: number;
  number: number;
  policyNumber: number;
  title: string;
  isNew: boolean;
  divisions: ResponsibleDivision[];
  content: string[];
  goals: string[];
  schedule: ScheduleRow[];
  kpis: Kpi[];
};

export type Policy = {
  number: number;
  title: string;
  outcomes: { statement: string; description: string }[];
};

export type GlossaryTerm = { term: string; section: "alphabet" | "kana"; description: string; aliases: string[] };

export type Mapping = {
  code: string;
  group: string | null;
  title: string;
  detail: string | null;
  initiativeNumbers: number[];
  assumed: boolean;
  note: string | null;
};

export type EvaluationHistoryYear = {
  fiscalYear: number;
  total: number;
  note: string | null;
  results: { grade: Grade; count: number; printedPercent: number }[];
};

export type Plan = {
  id: number;
  municipality: Municipality;
  code: string;
  title: string;
  subtitle: string | null;
  goal: string;
  period: { startFiscalYear: number; endFiscalYear: number };
  source: { title: string; note: string | null };
  /** The adoption (策定) as the plan file gives it: "YYYY-MM-DD" or "YYYY-MM"; null = not given. */
  adoptedOn?: string | null;
  updatedAt: Date;
  phaseLegend: { phase: Phase; label: string; description: string }[];
  gradeDefinitions: { grade: Grade; definition: string }[];
  policies: Policy[];
  initiatives: Initiative[];
  glossary: GlossaryTerm[];
  nationalPriorityItems: Mapping[];
  dataUtilizationMeasures: Mapping[];
  evaluationHistory: { title: string; years: EvaluationHistoryYear[] } | null;
};

export function fiscalYearsOf(plan: Pick<Plan, "period">): number[] {
  const years: number[] = [];
  for (let y = plan.period.startFiscalYear; y <= plan.period.endFiscalYear; y++) years.push(y);
  return years;
}

export function kpiCount(plan: Pick<Plan, "initiatives">): number {
  return plan.initiatives.reduce((sum, i) => sum + i.kpis.length, 0);
}

export function divisionNames(initiative: Pick<Initiative, "divisions">): string[] {
  return initiative.divisions.map((d) => (d.kind === "division" ? d.name : COLLECTIVE_LABELS[d.kind]));
}
