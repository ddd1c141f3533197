/**
 * The yearly 図表10 computed from final grades, and the initiatives that
 * stayed at B or C two years running (the committee looks at these first).
 * Shares use the same rule as the printed history page (grade-shares.ts,
 * decision 006).
 */
import { gradeShares, type GradeCount } from "../../plan/domain/grade-shares.ts";
import { GRADES, type Grade } from "../../plan/plan.ts";

export type YearSummary = {
  fiscalYear: number;
  counts: GradeCount[];
  total: number;
  /** null when nothing is graded yet (no shares, not 0%). */
  shares: Map<Grade, number> | null;
};

export function summariseGrades(fiscalYear: number, grades: readonly Grade[]): YearSummary {
  const counts = GRADES.map((grade) => ({ grade, count: grades.filter((g) => g === grade).length }));
  return { fiscalYear, counts, total: grades.length, shares: gradeShares(counts) };
}

const LOW: readonly Grade[] = ["B", "C"];

/** Initiative ids graded B or C in both years (ids are stable across plan revisions). */
export function lowTwoYearsRunning(previous: ReadonlyMap<number, Grade>, current: ReadonlyMap<number, Grade>): number[] {
  return [...current]
    .filter(([id, grade]) => LOW.includes(grade) && LOW.includes(previous.get(id) ?? "S"))
    .map(([id]) => id)
    .sort((a, b) => a - b);
}
