/**
 * The division workbook's format, in one place for the export and the
 * upload: sheet names, columns (which are pre-filled and which are input),
 * and the keys of the hidden identification sheet. Changing a column here
 * changes both sides; changing what a column means needs a new
 * FORMAT_VERSION, so that a workbook downloaded before is refused with a
 * clear message instead of being read wrongly.
 */
import type { ColumnSpec } from "../../../../core/spreadsheet/write.ts";

export const FORMAT_NAME = "dx-plan-division-workbook";
export const FORMAT_VERSION = 1;

export const SHEETS = {
  instructions: "説明",
  reports: "報告",
  actuals: "数値目標の実績",
  identity: "識別情報",
} as const;

export const GRADES = ["S", "A", "B", "C"] as const;
export const YES = "はい";
export const NO = "いいえ";

/** Input keys of a report row, in the order of the report form. */
export type ReportInputKey = "planText" | "targetsConfirmed" | "selfGrade" | "gradeReasons" | "issues" | "improvementMeasures" | "nextYearPlan";
export const REPORT_INPUT_KEYS: readonly ReportInputKey[] = ["planText", "targetsConfirmed", "selfGrade", "gradeReasons", "issues", "improvementMeasures", "nextYearPlan"];

export const REPORT_COLUMNS: readonly ColumnSpec[] = [
  { key: "number", header: "取組項目番号", width: 8 },
  { key: "title", header: "取組項目", width: 30, wrap: true },
  { key: "role", header: "担当", width: 8 },
  { key: "state", header: "状態", width: 12 },
  { key: "planText", header: "当年度の取組計画", width: 40, input: true, wrap: true, accepts: "text" },
  {
    key: "targetsConfirmed",
    header: "目標の確認",
    width: 10,
    input: true,
    accepts: { list: [YES, NO] },
    prompt: "計画の数値目標と取組計画を確認したら「はい」を選んでください",
  },
  { key: "selfGrade", header: "自己評価", width: 9, input: true, accepts: { list: GRADES }, prompt: "S・A・B・C から選んでください" },
  { key: "gradeReasons", header: "評価の理由", width: 40, input: true, wrap: true, accepts: "text" },
  { key: "issues", header: "課題", width: 30, input: true, wrap: true, accepts: "text", prompt: "B・C評価の場合は必須です" },
  { key: "improvementMeasures", header: "改善策", width: 30, input: true, wrap: true, accepts: "text", prompt: "B・C評価の場合は必須です" },
  { key: "nextYearPlan", header: "次年度の取組計画", width: 30, input: true, wrap: true, accepts: "text" },
  { key: "contribution", header: "関係課の取組", width: 40, input: true, wrap: true, accepts: "text", prompt: "関係課として担当する取組項目の行だけ入力できます" },
];

export const ACTUAL_COLUMNS = (dateRange: { from: Date; to: Date }): readonly ColumnSpec[] => [
  { key: "number", header: "取組項目番号", width: 8 },
  { key: "kpiKey", header: "数値目標ID", width: 10 },
  { key: "code", header: "数値目標番号", width: 10 },
  { key: "label", header: "数値目標", width: 36, wrap: true },
  { key: "unit", header: "単位", width: 8 },
  { key: "cumulative", header: "累計", width: 6 },
  { key: "target", header: "当年度の目標値", width: 12 },
  {
    key: "value",
    header: "実績値",
    width: 12,
    input: true,
    accepts: { decimal: { min: 0 } },
    prompt: "単位を付けずに数値で入力してください。未報告は空欄のままにします（0 とは区別します）",
  },
  {
    key: "asOf",
    header: "時点",
    width: 14,
    input: true,
    accepts: { date: dateRange },
    numberFormat: "yyyy-mm-dd",
    prompt: "2025/3/31 や 令和7年3月31日 のように入力してください",
  },
  { key: "source", header: "出典", width: 30, input: true, wrap: true, accepts: "text", prompt: "実績値の集計元（例: 〇〇システムの利用件数）" },
];

/** Keys of the hidden identification sheet (column A), values in column B. */
export const IDENTITY_KEYS = {
  format: "format",
  formatVersion: "format_version",
  lgCode: "lg_code",
  cycleId: "cycle_id",
  fiscalYear: "fiscal_year",
  divisionId: "division_id",
  divisionName: "division_name",
  downloadedAt: "downloaded_at",
} as const;

/** Per report: `report.<initiative number>.lock_version` and so on. */
export const reportKey = (initiativeNumber: number, part: "lock_version" | "updated_at" | "contribution_version") => `report.${initiativeNumber}.${part}`;
