/**
 * The 集計表: a cycle's reports as the committee reads them, one workbook of
 * machine-readable sheets (one table per sheet, header on row 1, one record
 * per row, no merged cells) and a cover sheet of notes. Pure: built from the
 * plan, the cycle, its reports and KPI actuals; write-summary-workbook.ts
 * makes the file.
 *
 * Rates come from the achievement rule (domain/kpi-results.ts →
 * achievement.ts) and nowhere else. "No value" is an empty cell — an
 * unreported actual, a year without a target, a rate that cannot be
 * computed — never 0; a text column says which.
 */
import { fiscalYearLabel } from "../../../core/format/fiscal-year.ts";
import { DIRECTION_LABELS, GRADES, type Grade, type Plan } from "../../plan/plan.ts";
import { FINAL_STATES, finalGrade, type Cycle, type KpiActual, type Report } from "../cycle.ts";
import { GRADE_THRESHOLDS, type Achievement } from "../domain/achievement.ts";
import { kpiResults, suggestedGrade } from "../domain/kpi-results.ts";
import { STATE_LABELS } from "../domain/report-workflow.ts";

/** A cell: text, a number (with its display format), a plan decimal as stored, or empty. */
export type SummaryCell = string | number | { decimal: string } | { percent: number } | null;

export type SummaryColumn = { header: string; width: number; numberFormat?: string };
export type SummarySheet = { name: string; columns: SummaryColumn[]; rows: SummaryCell[][] };
export type SummaryWorkbook = { title: string; cover: { label: string; text: string }[]; sheets: SummarySheet[] };

export type SummaryInput = {
  plan: Plan;
  cycle: Cycle;
  reports: readonly Report[];
  /** report id → KPI id → actual. */
  actuals: ReadonlyMap<number, ReadonlyMap<number, KpiActual>>;
  /** division id → name. */
  divisionNames: ReadonlyMap<number, string>;
  /** When the workbook was made, as shown on the cover (Japan time, e.g. 2026-12-07 10:15). */
  madeAt: string;
};

const col = (header: string, width = 12): SummaryColumn => ({ header, width });
const decimal = (d: string | null | undefined): SummaryCell => (d === null || d === undefined ? null : { decimal: d });

export const SHEET_NAMES = { cover: "表紙・注記", initiatives: "取組項目別", kpis: "数値目標別", divisions: "課別" } as const;

export function achievementStatus(a: Achievement): string {
  switch (a.status) {
    case "no_actual":
      return "実績未入力";
    case "no_target":
      return "目標値なし";
    case "rated":
      return a.met ? "達成" : "未達成";
  }
}

type Row = { report: Report; lead: string | null; initiative: Plan["initiatives"][number] };

export function summaryWorkbook(input: SummaryInput): SummaryWorkbook {
  const { plan, cycle } = input;
  const byId = new Map(plan.initiatives.map((i) => [i.id, i]));
  // By division (the lead's name, in Japanese order), then by initiative number; reports without a lead last.
  const rows: Row[] = input.reports
    .flatMap((report) => {
      const initiative = byId.get(report.initiativeId);
      const lead = report.leadDivisionId === null ? null : (input.divisionNames.get(report.leadDivisionId) ?? null);
      return initiative ? [{ report, lead, initiative }] : [];
    })
    .sort((a, b) => (a.lead === null ? 1 : 0) - (b.lead === null ? 1 : 0) || (a.lead ?? "").localeCompare(b.lead ?? "", "ja") || a.initiative.number - b.initiative.number);

  const results = new Map(rows.map((r) => [r.report.id, kpiResults(r.initiative.kpis, cycle.fiscalYear, input.actuals.get(r.report.id) ?? new Map())]));
  const isFinal = (r: Report) => FINAL_STATES.includes(r.state);

  const initiatives: SummarySheet = {
    name: SHEET_NAMES.initiatives,
    columns: [
      col("主担当課", 20),
      col("取組方針番号", 10),
      col("取組項目番号", 10),
      col("取組項目", 40),
      col("報告の状態", 14),
      col("自己評価", 8),
      col("CIOが変更した評価", 10),
      col("確定した評価", 8),
      col("数値目標からの評価の目安", 12),
      col("数値目標の数", 8),
      col("評価の理由", 50),
      col("課題", 50),
      col("改善策", 50),
      col("CIOが評価を変更した理由", 40),
    ],
    rows: rows.map(({ report, lead, initiative }) => [
      lead,
      initiative.policyNumber,
      initiative.number,
      initiative.title,
      STATE_LABELS[report.state],
      report.selfGrade,
      report.cioGrade,
      isFinal(report) ? finalGrade(report) : null,
      suggestedGrade(results.get(report.id)!) ?? null,
      initiative.kpis.length,
      report.gradeReasons,
      report.issues,
      report.improvementMeasures,
      report.cioGradeReason,
    ]),
  };

  const kpis: SummarySheet = {
    name: SHEET_NAMES.kpis,
    columns: [
      col("主担当課", 20),
      col("取組項目番号", 10),
      col("取組項目", 30),
      col("数値目標ID", 10),
      col("数値目標の番号", 10),
      col("指標", 40),
      col("単位", 10),
      col("目標の方向", 12),
      col("累計", 6),
      col(`目標値（${fiscalYearLabel(cycle.fiscalYear)}）`, 14),
      col("実績値", 14),
      col("実績の時点", 12),
      col("実績の出典", 30),
      { header: "達成率（%）", width: 10, numberFormat: "0.0" },
      col("達成状況", 12),
      col("評価の目安", 8),
    ],
    rows: rows.flatMap(({ report, lead, initiative }) =>
      results.get(report.id)!.map((r) => [
        lead,
        initiative.number,
        initiative.title,
        r.kpi.key,
        r.kpi.code,
        r.kpi.label,
        r.kpi.unit,
        DIRECTION_LABELS[r.kpi.direction],
        r.kpi.cumulative ? "累計" : "単年度",
        decimal(r.target),
        decimal(r.actual?.value),
        r.actual?.asOf ?? null,
        r.actual?.source ?? null,
        r.achievement.status === "rated" && r.achievement.ratePercent !== null ? { percent: r.achievement.ratePercent } : null,
        achievementStatus(r.achievement),
        r.achievement.status === "rated" ? r.achievement.suggestedGrade : null,
      ]),
    ),
  };

  const leads = [...new Set(rows.map((r) => r.lead))];
  const count = (list: Row[], grade: Grade | null) => list.filter((r) => r.report.selfGrade === grade).length;
  const divisions: SummarySheet = {
    name: SHEET_NAMES.divisions,
    columns: [col("主担当課", 20), col("取組項目の数", 10), ...GRADES.map((g) => col(`自己評価${g}の数`, 10)), col("自己評価が未入力の数", 12), col("確定した報告の数", 10)],
    rows: leads.map((lead) => {
      const mine = rows.filter((r) => r.lead === lead);
      return [lead, mine.length, ...GRADES.map((g) => count(mine, g)), count(mine, null), mine.filter((r) => isFinal(r.report)).length];
    }),
  };

  return { title: summaryTitle(input.cycle), cover: coverNotes(input, rows.length), sheets: [initiatives, kpis, divisions] };
}

export const summaryTitle = (cycle: Pick<Cycle, "fiscalYear">) => `${fiscalYearLabel(cycle.fiscalYear)} 自己評価 集計表`;

function coverNotes(input: SummaryInput, reportCount: number): { label: string; text: string }[] {
  const { plan, cycle } = input;
  const notes: [string, string][] = [
    ["自治体", `${plan.municipality.name}（全国地方公共団体コード ${plan.municipality.lgCode}）`],
    ["計画", plan.title],
    ["評価の対象年度", fiscalYearLabel(cycle.fiscalYear)],
    ["評価サイクルの状態", cycle.status === "open" ? "実施中（集計表は作成時点の内容です）" : "終了"],
    ["作成日時", input.madeAt],
    ["取組項目の数", String(reportCount)],
    ["シート「取組項目別」", "取組項目ごとに1行。主担当課の順、同じ課の中は取組項目番号の順です。"],
    ["シート「数値目標別」", "数値目標ごとに1行。目標値・実績値・達成率は数値です。"],
    ["シート「課別」", "主担当課ごとの取組項目の数と自己評価の内訳です。"],
    ["空欄の意味", "値がないことを表します（0ではありません）。実績が未報告、その年度の目標値がない（—）、達成率を算出できない（目標値が0など）場合は空欄で、理由は「達成状況」列に書いています。主担当課が空欄の行は、主担当課が未指定の取組項目です。"],
    ["確定した評価", "CIOが確定した報告（状態が「確定」「公表済み」）の評価です。CIOが評価を変更した場合はその評価、変更していない場合は自己評価です。確定前は空欄です。"],
    ...plan.gradeDefinitions.map((g): [string, string] => [`評価${g.grade}`, g.definition]),
    ["達成率の算出方法", `${fiscalYearLabel(cycle.fiscalYear)}の目標値と実績値を比べます（基準値は使いません）。「高いほど良い」は実績値÷目標値、「低いほど良い」は目標値÷実績値（実績値が0なら達成）、「維持」は実績値が目標値以上で達成（100%を上限）。小数第1位に四捨五入します。累計の指標は累計値どうしを比べます。`],
    ["評価の目安", `達成率${GRADE_THRESHOLDS.S}%以上はS、${GRADE_THRESHOLDS.A}%以上はA、${GRADE_THRESHOLDS.B}%以上はB、${GRADE_THRESHOLDS.B}%未満はC。取組項目の目安は、その数値目標の目安のうち最も低いものです。目安は参考で、評価は担当課とCIOが判断します。`],
    ["取り扱い", "委員会審査のための資料です。公表前の内容を含みます。"],
  ];
  return notes.map(([label, text]) => ({ label, text }));
}
