/**
 * The plan as a document (計画書): the plan aggregate turned into the plain
 * model the views print, so a revised plan is published without retyping it.
 */
import { DIRECTION_LABELS, divisionNames, fiscalYearsOf, type Plan } from "../../plan/plan.ts";
import type { PlanDocument } from "./content.ts";
import { documentFrame } from "./annual-report.ts";

export function buildPlanDocument(plan: Plan): PlanDocument {
  const years = fiscalYearsOf(plan);
  const legend = new Map(plan.phaseLegend.map((p) => [p.phase, p.label]));
  return {
    kind: "plan_document",
    ...documentFrame(plan),
    source: { ...plan.source },
    fiscalYears: years,
    policies: plan.policies.map((policy) => ({
      number: policy.number,
      title: policy.title,
      outcomes: policy.outcomes.map((o) => ({ ...o })),
      initiatives: plan.initiatives
        .filter((i) => i.policyNumber === policy.number)
        .sort((a, b) => a.number - b.number)
        .map((i) => ({
          number: i.number,
          title: i.title,
          isNew: i.isNew,
          divisions: divisionNames(i),
          content: [...i.content],
          goals: [...i.goals],
          schedule: i.schedule.map((row) => ({
            label: row.label,
            phases: years.map((y) => {
              const phase = row.phases.get(y);
              return phase ? (legend.get(phase) ?? phase) : null;
            }),
            assumed: row.assumed,
            note: row.note,
          })),
          kpis: i.kpis.map((k) => ({
            code: k.code,
            label: k.label,
            unit: k.unit,
            direction: DIRECTION_LABELS[k.direction],
            cumulative: k.cumulative,
            baseline: k.baseline ? { ...k.baseline } : null,
            targets: years.map((y) => k.targets.get(y) ?? null),
            note: k.note,
          })),
        })),
    })),
  };
}
