/**
 * 訂正: the secretariat corrects a published result with a reason. Which
 * fields can be corrected: the grade that counts (the CIO's where the CIO
 * changed it, else the division's), the grade's reasons, the issues, the
 * improvement measures and the KPI actuals. A correction records only the
 * fields that changed, with their values before and after, so the public page
 * can say what the result said before (nothing published disappears silently).
 */
import type { Grade } from "../../plan/plan.ts";
import { finalGrade, type KpiActual, type Report } from "../cycle.ts";

export type CorrectableText = "gradeReasons" | "issues" | "improvementMeasures";
export const CORRECTABLE_TEXTS: readonly CorrectableText[] = ["gradeReasons", "issues", "improvementMeasures"];

export const CORRECTION_LABELS: Record<CorrectableText | "grade", string> = {
  grade: "評価",
  gradeReasons: "評価の理由",
  issues: "課題",
  improvementMeasures: "改善策",
};

export type ActualValues = Pick<KpiActual, "value" | "asOf" | "source">;

/** One side of a correction: only the fields that changed. KPI keys are KPI ids. */
export type CorrectedFields = {
  grade?: Grade | null;
  gradeReasons?: string | null;
  issues?: string | null;
  improvementMeasures?: string | null;
  kpi?: Record<string, ActualValues>;
};

export type ResultCorrection = {
  id: number;
  reportId: number;
  correctedAt: Date;
  reason: string;
  before: CorrectedFields;
  after: CorrectedFields;
};

/** What the secretariat asks for: the whole correctable part of the result. */
export type ProposedResult = {
  grade: Grade;
  gradeReasons: string | null;
  issues: string | null;
  improvementMeasures: string | null;
  actuals: KpiActual[];
};

type Current = { report: Report; actuals: ReadonlyMap<number, KpiActual> };

const sameActual = (a: ActualValues | undefined, b: ActualValues) =>
  (a?.value ?? null) === b.value && (a?.asOf ?? null) === b.asOf && (a?.source ?? null) === b.source;

/** The fields that differ, before and after; empty objects when nothing would change. */
export function correctionDiff(current: Current, proposed: ProposedResult): { before: CorrectedFields; after: CorrectedFields } {
  const before: CorrectedFields = {};
  const after: CorrectedFields = {};
  const grade = finalGrade(current.report);
  if (grade !== proposed.grade) {
    before.grade = grade;
    after.grade = proposed.grade;
  }
  for (const field of CORRECTABLE_TEXTS) {
    if ((current.report[field] ?? null) !== proposed[field]) {
      before[field] = current.report[field];
      after[field] = proposed[field];
    }
  }
  for (const actual of proposed.actuals) {
    const was = current.actuals.get(actual.kpiId);
    const now = { value: actual.value, asOf: actual.asOf, source: actual.source };
    if (sameActual(was, now)) continue;
    (before.kpi ??= {})[String(actual.kpiId)] = { value: was?.value ?? null, asOf: was?.asOf ?? null, source: was?.source ?? null };
    (after.kpi ??= {})[String(actual.kpiId)] = now;
  }
  return { before, after };
}

export const isEmptyCorrection = (fields: CorrectedFields) => Object.keys(fields).length === 0;

/**
 * The rules of the CHECK form hold for a corrected result too (they are
 * also constraints of initiative_report): a grade needs its reasons, and a B
 * or C needs the issues and the improvement measures. Field key → message.
 */
export function correctionProblems(proposed: ProposedResult): { field: "gradeReasons" | "issues" | "improvementMeasures"; message: string }[] {
  const problems: { field: "gradeReasons" | "issues" | "improvementMeasures"; message: string }[] = [];
  if (proposed.gradeReasons === null) problems.push({ field: "gradeReasons", message: "評価の理由を入力してください" });
  if (proposed.grade === "B" || proposed.grade === "C") {
    if (proposed.issues === null) problems.push({ field: "issues", message: `${proposed.grade}評価の場合は、課題を入力してください` });
    if (proposed.improvementMeasures === null) {
      problems.push({ field: "improvementMeasures", message: `${proposed.grade}評価の場合は、改善策を入力してください` });
    }
  }
  return problems;
}
