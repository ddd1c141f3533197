/**
 * A prefecture's municipalities side by side (issue #9 §3): what each plan
 * covers (period, size, initiatives per national priority item 図表2 and per
 * data-utilization measure 図表5) and what each has PUBLISHED of its yearly
 * results. Pure: built from the plans and their published years, so nothing
 * unpublished can enter it.
 *
 * "No value" stays apart from zero: an item a plan does not list at all is
 * `null` (shown 「－」, "not in this plan's table"), an item it lists with no
 * initiative is 0.
 */
import type { PolicyYear } from "../cycle/published-results.ts";
import { kpiCount, type Mapping, type Plan } from "../plan/plan.ts";

export type ComparedMunicipality = {
  lgCode: string;
  name: string;
  plan: { title: string; startFiscalYear: number; endFiscalYear: number; policies: number; initiatives: number; kpis: number };
  years: PolicyYear[];
};

export type MappingRow = { code: string; title: string; counts: (number | null)[] };

export type PrefectureComparison = {
  municipalities: ComparedMunicipality[];
  nationalPriorities: MappingRow[];
  dataUtilization: MappingRow[];
  /** Every fiscal year any of them has published, ascending. */
  publishedYears: number[];
};

export function comparePlans(entries: readonly { plan: Plan; years: PolicyYear[] }[]): PrefectureComparison {
  const sorted = [...entries].sort((a, b) => a.plan.municipality.lgCode.localeCompare(b.plan.municipality.lgCode));
  return {
    municipalities: sorted.map(({ plan, years }) => ({
      lgCode: plan.municipality.lgCode,
      name: plan.municipality.name,
      plan: {
        title: plan.title,
        startFiscalYear: plan.period.startFiscalYear,
        endFiscalYear: plan.period.endFiscalYear,
        policies: plan.policies.length,
        initiatives: plan.initiatives.length,
        kpis: kpiCount(plan),
      },
      years,
    })),
    nationalPriorities: mappingRows(sorted.map((e) => e.plan.nationalPriorityItems)),
    dataUtilization: mappingRows(sorted.map((e) => e.plan.dataUtilizationMeasures)),
    publishedYears: [...new Set(sorted.flatMap((e) => e.years.map((y) => y.summary.fiscalYear)))].sort((a, b) => a - b),
  };
}

/** One row per item code found in any plan, in the order first met; a count per plan, null where the plan lacks the item. */
function mappingRows(perPlan: readonly Mapping[][]): MappingRow[] {
  const rows = new Map<string, MappingRow>();
  perPlan.forEach((mappings, column) => {
    for (const m of mappings) {
      const row = rows.get(m.code) ?? { code: m.code, title: m.title, counts: perPlan.map(() => null) };
      row.counts[column] = new Set(m.initiativeNumbers).size;
      rows.set(m.code, row);
    }
  });
  return [...rows.values()];
}
