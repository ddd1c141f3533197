/**
 * 回収率 by stratum while the survey runs: for each value of each stratum
 * attribute, the residents sampled and those whose code has a response
 * (online submitted, or paper keyed). A stratum nobody was sampled in shows
 * 「－」, not 0%.
 */
import { attributeQuestion, type SurveyDefinition } from "../../domain/definition.ts";
import { STRATUM_ATTRIBUTES, STRATUM_COLUMNS, type StratumAttribute } from "./sample-frame.ts";

export type StratumCount = { ageBand: string | null; sex: string | null; area: string | null; sampled: number; responded: number };
export type RateRow = { label: string; sampled: number; responded: number; rate: string };
export type RateTable = { attribute: StratumAttribute | "total"; title: string; rows: RateRow[] };

export function rateText(responded: number, sampled: number): string {
  return sampled === 0 ? "－" : `${((responded / sampled) * 100).toFixed(1)}%`;
}

const keyOf = (count: StratumCount, attribute: StratumAttribute) =>
  attribute === "age_band" ? count.ageBand : attribute === "sex" ? count.sex : count.area;

export function responseRates(definition: SurveyDefinition | undefined, counts: readonly StratumCount[]): RateTable[] {
  const total = counts.reduce((acc, c) => ({ sampled: acc.sampled + c.sampled, responded: acc.responded + c.responded }), { sampled: 0, responded: 0 });
  const tables: RateTable[] = [{ attribute: "total", title: "全体", rows: [{ label: "全体", ...total, rate: rateText(total.responded, total.sampled) }] }];
  for (const attribute of STRATUM_ATTRIBUTES) {
    if (counts.every((c) => keyOf(c, attribute) === null)) continue;
    const question = definition && attributeQuestion(definition, attribute);
    const sums = new Map<string | null, { sampled: number; responded: number }>();
    // The questionnaire's order of options first, then anything else (an option removed since), then 不明.
    for (const option of question?.options ?? []) sums.set(option.code, { sampled: 0, responded: 0 });
    for (const c of counts) {
      const key = keyOf(c, attribute);
      const sum = sums.get(key) ?? { sampled: 0, responded: 0 };
      sums.set(key, { sampled: sum.sampled + c.sampled, responded: sum.responded + c.responded });
    }
    const label = (code: string | null) => (code === null ? "不明" : (question?.options.find((o) => o.code === code)?.label ?? code));
    tables.push({
      attribute,
      title: STRATUM_COLUMNS[attribute],
      rows: [...sums].map(([code, s]) => ({ label: label(code), ...s, rate: rateText(s.responded, s.sampled) })),
    });
  }
  return tables;
}
