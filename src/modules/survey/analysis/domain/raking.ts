/**
 * Raking (iterative proportional fitting): weights that make the weighted
 * sample match population totals on several margins at once (age band, sex,
 * area), each margin adjusted in turn until none changes. The same algorithm
 * as R's survey::rake with its default settings, on respondents instead of
 * a design object.
 *
 * Population totals are used as proportions and the weights are scaled to
 * average 1 (they sum to the number of respondents), so weighted counts stay
 * on the sample's scale and percentages are what changes (decision 030). A
 * respondent whose category on a margin is unknown (無回答) is left out of
 * that margin's adjustment: the margin's shares are applied to the weight of
 * those whose category is known.
 */
export type RakingMargin = {
  /** e.g. "age_band"; used in messages. */
  name: string;
  /** Population total per category code. */
  totals: ReadonlyMap<string, number>;
};

export type RakingRespondent = {
  /** Category code per margin name; undefined or a code not in the totals = unknown. */
  categories: Readonly<Record<string, string | undefined>>;
};

export type RakingResult =
  | { ok: true; weights: number[]; iterations: number; converged: true }
  | { ok: false; message: string };

export function rake(
  respondents: readonly RakingRespondent[],
  margins: readonly RakingMargin[],
  options: { maxIterations?: number; tolerance?: number } = {},
): RakingResult {
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  if (respondents.length === 0) return { ok: false, message: "回答がないため、重みを計算できません。" };
  for (const margin of margins) {
    const population = [...margin.totals.values()].reduce((a, b) => a + b, 0);
    if (!(population > 0)) return { ok: false, message: `「${margin.name}」の母集団の合計が0です。` };
    for (const [code, total] of margin.totals) {
      const present = respondents.some((r) => r.categories[margin.name] === code);
      if (total > 0 && !present) {
        return { ok: false, message: `「${margin.name}」の区分「${code}」に回答者がいないため、この区分に合わせる重みを作れません。区分をまとめてください。` };
      }
    }
  }
  const weights = respondents.map(() => 1);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    let largestChange = 0;
    for (const margin of margins) {
      const population = [...margin.totals.values()].reduce((a, b) => a + b, 0);
      const current = new Map<string, number>();
      let known = 0;
      respondents.forEach((r, i) => {
        const code = r.categories[margin.name];
        if (code === undefined || !margin.totals.has(code)) return;
        current.set(code, (current.get(code) ?? 0) + weights[i]!);
        known += weights[i]!;
      });
      const factors = new Map<string, number>();
      for (const [code, sum] of current) factors.set(code, ((margin.totals.get(code)! / population) * known) / sum);
      respondents.forEach((r, i) => {
        const factor = factors.get(r.categories[margin.name] ?? "");
        if (factor === undefined) return;
        largestChange = Math.max(largestChange, Math.abs(factor - 1));
        weights[i]! *= factor;
      });
    }
    if (largestChange < tolerance) {
      const mean = weights.reduce((a, b) => a + b, 0) / weights.length;
      return { ok: true, weights: weights.map((w) => w / mean), iterations: iteration, converged: true };
    }
  }
  return { ok: false, message: `${maxIterations}回の調整で収束しませんでした。母集団の数と区分を確かめてください。` };
}
