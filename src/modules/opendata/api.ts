/**
 * The v1 JSON API's representations of the plan. Field names are camelCase;
 * decimals stay strings exactly as stored ("38.0") and "no value" is null,
 * never 0. Every year of the plan period is listed, so a missing target or
 * phase is an explicit null rather than an absent key. openapi.ts documents
 * these shapes; keep the two together.
 */
import type { Initiative, Plan } from "../plan/plan.ts";
import type { Municipality } from "../tenancy/municipality.ts";
import { COLLECTIVE_LABELS, fiscalYearsOf, kpiCount } from "../plan/plan.ts";
import { type Dataset, datasetUpdatedAt } from "./dataset.ts";
import { datasetPath, publicUrl } from "./dataset-document.ts";
import type { PublishedResults } from "./published-results.ts";

export function municipalityJson(m: Municipality, siteUrl: string | undefined) {
  return {
    lgCode: m.lgCode,
    name: m.name,
    prefecture: m.prefecture,
    portalUrl: publicUrl(siteUrl, `/${m.lgCode}`),
    planUrl: publicUrl(siteUrl, `/api/v1/${m.lgCode}/plan`),
  };
}

export function planJson(plan: Plan) {
  return {
    lgCode: plan.municipality.lgCode,
    municipality: { lgCode: plan.municipality.lgCode, name: plan.municipality.name, prefecture: plan.municipality.prefecture },
    code: plan.code,
    title: plan.title,
    subtitle: plan.subtitle,
    goal: plan.goal,
    period: plan.period,
    source: { title: plan.source.title },
    updatedAt: plan.updatedAt.toISOString(),
    counts: {
      policies: plan.policies.length,
      initiatives: plan.initiatives.length,
      newInitiatives: plan.initiatives.filter((i) => i.isNew).length,
      kpis: kpiCount(plan),
    },
    phaseLegend: plan.phaseLegend,
    gradeDefinitions: plan.gradeDefinitions,
    policies: plan.policies.map((p) => ({
      number: p.number,
      title: p.title,
      outcomes: p.outcomes,
      initiativeNumbers: plan.initiatives.filter((i) => i.policyNumber === p.number).map((i) => i.number),
    })),
  };
}

export function initiativeSummaryJson(i: Initiative) {
  return {
    number: i.number,
    policyNumber: i.policyNumber,
    title: i.title,
    isNew: i.isNew,
    responsible: i.divisions.map((d) => (d.kind === "division" ? d.name : COLLECTIVE_LABELS[d.kind])),
    kpiCount: i.kpis.length,
  };
}

export function initiativeJson(i: Initiative, plan: Plan) {
  const years = fiscalYearsOf(plan);
  return {
    number: i.number,
    policyNumber: i.policyNumber,
    title: i.title,
    isNew: i.isNew,
    divisions: i.divisions.map((d) =>
      d.kind === "division"
        ? { role: d.role, kind: d.kind, divisionId: d.divisionId, name: d.name, unit: d.unit }
        : { role: d.role, kind: d.kind, divisionId: null, name: COLLECTIVE_LABELS[d.kind], unit: null },
    ),
    content: i.content,
    goals: i.goals,
    schedule: i.schedule.map((row) => ({
      label: row.label,
      // Transcription notes are the secretariat's (issue #6 §6); the public sees only that a reading awaits confirmation.
      assumed: row.assumed,
      phases: years.map((fiscalYear) => ({ fiscalYear, phase: row.phases.get(fiscalYear) ?? null })),
    })),
    kpis: i.kpis.map((k) => ({
      key: k.key,
      code: k.code,
      label: k.label,
      unit: k.unit,
      direction: k.direction,
      cumulative: k.cumulative,
      baseline: k.baseline ? { fiscalYear: k.baseline.fiscalYear, value: k.baseline.value } : null,
      targets: years.map((fiscalYear) => ({ fiscalYear, value: k.targets.get(fiscalYear) ?? null })),
    })),
  };
}

export function datasetSummaryJson(dataset: Dataset, plan: Plan, results: PublishedResults, siteUrl: string | undefined) {
  const lgCode = plan.municipality.lgCode;
  return {
    id: dataset.id,
    title: dataset.title,
    description: dataset.description,
    recordCount: dataset.rows(plan, {}, results).length,
    updatedAt: datasetUpdatedAt(dataset, plan, results).toISOString(),
    apiUrl: publicUrl(siteUrl, `/api/v1/${lgCode}/datasets/${dataset.id}`),
    csvUrl: publicUrl(siteUrl, datasetPath(lgCode, dataset.id, "csv")),
    jsonUrl: publicUrl(siteUrl, datasetPath(lgCode, dataset.id, "json")),
    codebookUrl: publicUrl(siteUrl, datasetPath(lgCode, dataset.id)),
  };
}
