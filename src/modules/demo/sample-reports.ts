/**
 * The sample content of the demo's yearly reports: pure functions of the
 * plan, the fiscal year and the initiative, so every --demo start writes the
 * same sample. Every text starts with 「【サンプル】」 and every KPI actual
 * names a sample source, so nobody can mistake them for Tokushima's results.
 */
import type { Grade, Initiative, Kpi } from "../plan/plan.ts";
import type { KpiActual, ReportFields } from "../cycle/cycle.ts";
import type { ReportState } from "../cycle/domain/report-workflow.ts";

export const SAMPLE = "【サンプル】";

/** Finalised and published years, then the year still being evaluated. */
export const FINISHED_YEARS = [2022, 2023] as const;
export const OPEN_YEAR = 2024;

/** A spread of grades like a real year's (mostly A, some S, B and C). */
const GRADE_PATTERN: readonly Grade[] = ["A", "S", "A", "B", "A", "A", "C", "A", "B", "S", "A"];

export function sampleGrade(fiscalYear: number, initiativeNumber: number): Grade {
  return GRADE_PATTERN[(initiativeNumber + (fiscalYear - 2022) * 3) % GRADE_PATTERN.length]!;
}

const GRADE_REASONS: Record<Grade, string> = {
  S: "目標を大きく上回る成果があったため（デモ用の架空の評価理由です）",
  A: "おおむね計画どおりに取組を進め、目標を達成したため（デモ用の架空の評価理由です）",
  B: "取組は進んだものの、目標の一部が未達成のため（デモ用の架空の評価理由です）",
  C: "事業者の選定が遅れ、計画どおりに進まなかったため（デモ用の架空の評価理由です）",
};

/** The year's PLAN / CHECK / ACTION of one initiative, with the given grade. */
export function sampleFields(fiscalYear: number, initiative: Pick<Initiative, "title">, grade: Grade): ReportFields {
  const weak = grade === "B" || grade === "C";
  return {
    planText: `${SAMPLE}${fiscalYear}年度は、計画に沿って「${initiative.title}」を進める（デモ用の架空の計画です）。`,
    targetsConfirmed: true,
    selfGrade: grade,
    gradeReasons: `${SAMPLE}${GRADE_REASONS[grade]}`,
    issues: weak ? `${SAMPLE}庁内の調整に時間がかかり、利用者への周知が不足した（デモ用の架空の課題です）。` : null,
    improvementMeasures: weak
      ? `${SAMPLE}関係課との定例会を設け、広報紙とウェブサイトで周知を強化する（デモ用の架空の改善策です）。`
      : null,
    nextYearPlan: `${SAMPLE}${fiscalYear + 1}年度は、対象を広げて取組を続ける（デモ用の架空の計画です）。`,
  };
}

/** A report of the open year still being written: only its PLAN. */
export function sampleDraftFields(fiscalYear: number, initiative: Pick<Initiative, "title">): ReportFields {
  return {
    planText: `${SAMPLE}${fiscalYear}年度は、計画に沿って「${initiative.title}」を進める（デモ用の架空の計画です）。`,
    targetsConfirmed: false,
    selfGrade: null,
    gradeReasons: null,
    issues: null,
    improvementMeasures: null,
    nextYearPlan: null,
  };
}

const FACTOR: Record<Grade, number> = { S: 1.2, A: 1, B: 0.8, C: 0.5 };

/**
 * Sample actuals near the year's target (above it for S, well below for C;
 * the other way round where lower is better). Percentages stay ≤ 100.
 */
export function sampleActuals(fiscalYear: number, kpis: readonly Kpi[], grade: Grade): KpiActual[] {
  return kpis.map((kpi) => {
    const reference = kpi.targets.get(fiscalYear) ?? kpi.baseline?.value ?? "10";
    const decimals = reference.includes(".") ? reference.split(".")[1]!.length : 0;
    const factor = kpi.direction === "lower" ? 1 / FACTOR[grade] : FACTOR[grade];
    let value = Number(reference) * factor;
    if (kpi.unit.includes("%")) value = Math.min(value, 100);
    return {
      kpiId: kpi.id,
      value: Math.max(0, value).toFixed(decimals),
      asOf: `${fiscalYear + 1}-03-31`,
      source: `${SAMPLE}デモ用の架空の値`,
    };
  });
}

/** The open year: where each report stands, so that every role finds something to do. */
const OPEN_STATES: readonly ReportState[] = ["draft", "draft", "submitted", "returned", "in_review"];

export function sampleOpenState(initiativeNumber: number): ReportState {
  return OPEN_STATES[(initiativeNumber - 1) % OPEN_STATES.length]!;
}

/** Every fourth report under review gets a committee comment. */
export const hasCommitteeComment = (initiativeNumber: number) => initiativeNumber % 4 === 1;

export const COMMITTEE_COMMENT = `${SAMPLE}取組の成果を市民に分かりやすく伝える工夫を求めます（デモ用の架空の委員会コメントです）。`;
export const RETURN_COMMENT = `${SAMPLE}数値目標の実績の出典を記入してから、再度提出してください（デモ用の架空の差戻しコメントです）。`;
export const CIO_REASON = `${SAMPLE}利用者数の伸びが計画を大きく上回っており、一段上の評価が妥当と判断した（デモ用の架空の理由です）。`;

/** The CIO raises one grade per finished year: that of the first report graded B (B → A). */
export const CIO_CHANGE = { from: "B", to: "A" } as const satisfies { from: Grade; to: Grade };
