/**
 * The loaded plan aggregate written back as a plan file. Used once per plan
 * to record the content that was in the tables before revisions were kept
 * (the baseline revision), and by tests to prove that the tables hold exactly
 * the content that was published.
 */
import type { PlanFile } from "../../plan-file-schema.ts";
import { fiscalYearsOf, type Plan } from "../../plan.ts";

/** Optional fields are left out rather than set to undefined, like a parsed file. */
const opt = <K extends string, V>(key: K, value: V | null | undefined): Partial<Record<K, V>> =>
  value === null || value === undefined ? {} : ({ [key]: value } as Record<K, V>);

export function planToFile(plan: Plan): PlanFile {
  const years = fiscalYearsOf(plan);
  return {
    code: plan.code,
    title: plan.title,
    ...opt("subtitle", plan.subtitle),
    goal: plan.goal,
    period: { ...plan.period },
    source: { title: plan.source.title, ...opt("note", plan.source.note) },
    ...opt("adoptedOn", plan.adoptedOn),
    phaseLegend: plan.phaseLegend.map((l) => ({ ...l })),
    gradeDefinitions: plan.gradeDefinitions.map((g) => ({ ...g })),
    policies: plan.policies.map((p) => ({ number: p.number, title: p.title, outcomes: p.outcomes.map((o) => ({ ...o })) })),
    initiatives: plan.initiatives.map((i) => ({
      number: i.number,
      policy: i.policyNumber,
      title: i.title,
      isNew: i.isNew,
      divisions: i.divisions.map((d) =>
        d.kind === "division" ? { kind: d.kind, name: d.name, ...opt("unit", d.unit), ...opt("note", d.note) } : { kind: d.kind },
      ),
      content: [...i.content],
      goals: [...i.goals],
      schedule: i.schedule.map((r) => ({
        label: r.label,
        phases: Object.fromEntries(years.map((y) => [String(y), r.phases.get(y) ?? null])),
        assumed: r.assumed,
        ...opt("note", r.note),
      })),
      kpis: i.kpis.map((k) => ({
        code: k.code,
        label: k.label,
        unit: k.unit,
        direction: k.direction,
        cumulative: k.cumulative,
        baseline: k.baseline && { fiscalYear: k.baseline.fiscalYear, value: k.baseline.value, ...opt("note", k.baseline.note) },
        targets: Object.fromEntries(years.map((y) => [String(y), k.targets.get(y) ?? null])),
        ...opt("note", k.note),
      })),
    })),
    glossary: plan.glossary.map((g) => ({ ...g, aliases: [...g.aliases] })),
    nationalPriorityItems: plan.nationalPriorityItems.map((m) => ({
      code: m.code,
      group: m.group ?? "",
      title: m.title,
      initiatives: [...m.initiativeNumbers],
      assumed: m.assumed,
      ...opt("note", m.note),
    })),
    dataUtilizationMeasures: plan.dataUtilizationMeasures.map((m) => ({
      number: Number(m.code),
      measure: m.title,
      planAction: m.detail ?? "",
      initiatives: [...m.initiativeNumbers],
      assumed: m.assumed,
      ...opt("note", m.note),
    })),
    evaluationHistory: {
      title: plan.evaluationHistory?.title ?? "",
      years: (plan.evaluationHistory?.years ?? []).map((y) => ({
        fiscalYear: y.fiscalYear,
        results: y.results.map((r) => ({ ...r })),
        total: y.total,
        ...opt("note", y.note),
      })),
    },
  };
}
