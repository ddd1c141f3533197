/**
 * The achievement rate of a KPI for one fiscal year, and the grade it
 * suggests. The rule (shown to divisions beside the CHECK form):
 *
 * - Reported actuals of cumulative (累計) KPIs are running totals, compared
 *   with the year's running-total target as they are.
 * - higher is better: rate = actual ÷ target.
 * - lower is better:  rate = target ÷ actual (an actual of 0 meets any target).
 * - keep:             met when actual ≥ target; rate = actual ÷ target, at most 100%.
 * - No actual yet, or no target that year (—): no rate and no suggestion —
 *   never 0%. A missing baseline does not matter: the rate compares against
 *   the year's target only, so KPIs whose baseline is 「－」 are rated too.
 * - A target of 0 (higher/keep) is met by any actual ≥ 0: the rate is not a
 *   number there, so only "met" is given.
 *
 * Suggested grade from the rate (the plan's definitions of S/A/B/C):
 *   S 目標を上回る ≥ 110%, A 目標どおり ≥ 100%, B 下回る ≥ 70%, C 大幅に下回る < 70%.
 * The division's own grade is its decision; the suggestion is a guide.
 *
 * Decimals arrive as strings (as stored); they are compared as scaled integers
 * so that 38.0 vs 38 or 0.1 + 0.2 never depend on floating point.
 */
import type { Direction, Grade } from "../../plan/plan.ts";

export type Achievement =
  | { status: "no_actual" }
  | { status: "no_target" }
  | { status: "rated"; met: boolean; /** percent, one decimal place, or null when not a number (target 0) */ ratePercent: number | null; suggestedGrade: Grade };

export const GRADE_THRESHOLDS = { S: 110, A: 100, B: 70 } as const;

export function achievement(input: {
  direction: Direction;
  target: string | null;
  actual: string | null;
}): Achievement {
  if (input.actual === null) return { status: "no_actual" };
  if (input.target === null) return { status: "no_target" };
  const [target, actual] = toScaled(input.target, input.actual);
  let rate: number | null;
  let met: boolean;
  switch (input.direction) {
    case "higher":
      met = actual >= target;
      rate = target === 0n ? null : ratio(actual, target);
      break;
    case "lower":
      met = actual <= target;
      rate = actual === 0n ? null : ratio(target, actual);
      break;
    case "keep":
      met = actual >= target;
      rate = target === 0n ? null : Math.min(100, ratio(actual, target));
      break;
  }
  const suggestedGrade = rate === null ? (met ? "A" : "C") : gradeFor(rate);
  return { status: "rated", met, ratePercent: rate, suggestedGrade };
}

export function gradeFor(ratePercent: number): Grade {
  if (ratePercent >= GRADE_THRESHOLDS.S) return "S";
  if (ratePercent >= GRADE_THRESHOLDS.A) return "A";
  if (ratePercent >= GRADE_THRESHOLDS.B) return "B";
  return "C";
}

/**
 * An initiative's suggestion from its KPIs: the lowest suggested grade among
 * the rated ones (one missed KPI is not hidden by another's overachievement).
 * undefined when no KPI could be rated.
 */
export function initiativeSuggestion(achievements: Achievement[]): Grade | undefined {
  const order: Grade[] = ["C", "B", "A", "S"];
  const rated = achievements.flatMap((a) => (a.status === "rated" ? [a.suggestedGrade] : []));
  if (rated.length === 0) return undefined;
  return order.find((g) => rated.includes(g));
}

/** a ÷ b as a percentage rounded half up to one decimal place, from scaled integers. */
function ratio(a: bigint, b: bigint): number {
  const tenths = (a * 1000n * 2n + b) / (b * 2n); // round half up (a, b ≥ 0)
  return Number(tenths) / 10;
}

/** Both decimals as integers at their common scale: "38.0", "38" → 380n, 380n. KPI values are never negative. */
function toScaled(...decimals: [string, string]): [bigint, bigint] {
  const scale = Math.max(...decimals.map((d) => (d.split(".")[1] ?? "").length));
  const scaled = decimals.map((d) => {
    const [whole, fraction = ""] = d.split(".");
    return BigInt(`${whole}${fraction.padEnd(scale, "0")}`);
  });
  return [scaled[0]!, scaled[1]!];
}
