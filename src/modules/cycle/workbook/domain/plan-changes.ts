/**
 * What an uploaded workbook would change, report by report, compared with
 * the system as it is now: unchanged, changed, a conflict (the system saved
 * the report after the workbook was downloaded, and the two differ), or not
 * editable (the user may not change that part of the report in its current
 * state). The values are checked with the report form's own rules
 * (forms.ts: reportForm, parseActuals), so a workbook cannot save what the
 * page would refuse; each message names the sheet and cell.
 *
 * Comparing with the system rather than with the download makes a second
 * upload of the same file change nothing: every field then equals the
 * system, whatever the versions say.
 */
import type { Kpi } from "../../../plan/plan.ts";
import { REPORT_FIELD_LABELS, type KpiActual, type ReportFields } from "../../cycle.ts";
import { normaliseDecimal, parseActuals, reportForm, type TypedActual } from "../../forms.ts";
import { STATE_LABELS } from "../../domain/report-workflow.ts";
import type { DivisionReport, DivisionWorkbookData } from "../load.ts";
import { GRADES, NO, REPORT_INPUT_KEYS, SHEETS, YES, type ReportInputKey } from "./format.ts";
import type { ParsedWorkbook, Problem, WorkbookActualRow, WorkbookReportRow } from "./parse.ts";

export type ItemStatus = "unchanged" | "changed" | "conflict" | "not_editable";
export type FieldDiff = { label: string; system: string; workbook: string };

export type PlannedReport = {
  number: number;
  title: string;
  reportId: number;
  status: ItemStatus;
  diffs: FieldDiff[];
  /** Why the user may not change it now, or who saved it after the download. */
  note?: string;
  /** What applying writes (saveReport / saveContribution), when editable and changed. */
  save?: { fields: ReportFields; actuals: KpiActual[]; lockVersion: number };
  contribution?: { body: string; version: string };
};

export type WorkbookPlan = { items: PlannedReport[]; problems: Problem[] };

const MAX_TEXT = 4000;
const kpiName = (k: Kpi) => (k.code ? `${k.code} ${k.label}` : k.label);
const shown = (v: string | null) => (v === null || v === "" ? "（空欄）" : v);
const sameDecimal = (a: string | null, b: string | null) => (a === null || b === null ? a === b : Number(a) === Number(b));
const sameActual = (a: KpiActual | undefined, b: KpiActual) =>
  sameDecimal(a?.value ?? null, b.value) && (a?.asOf ?? null) === b.asOf && (a?.source ?? null) === b.source;
const actualLabel = (a: KpiActual | undefined, unit: string) =>
  !a || a.value === null ? "未報告" : `${a.value}${unit}（${a.asOf ?? "時点なし"}、${a.source ?? "出典なし"}）`;

export function planWorkbookChanges(workbook: ParsedWorkbook, data: DivisionWorkbookData): WorkbookPlan {
  const problems: Problem[] = [];
  const byNumber = new Map(data.reports.map((r) => [r.initiative.number, r]));
  for (const row of workbook.reports) {
    if (!byNumber.has(row.number)) {
      problems.push({ sheet: SHEETS.reports, cell: row.cells.planText.replace(/^[A-Z]+/, "A"), message: `取組項目番号 ${row.number} は、いま${data.division.name}が担当する報告ではありません` });
    }
  }
  for (const row of workbook.actuals) {
    const report = byNumber.get(row.number);
    if (!report?.initiative.kpis.some((k) => k.key === row.kpiKey)) {
      problems.push({ sheet: SHEETS.actuals, cell: row.cells.value.replace(/^[A-Z]+/, "B"), message: `数値目標ID「${row.kpiKey}」は取組項目 ${row.number} の数値目標にありません` });
    }
  }
  const items = data.reports
    .slice()
    .sort((a, b) => a.initiative.number - b.initiative.number)
    .map((d) => planReport(d, workbook.reports.find((r) => r.number === d.initiative.number), workbook.actuals.filter((a) => a.number === d.initiative.number), workbook, problems));
  return { items, problems };
}

function planReport(
  d: DivisionReport,
  row: WorkbookReportRow | undefined,
  actualRows: WorkbookActualRow[],
  workbook: ParsedWorkbook,
  problems: Problem[],
): PlannedReport {
  const base = { number: d.initiative.number, title: d.initiative.title, reportId: d.report.id };
  const downloaded = workbook.identity.versions.get(d.initiative.number);
  if (d.role === "co") {
    if (!row) return { ...base, status: "unchanged", diffs: [] };
    const body = row.values.contribution.replace(/\r\n?/g, "\n").trim();
    if (body === d.contribution.body) return { ...base, status: "unchanged", diffs: [] };
    const diffs = [{ label: "関係課の取組", system: shown(d.contribution.body), workbook: shown(body) }];
    if (!d.canContribute) return { ...base, status: "not_editable", diffs, note: notEditable(d) };
    if (body.length > MAX_TEXT) problems.push({ sheet: SHEETS.reports, cell: row.cells.contribution, message: `関係課の取組は${MAX_TEXT}文字以内にしてください` });
    const conflict = downloaded !== undefined && downloaded.contributionVersion !== d.contribution.version;
    return { ...base, status: conflict ? "conflict" : "changed", diffs, contribution: { body, version: d.contribution.version }, note: conflict ? "ダウンロードの後に、システムでこの課の取組が保存されています。" : undefined };
  }

  // The lead division: the report's own fields and its KPI actuals.
  const ownProblems: Problem[] = [];
  const fields = row ? readFields(row, d, ownProblems) : systemFields(d);
  const actuals = readActuals(actualRows, d, ownProblems);
  const diffs: FieldDiff[] = [];
  if (fields) {
    for (const key of REPORT_INPUT_KEYS) {
      if (fields[key] !== d.report[key]) diffs.push({ label: REPORT_FIELD_LABELS[key], system: fieldText(key, d.report[key]), workbook: fieldText(key, fields[key]) });
    }
  }
  const changedActuals = actuals.filter((a) => !sameActual(d.actuals.get(a.kpiId), a));
  for (const a of changedActuals) {
    const kpi = d.initiative.kpis.find((k) => k.id === a.kpiId)!;
    diffs.push({ label: `実績: ${kpiName(kpi)}`, system: actualLabel(d.actuals.get(a.kpiId), kpi.unit), workbook: actualLabel(a, kpi.unit) });
  }
  if (diffs.length === 0 && ownProblems.length === 0) return { ...base, status: "unchanged", diffs };
  if (!d.canEdit) return { ...base, status: diffs.length === 0 ? "unchanged" : "not_editable", diffs, note: notEditable(d) };
  problems.push(...ownProblems);
  if (!fields || ownProblems.length > 0) return { ...base, status: "changed", diffs };
  const conflict = downloaded !== undefined && downloaded.lockVersion !== d.report.lockVersion;
  return {
    ...base,
    status: conflict ? "conflict" : "changed",
    diffs,
    note: conflict ? savedAfter(d) : undefined,
    save: { fields, actuals: changedActuals, lockVersion: d.report.lockVersion },
  };
}

function systemFields(d: DivisionReport): ReportFields {
  const { planText, targetsConfirmed, selfGrade, gradeReasons, issues, improvementMeasures, nextYearPlan } = d.report;
  return { planText, targetsConfirmed, selfGrade, gradeReasons, issues, improvementMeasures, nextYearPlan };
}

/** The row's fields through the report form's schema; undefined when a value cannot be read. */
function readFields(row: WorkbookReportRow, d: DivisionReport, problems: Problem[]): ReportFields | undefined {
  const before = problems.length;
  const at = (key: ReportInputKey) => ({ sheet: SHEETS.reports, cell: row.cells[key] });
  const confirmed = row.values.targetsConfirmed.normalize("NFKC").trim();
  if (confirmed !== "" && confirmed !== YES && confirmed !== NO) {
    problems.push({ ...at("targetsConfirmed"), message: `目標の確認は「${YES}」か「${NO}」を選んでください（「${confirmed}」は選べません）` });
  }
  const grade = row.values.selfGrade.normalize("NFKC").trim().toUpperCase();
  if (grade !== "" && !(GRADES as readonly string[]).includes(grade)) {
    problems.push({ ...at("selfGrade"), message: `自己評価は S・A・B・C から選んでください（「${row.values.selfGrade}」は選べません）` });
  }
  if (problems.length > before) return undefined;
  const parsed = reportForm.safeParse({
    lockVersion: String(d.report.lockVersion),
    planText: row.values.planText,
    targetsConfirmed: confirmed === YES ? "1" : "",
    selfGrade: grade,
    gradeReasons: row.values.gradeReasons,
    issues: row.values.issues,
    improvementMeasures: row.values.improvementMeasures,
    nextYearPlan: row.values.nextYearPlan,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "") as ReportInputKey;
      problems.push({ sheet: SHEETS.reports, cell: row.cells[key] ?? null, message: `取組項目 ${row.number}: ${issue.message}` });
    }
    return undefined;
  }
  const { lockVersion: _ignored, ...fields } = parsed.data;
  return fields;
}

/** The actual rows of one report, checked as the report page checks them. */
function readActuals(rows: WorkbookActualRow[], d: DivisionReport, problems: Problem[]): KpiActual[] {
  const present = rows.flatMap((row) => {
    const kpi = d.initiative.kpis.find((k) => k.key === row.kpiKey);
    return kpi ? [{ row, kpi }] : [];
  });
  const typed: TypedActual[] = present.map(({ row, kpi }) => ({ kpiId: kpi.id, value: row.value, asOf: row.asOf, source: row.source }));
  const { actuals, errors } = parseActuals(typed, present.map((p) => p.kpi));
  for (const e of errors) {
    const m = /^kpi-(\d+)-(actual|as-of|source)$/.exec(e.field);
    const row = present.find((p) => String(p.kpi.id) === m?.[1])?.row;
    const cell = row && (m?.[2] === "actual" ? row.cells.value : m?.[2] === "as-of" ? row.cells.asOf : row.cells.source);
    problems.push({ sheet: SHEETS.actuals, cell: cell ?? null, message: e.message });
  }
  // Keep the system's spelling of an unchanged number ("38.0"): parseActuals normalised the typed one.
  return actuals.map((a) => {
    const stored = d.actuals.get(a.kpiId);
    return stored && sameDecimal(stored.value, a.value) ? { ...a, value: stored.value } : { ...a, value: a.value === null ? null : normaliseDecimal(a.value) };
  });
}

function fieldText(key: ReportInputKey, value: ReportFields[ReportInputKey]): string {
  if (key === "targetsConfirmed") return value ? YES : NO;
  return shown((value as string | null) ?? null);
}

const notEditable = (d: DivisionReport) => `この報告は「${STATE_LABELS[d.report.state]}」のため、いまは変更できません。`;

const savedAfter = (d: DivisionReport) => `ダウンロードの後に、${d.report.updatedByLabel ?? "他の方"}がシステムでこの報告を保存しています。`;
