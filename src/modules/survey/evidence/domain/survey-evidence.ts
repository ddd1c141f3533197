/**
 * A published survey as evidence: what the report says about how it was
 * run, its published tables, the figures its text states and the findings
 * with the initiatives that answer them. Plain types; see
 * repository/evidence-queries.ts for how they are loaded.
 */
import { headlineOf, type Headline, type PublishedTable } from "./published-table.ts";

export type SurveySummary = {
  id: number;
  code: string;
  title: string;
  purpose: string | null;
  population: string | null;
  method: string | null;
  sampleSize: number | null;
  /** YYYY-MM-DD */
  periodStart: string | null;
  periodEnd: string | null;
  /** As published (506); null when not stated. */
  responses: number | null;
  /** As published, without %: "38.9". */
  responseRate: string | null;
  /** Where the report prints it (計画書 第8章 …). */
  place: string | null;
  planId: number | null;
};

export type HeadlineRef = { tableKey: string; row: string; column: string | null; label: string; statedPercent: string | null };

export type Finding = {
  number: number;
  title: string;
  body: string[];
  tableKeys: string[];
  initiatives: { planId: number; number: number; assumed: boolean }[];
  /** Readings in the body the secretariat has not yet confirmed: shown as the neutral 「確認中」. */
  unconfirmedReadings: number;
};

export type SurveyEvidence = SurveySummary & {
  questionGroups: { title: string; count: number }[];
  tables: PublishedTable[];
  headlines: HeadlineRef[];
  findings: Finding[];
};

/** 課題① — circled numbers as the plan prints them (up to ⑳). */
export const findingLabel = (n: number) => `課題${n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : n}`;

/** The stated figures computed from the stored tables (a reference to a missing cell is left out). */
export function headlinesOf(survey: Pick<SurveyEvidence, "tables" | "headlines">): Headline[] {
  const byKey = new Map(survey.tables.map((t) => [t.key, t]));
  return survey.headlines.flatMap((h) => {
    const table = byKey.get(h.tableKey);
    const computed = table && headlineOf(table, h);
    return computed ? [computed] : [];
  });
}

/** The findings that name this initiative of this plan. */
export function findingsFor(survey: SurveyEvidence, planId: number, initiativeNumber: number): Finding[] {
  return survey.findings.filter((f) => f.initiatives.some((l) => l.planId === planId && l.number === initiativeNumber));
}

export const totalQuestions = (survey: Pick<SurveyEvidence, "questionGroups">) => survey.questionGroups.reduce((sum, g) => sum + g.count, 0);

/** When any of these surveys' tables was last published (open data's "updated"), or null. */
export function latestPublication(surveys: readonly Pick<SurveyEvidence, "tables">[]): Date | null {
  const stamps = surveys.flatMap((s) => s.tables.map((t) => t.publishedAt.getTime()));
  return stamps.length === 0 ? null : new Date(Math.max(...stamps));
}
