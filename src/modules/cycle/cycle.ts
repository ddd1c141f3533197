/**
 * The PDCA cycle as the rest of the application sees it: plain types, no
 * SQL, no HTTP. A cycle is one fiscal year's self-evaluation of a plan; each
 * initiative has one report in it (see migrations/0005_cycles.sql).
 */
import type { Grade } from "../plan/plan.ts";
import type { ReportState } from "./domain/report-workflow.ts";
import type { Role } from "../tenancy/roles.ts";

/** A day in Japan, "YYYY-MM-DD" (deadlines and as-of dates are days, not instants). */
export type IsoDate = string;

export type Deadlines = { reportDue: IsoDate; reviewDue: IsoDate; committeeDue: IsoDate };

export type Cycle = {
  id: number;
  municipalityId: number;
  planId: number;
  /** The fiscal year being evaluated. */
  fiscalYear: number;
  status: "open" | "closed";
  openedAt: Date;
  openedByLabel: string;
  deadlines: Deadlines;
};

export type Report = {
  id: number;
  cycleId: number;
  initiativeId: number;
  leadDivisionId: number | null;
  state: ReportState;
  lockVersion: number;
  planText: string | null;
  targetsConfirmed: boolean;
  selfGrade: Grade | null;
  gradeReasons: string | null;
  issues: string | null;
  improvementMeasures: string | null;
  nextYearPlan: string | null;
  cioGrade: Grade | null;
  cioGradeReason: string | null;
  updatedAt: Date;
  updatedByLabel: string | null;
};

/** The fields a division writes (PLAN, CHECK, ACTION); KPI actuals travel beside them. */
export type ReportFields = Pick<
  Report,
  "planText" | "targetsConfirmed" | "selfGrade" | "gradeReasons" | "issues" | "improvementMeasures" | "nextYearPlan"
>;

export const REPORT_FIELD_LABELS: Record<keyof ReportFields, string> = {
  planText: "当年度の取組計画",
  targetsConfirmed: "目標の確認",
  selfGrade: "自己評価",
  gradeReasons: "評価の理由",
  issues: "課題",
  improvementMeasures: "改善策",
  nextYearPlan: "次年度の取組計画",
};

export type KpiActual = {
  kpiId: number;
  /** A decimal as stored; null = not reported (never 0). Cumulative KPIs: the running total. */
  value: string | null;
  asOf: IsoDate | null;
  source: string | null;
};

export type DoEntry = {
  id: number;
  entryDate: IsoDate;
  body: string;
  divisionId: number | null;
  divisionName: string | null;
  createdByLabel: string;
  createdAt: Date;
};

export type Contribution = {
  divisionId: number;
  divisionName: string;
  body: string;
  updatedByLabel: string;
  updatedAt: Date;
  /** Its last saved time as the database holds it: the form sends it back (saveContribution's check). */
  version: string;
};

export type ReportEvent = {
  id: number;
  action: string;
  fromState: ReportState | null;
  toState: ReportState | null;
  comment: string | null;
  actorLabel: string;
  actorRole: Role | null;
  at: Date;
};

/** The grade that counts: the CIO's where the CIO changed it, else the division's. */
export const finalGrade = (r: Pick<Report, "selfGrade" | "cioGrade">): Grade | null => r.cioGrade ?? r.selfGrade;

/** States in which the year's grade is final (図表10 counts these). */
export const FINAL_STATES: readonly ReportState[] = ["finalised", "published"];
