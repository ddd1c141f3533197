/**
 * The annual report's content (取組状況報告書): from the plan and one year's
 * reports to the plain model the views print. Pure: the loader
 * (../report-data.ts) decides which reports count — published ones for the
 * public report, every report of the cycle for the committee's draft (案).
 */
import { ROLE_LABELS } from "../../tenancy/roles.ts";
import { finalGrade, type KpiActual, type Report, type ReportEvent } from "../../cycle/cycle.ts";
import { dateLabel, japanDate } from "../../cycle/domain/deadlines.ts";
import { summariseGrades } from "../../cycle/domain/evaluation-summary.ts";
import { achievementLabel, kpiResults } from "../../cycle/domain/kpi-results.ts";
import { STATE_LABELS } from "../../cycle/domain/report-workflow.ts";
import { divisionNames, GRADES, type Grade, type Initiative, type Plan } from "../../plan/plan.ts";
import type { AnnualReport, DocumentFrame, GradeColumn, InitiativeResult, KpiLine } from "./content.ts";

export type YearEntry = { report: Report; actuals: ReadonlyMap<number, KpiActual>; comments: readonly ReportEvent[] };

export type AnnualReportInput = {
  plan: Plan;
  fiscalYear: number;
  draft: boolean;
  /** The year's reports that the document shows (at most one per initiative). */
  entries: readonly YearEntry[];
  /** This plan's earlier published years: the final grades of each. */
  previousYears: readonly { fiscalYear: number; grades: readonly Grade[] }[];
};

export const NO_COMMITTEE_COMMENT = "委員会のコメントはありません";
export const NOT_REPORTED = "未報告";

export function documentFrame(plan: Plan): DocumentFrame {
  return {
    municipality: { name: plan.municipality.name, lgCode: plan.municipality.lgCode },
    plan: { title: plan.title, subtitle: plan.subtitle, goal: plan.goal, period: { ...plan.period } },
    gradeDefinitions: plan.gradeDefinitions.map((g) => ({ ...g })),
    phaseLegend: plan.phaseLegend.map((p) => ({ ...p })),
    glossary: plan.glossary.map((g) => ({ term: g.term, description: g.description })),
  };
}

export function gradeColumn(fiscalYear: number, grades: readonly Grade[]): GradeColumn {
  const s = summariseGrades(fiscalYear, grades);
  return {
    fiscalYear,
    source: "this_plan",
    counts: s.counts.map((c) => ({ ...c })),
    total: s.total,
    shares: s.shares ? GRADES.map((g) => ({ grade: g, percent: s.shares!.get(g) ?? 0 })) : null,
    note: null,
  };
}

function kpiLines(initiative: Initiative, fiscalYear: number, actuals: ReadonlyMap<number, KpiActual>): KpiLine[] {
  return kpiResults(initiative.kpis, fiscalYear, actuals).map((r) => ({
    code: r.kpi.code,
    label: r.kpi.label,
    unit: r.kpi.unit,
    baseline: r.kpi.baseline ? { ...r.kpi.baseline } : null,
    target: r.target,
    actual: r.actual?.value ?? null,
    asOf: r.actual?.asOf ?? null,
    source: r.actual?.source ?? null,
    achievement: r.achievement.status === "no_actual" ? `実績${NOT_REPORTED}` : achievementLabel(r.achievement),
  }));
}

function initiativeResult(plan: Plan, initiative: Initiative, fiscalYear: number, draft: boolean, entry: YearEntry | undefined): InitiativeResult {
  const legend = new Map(plan.phaseLegend.map((p) => [p.phase, p.label]));
  const schedule = initiative.schedule.map((row) => {
    const phase = row.phases.get(fiscalYear);
    return { label: row.label, phase: phase ? (legend.get(phase) ?? phase) : null, note: row.note };
  });
  const base = {
    number: initiative.number,
    title: initiative.title,
    isNew: initiative.isNew,
    divisions: divisionNames(initiative),
    content: [...initiative.content],
    goals: [...initiative.goals],
    schedule,
  };
  if (!entry) {
    return {
      ...base,
      reported: false,
      stateLabel: null,
      kpis: kpiLines(initiative, fiscalYear, new Map()),
      selfGrade: null,
      gradeReasons: null,
      finalGrade: null,
      cioChange: null,
      issues: null,
      improvementMeasures: null,
      comments: [],
      missing: [draft ? "この年度の報告がありません" : "この年度の報告は公表されていません"],
    };
  }
  const { report } = entry;
  const kpis = kpiLines(initiative, fiscalYear, entry.actuals);
  const comments = entry.comments
    .filter((c) => c.comment)
    .map((c) => ({
      role: c.actorRole ? ROLE_LABELS[c.actorRole] : "審査",
      date: dateLabel(japanDate(c.at)),
      text: c.comment!,
      committee: c.actorRole === "committee_member",
    }));
  const missing = [
    ...kpis.filter((k) => k.actual === null).map((k) => `数値目標「${k.code ? `${k.code} ` : ""}${k.label}」の実績が${NOT_REPORTED}です`),
    ...(report.selfGrade === null ? ["自己評価が未記入です"] : []),
    ...(report.selfGrade !== null && !report.gradeReasons ? ["評価の理由が未記入です"] : []),
    ...(comments.some((c) => c.committee) ? [] : [NO_COMMITTEE_COMMENT]),
  ];
  return {
    ...base,
    reported: true,
    stateLabel: draft ? STATE_LABELS[report.state] : null,
    kpis,
    selfGrade: report.selfGrade,
    gradeReasons: report.gradeReasons,
    finalGrade: finalGrade(report),
    cioChange: report.cioGrade ? { selfGrade: report.selfGrade, cioGrade: report.cioGrade, reason: report.cioGradeReason } : null,
    issues: report.issues,
    improvementMeasures: report.improvementMeasures,
    comments,
    missing,
  };
}

export function buildAnnualReport(input: AnnualReportInput): AnnualReport {
  const { plan, fiscalYear, draft } = input;
  const byInitiative = new Map(input.entries.map((e) => [e.report.initiativeId, e]));
  const policies = plan.policies.map((policy) => ({
    number: policy.number,
    title: policy.title,
    outcomes: policy.outcomes.map((o) => o.statement),
    initiatives: plan.initiatives
      .filter((i) => i.policyNumber === policy.number)
      .sort((a, b) => a.number - b.number)
      .map((i) => initiativeResult(plan, i, fiscalYear, draft, byInitiative.get(i.id))),
  }));
  const results = policies.flatMap((p) => p.initiatives);
  const grades = results.flatMap((r) => r.finalGrade ?? []);
  const history = plan.evaluationHistory;
  const previous: GradeColumn[] = [
    ...(history?.years ?? []).map(
      (y): GradeColumn => ({
        fiscalYear: y.fiscalYear,
        source: "previous_plan",
        counts: GRADES.map((g) => ({ grade: g, count: y.results.find((r) => r.grade === g)?.count ?? 0 })),
        total: y.total,
        shares: GRADES.map((g) => ({ grade: g, percent: y.results.find((r) => r.grade === g)?.printedPercent ?? 0 })),
        note: y.note,
      }),
    ),
    ...input.previousYears.filter((y) => y.fiscalYear < fiscalYear).map((y) => gradeColumn(y.fiscalYear, y.grades)),
  ];
  return {
    kind: "annual_report",
    ...documentFrame(plan),
    fiscalYear,
    draft,
    summary: { current: gradeColumn(fiscalYear, grades), ungraded: results.length - grades.length, previous, historyTitle: history?.title ?? null },
    policies,
  };
}
