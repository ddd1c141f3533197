/**
 * Percentages of the 図表10 table. Rule (stated on the page): each grade's
 * share of the total is rounded to a whole percent by the largest remainder
 * method, so that the shares always add up to 100%: take the integer part of
 * each share, then give the points still missing to the grades with the
 * largest fractional parts (ties: the higher grade first).
 *
 * The plan's printed 令和2年度 and 令和3年度 figures follow this rule; its
 * 令和元年度 figures (19% / 55% / 26%) differ by one point from it (18% / 56%
 * / 26%). Printed history is shown as printed; computed years use the rule.
 */
import type { Grade } from "../plan.ts";

export type GradeCount = { grade: Grade; count: number };

/** null when the total is 0: a share of nothing is "no value", not 0%. */
export function gradeShares(counts: GradeCount[]): Map<Grade, number> | null {
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  if (total === 0) return null;
  // Integer arithmetic: count*100 = whole*total + remainder, no float rounding.
  const parts = counts.map((c, order) => ({
    grade: c.grade,
    order,
    whole: Math.floor((c.count * 100) / total),
    remainder: (c.count * 100) % total,
  }));
  let missing = 100 - parts.reduce((sum, p) => sum + p.whole, 0);
  const byRemainder = [...parts].sort((a, b) => b.remainder - a.remainder || a.order - b.order);
  for (const p of byRemainder) {
    if (missing <= 0) break;
    if (p.remainder === 0) continue;
    p.whole += 1;
    missing -= 1;
  }
  return new Map(parts.map((p) => [p.grade, p.whole]));
}
