/**
 * The plan workbook's layout: its sheets, their columns (header on row 1,
 * one table per sheet, one record per row — the Digital Agency's
 * machine-readability rules), and the words used for coded values. The
 * writer (plan-to-workbook.ts) and the reader (workbook-to-plan.ts) both
 * read this file, so what is exported is exactly what is read back.
 *
 * Schedule phases and KPI targets are one column per fiscal year: a draft is
 * edited here as the printed plan shows it (rows × years), and the year
 * columns come from the plan's period.
 */
import { fiscalYearLabel } from "../../../core/format/fiscal-year.ts";
import type { CollectiveKind, Direction, Phase } from "../plan.ts";

/** Raised when the layout changes in a way an older workbook cannot be read with. */
export const PLAN_WORKBOOK_FORMAT = "plan-workbook-1";

export type ColumnKind = "integer" | "text" | "optionalText" | "decimal" | "choice" | "fiscalYear";

export type Column = {
  key: string;
  header: string;
  kind: ColumnKind;
  /** Allowed words for a choice column (a dropdown in the workbook). */
  choices?: readonly string[];
  /** Character width for the writer. */
  width: number;
};

export type SheetLayout = { key: SheetKey; name: string; columns: Column[] };

export type SheetKey = "policies" | "outcomes" | "initiatives" | "divisions" | "lines" | "schedule" | "kpis";

export const YES = "はい";
export const NO = "いいえ";
export const YES_NO = [YES, NO] as const;

export const PHASE_WORDS: Record<Phase, string> = { study: "検討", implement: "実施", expand: "拡大" };
export const DIRECTION_WORDS: Record<Direction, string> = { higher: "高いほど良い", lower: "低いほど良い", keep: "維持" };
export const KIND_WORDS: Record<"division" | CollectiveKind, string> = {
  division: "課",
  all_bureaus: "全部局",
  related_divisions: "関係各課",
  system_divisions: "各システム担当課",
};
export const LINE_WORDS = { content: "取組内容", goals: "目標" } as const;

export const INFO_SHEET = "説明";
/** Hidden: which plan, which revision and content the workbook was made from. */
export const META_SHEET = "ブック情報";

const initiativeNumber: Column = { key: "initiative", header: "取組項目番号", kind: "integer", width: 12 };
const order: Column = { key: "order", header: "順番", kind: "integer", width: 8 };
const note: Column = { key: "note", header: "注記", kind: "optionalText", width: 30 };

export const targetHeader = (year: number) => `目標値 ${fiscalYearLabel(year)}`;
export const phaseHeader = (year: number) => fiscalYearLabel(year);

export function sheetLayouts(years: readonly number[]): SheetLayout[] {
  return [
    {
      key: "policies",
      name: "取組方針",
      columns: [
        { key: "number", header: "取組方針番号", kind: "integer", width: 12 },
        { key: "title", header: "取組方針", kind: "text", width: 60 },
      ],
    },
    {
      key: "outcomes",
      name: "取組方針の成果",
      columns: [
        { key: "policy", header: "取組方針番号", kind: "integer", width: 12 },
        order,
        { key: "statement", header: "成果（市民は…できます）", kind: "text", width: 50 },
        { key: "description", header: "成果の説明", kind: "text", width: 60 },
      ],
    },
    {
      key: "initiatives",
      name: "取組項目",
      columns: [
        { ...initiativeNumber },
        { key: "policy", header: "取組方針番号", kind: "integer", width: 12 },
        { key: "title", header: "取組項目", kind: "text", width: 50 },
        { key: "isNew", header: "新規の取組", kind: "choice", choices: YES_NO, width: 10 },
      ],
    },
    {
      key: "divisions",
      name: "担当課",
      columns: [
        initiativeNumber,
        { ...order, header: "順番（1が主担当）" },
        { key: "kind", header: "担当の種別", kind: "choice", choices: Object.values(KIND_WORDS), width: 16 },
        { key: "name", header: "課の名称", kind: "optionalText", width: 24 },
        { key: "unit", header: "係・室", kind: "optionalText", width: 20 },
        note,
      ],
    },
    {
      key: "lines",
      name: "取組内容・目標",
      columns: [
        initiativeNumber,
        { key: "part", header: "区分", kind: "choice", choices: Object.values(LINE_WORDS), width: 10 },
        order,
        { key: "text", header: "本文", kind: "text", width: 80 },
      ],
    },
    {
      key: "schedule",
      name: "取組計画",
      columns: [
        initiativeNumber,
        order,
        { key: "label", header: "取組計画", kind: "text", width: 40 },
        ...years.map((y): Column => ({ key: `phase:${y}`, header: phaseHeader(y), kind: "choice", choices: Object.values(PHASE_WORDS), width: 12 })),
        { key: "assumed", header: "段階は読み取りによる", kind: "choice", choices: YES_NO, width: 12 },
        note,
      ],
    },
    {
      key: "kpis",
      name: "数値目標",
      columns: [
        initiativeNumber,
        order,
        { key: "code", header: "数値目標の番号", kind: "optionalText", width: 10 },
        { key: "label", header: "指標", kind: "text", width: 40 },
        { key: "unit", header: "単位", kind: "text", width: 10 },
        { key: "direction", header: "目標の方向", kind: "choice", choices: Object.values(DIRECTION_WORDS), width: 14 },
        { key: "cumulative", header: "累計", kind: "choice", choices: YES_NO, width: 8 },
        { key: "baselineYear", header: "基準年度（西暦）", kind: "fiscalYear", width: 12 },
        { key: "baselineValue", header: "基準値", kind: "decimal", width: 12 },
        { key: "baselineNote", header: "基準値の注記", kind: "optionalText", width: 24 },
        ...years.map((y): Column => ({ key: `target:${y}`, header: targetHeader(y), kind: "decimal", width: 14 })),
        note,
      ],
    },
  ];
}

/** The word → code maps for reading. */
export const invert = <K extends string>(words: Record<K, string>): Map<string, K> =>
  new Map(Object.entries(words).map(([code, word]) => [word as string, code as K]));
