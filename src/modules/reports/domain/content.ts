/**
 * What the documents are made of, as plain serialisable data: the annual
 * report (取組状況報告書) and the plan document (計画書). The views render
 * these and nothing else, and their digest (digest.ts) says whether a stored
 * PDF still shows the current content. No Maps, no Dates: JSON in, JSON out.
 */
import type { Grade } from "../../plan/plan.ts";

export type DocumentKind = "annual_report" | "plan_document";

export type Heading = { id: string; text: string; level: 2 | 3 };

export type KpiLine = {
  code: string | null;
  label: string;
  unit: string;
  /** 基準値, as printed; null = 「－」. */
  baseline: { fiscalYear: number; value: string | null; note: string | null } | null;
  /** The year's target; null = no target that year (—). */
  target: string | null;
  /** The reported actual; null = not reported (「未報告」, never 0). */
  actual: string | null;
  asOf: string | null;
  source: string | null;
  /** 104.5%（達成）/ 実績未報告 / 目標値なし. */
  achievement: string;
};

export type ReviewComment = { role: string; date: string; text: string; committee: boolean };

export type InitiativeResult = {
  number: number;
  title: string;
  isNew: boolean;
  divisions: string[];
  content: string[];
  goals: string[];
  /** This year's phase of each schedule row; null = no phase this year. */
  schedule: { label: string; phase: string | null; note: string | null }[];
  /** false: the initiative has no report (published: none published) this year. */
  reported: boolean;
  /** Draft only: where the report stands in the workflow. */
  stateLabel: string | null;
  kpis: KpiLine[];
  selfGrade: Grade | null;
  gradeReasons: string | null;
  /** The grade that counts (the CIO's where changed). */
  finalGrade: Grade | null;
  cioChange: { selfGrade: Grade | null; cioGrade: Grade; reason: string | null } | null;
  issues: string | null;
  improvementMeasures: string | null;
  comments: ReviewComment[];
  /** What is not there, in words (未報告の実績、未記入の自己評価、委員会のコメントなし). */
  missing: string[];
};

export type GradeColumn = {
  fiscalYear: number;
  /** Where the figures come from: the previous plan's printed 図表10, or this system's final grades. */
  source: "previous_plan" | "this_plan";
  counts: { grade: Grade; count: number }[];
  total: number;
  /** Percent per grade; null = nothing graded (no shares, not 0%). */
  shares: { grade: Grade; percent: number }[] | null;
  note: string | null;
};

export type DocumentFrame = {
  municipality: { name: string; lgCode: string };
  plan: { title: string; subtitle: string | null; goal: string; period: { startFiscalYear: number; endFiscalYear: number } };
  gradeDefinitions: { grade: Grade; definition: string }[];
  phaseLegend: { phase: string; label: string; description: string }[];
  glossary: { term: string; description: string }[];
};

export type AnnualReport = DocumentFrame & {
  kind: "annual_report";
  fiscalYear: number;
  draft: boolean;
  summary: {
    current: GradeColumn;
    /** Initiatives without a grade that counts (not reported, or not graded). */
    ungraded: number;
    /** Earlier years, oldest first: the previous plan's 図表10, then this plan's published years. */
    previous: GradeColumn[];
    /** The title of the previous plan's history, when there is one. */
    historyTitle: string | null;
  };
  policies: { number: number; title: string; outcomes: string[]; initiatives: InitiativeResult[] }[];
};

export type PlanDocument = DocumentFrame & {
  kind: "plan_document";
  source: { title: string; note: string | null };
  fiscalYears: number[];
  policies: {
    number: number;
    title: string;
    outcomes: { statement: string; description: string }[];
    initiatives: {
      number: number;
      title: string;
      isNew: boolean;
      divisions: string[];
      content: string[];
      goals: string[];
      /** Phase label per fiscal year (same order as fiscalYears); null = none. */
      schedule: { label: string; phases: (string | null)[]; assumed: boolean; note: string | null }[];
      kpis: {
        code: string | null;
        label: string;
        unit: string;
        direction: string;
        cumulative: boolean;
        baseline: { fiscalYear: number; value: string | null; note: string | null } | null;
        targets: (string | null)[];
        note: string | null;
      }[];
    }[];
  }[];
};

export type ReportDocument = AnnualReport | PlanDocument;
