/**
 * What the portal says about a year's published results (decision 022).
 *
 * A year can be partly published: the secretariat publishes the reports that
 * are finalised, the rest later. Its figures then describe only the published
 * items, and a share such as "A 100%" for one published item would mislead.
 * The rule:
 * - every place that shows a year's figures says how many of the plan's
 *   initiatives they cover: 「37項目中12項目を公表」;
 * - counts are always shown; percentages only for a complete year (every
 *   initiative of the plan published with a grade), over that base (n=37),
 *   rounded by the largest remainder method (decision 006);
 * - a partly published year shows counts and 未公表, never a percentage.
 */
import { gradeShares, type GradeCount } from "../../plan/domain/grade-shares.ts";
import { GRADES, type Grade } from "../../plan/plan.ts";

export type PublishedYear = {
  fiscalYear: number;
  /** The plan's initiatives: the denominator of 「37項目中12項目を公表」. */
  planned: number;
  published: number;
  counts: GradeCount[];
  /** Published without a grade (should not happen, but is never counted as a grade). */
  ungraded: number;
  /** Every initiative of the plan published with a grade. */
  complete: boolean;
  /** Shares over `published` — only for a complete year, else null. */
  shares: Map<Grade, number> | null;
};

export type PublishedGrade = { fiscalYear: number; initiativeId: number; grade: Grade | null };

export function summarisePublishedYear(fiscalYear: number, planned: number, grades: readonly (Grade | null)[]): PublishedYear {
  const counts = GRADES.map((grade) => ({ grade, count: grades.filter((g) => g === grade).length }));
  const ungraded = grades.filter((g) => g === null).length;
  const complete = grades.length >= planned && ungraded === 0 && grades.length > 0;
  return { fiscalYear, planned, published: grades.length, counts, ungraded, complete, shares: complete ? gradeShares(counts) : null };
}

/** One summary per fiscal year with anything published, oldest first. */
export function summarisePublishedYears(planned: number, grades: readonly PublishedGrade[]): PublishedYear[] {
  const years = [...new Set(grades.map((g) => g.fiscalYear))].sort((a, b) => a - b);
  return years.map((y) =>
    summarisePublishedYear(
      y,
      planned,
      grades.filter((g) => g.fiscalYear === y).map((g) => g.grade),
    ),
  );
}

/** 「37項目中12項目を公表」, or 「全37項目を公表」 for a complete year. */
export function publicationLabel(year: Pick<PublishedYear, "planned" | "published" | "complete">): string {
  if (year.complete && year.published === year.planned) return `全${year.planned}項目を公表`;
  return `${year.planned}項目中${year.published}項目を公表`;
}

/** The items not published yet (0 for a complete year). */
export const unpublishedCount = (year: Pick<PublishedYear, "planned" | "published">) => Math.max(0, year.planned - year.published);

/** 「A 20項目（54%）」 for a complete year, 「A 5項目」 otherwise. */
export function gradeCountLabel(year: PublishedYear, grade: Grade): string {
  const count = year.counts.find((c) => c.grade === grade)?.count ?? 0;
  const share = year.shares?.get(grade);
  return `${grade} ${count}項目${share === undefined ? "" : `（${share}%）`}`;
}

const RANK: Record<Grade, number> = { S: 4, A: 3, B: 2, C: 1 };

/**
 * The change from the previous year's published grade: 「B → A（上昇）」,
 * 「A → A（変化なし）」, 「前年度の公表なし」. `previous` undefined = nothing published
 * for the initiative the year before; null = published without a grade.
 */
export function gradeChangeLabel(previous: Grade | null | undefined, current: Grade | null): string {
  if (previous === undefined) return "前年度の公表なし";
  const from = previous ?? "評価なし";
  const to = current ?? "評価なし";
  if (previous === null || current === null) return `${from} → ${to}`;
  const delta = RANK[current] - RANK[previous];
  return `${from} → ${to}（${delta > 0 ? "上昇" : delta < 0 ? "低下" : "変化なし"}）`;
}
