/**
 * The division workbook, written from what the system holds
 * (load.ts): instructions, the reports sheet, the KPI actuals sheet, and the
 * hidden identification sheet the upload checks first. Input cells are
 * unlocked only where the user may change that part of the report now.
 */
import { fiscalYearLabel } from "../../../core/format/fiscal-year.ts";
import { WorkbookBuilder, type CellValue } from "../../../core/spreadsheet/write.ts";
import { STATE_LABELS } from "../domain/report-workflow.ts";
import { ACTUAL_COLUMNS, FORMAT_NAME, FORMAT_VERSION, IDENTITY_KEYS, NO, REPORT_COLUMNS, reportKey, SHEETS, YES } from "./domain/format.ts";
import type { DivisionWorkbookData } from "./load.ts";

const DATE_RANGE = { from: new Date(Date.UTC(2000, 0, 1)), to: new Date(Date.UTC(2099, 11, 31)) };
const LEAD_KEYS = new Set(REPORT_COLUMNS.filter((c) => c.input && c.key !== "contribution").map((c) => c.key));

/** A decimal string as a number cell (numbers stay numbers); null stays blank, never 0. */
const numberCell = (value: string | null | undefined): CellValue => (value === null || value === undefined ? null : Number(value));

const isoDateCell = (day: string | null): CellValue => (day === null ? null : new Date(`${day}T00:00:00Z`));

export function workbookFileName(data: DivisionWorkbookData): string {
  return `${data.municipality.lgCode}_${data.cycle.fiscalYear}_${data.division.name}_自己評価.xlsx`;
}

export async function buildDivisionWorkbook(data: DivisionWorkbookData, now: Date): Promise<Buffer> {
  const year = fiscalYearLabel(data.cycle.fiscalYear);
  const title = `${data.municipality.name} ${year}の自己評価 ${data.division.name}`;
  const reports = [...data.reports].sort((a, b) => a.initiative.number - b.initiative.number);
  const leads = reports.filter((r) => r.role === "lead");

  const builder = new WorkbookBuilder({ creator: data.municipality.name, title });
  builder.textSheet(SHEETS.instructions, title, instructions(title, data.cycle.deadlines.reportDue));
  builder.dataSheet({
    name: SHEETS.reports,
    printTitle: `${title}（報告）`,
    columns: REPORT_COLUMNS,
    rows: reports.map((r) => ({
      number: r.initiative.number,
      title: r.initiative.title,
      role: r.role === "lead" ? "主担当" : "関係課",
      state: STATE_LABELS[r.report.state],
      planText: r.report.planText,
      targetsConfirmed: r.report.targetsConfirmed ? YES : NO,
      selfGrade: r.report.selfGrade,
      gradeReasons: r.report.gradeReasons,
      issues: r.report.issues,
      improvementMeasures: r.report.improvementMeasures,
      nextYearPlan: r.report.nextYearPlan,
      contribution: r.role === "co" ? r.contribution.body || null : null,
    })),
    lockedInRow: (i, key) => {
      const r = reports[i]!;
      return key === "contribution" ? !r.canContribute : LEAD_KEYS.has(key) && !r.canEdit;
    },
  });
  const kpiRows = leads.flatMap((r) => r.initiative.kpis.map((kpi) => ({ r, kpi })));
  builder.dataSheet({
    name: SHEETS.actuals,
    printTitle: `${title}（数値目標の実績）`,
    columns: ACTUAL_COLUMNS(DATE_RANGE),
    rows: kpiRows.map(({ r, kpi }) => {
      const actual = r.actuals.get(kpi.id);
      return {
        number: r.initiative.number,
        kpiKey: kpi.key,
        code: kpi.code,
        label: kpi.label,
        unit: kpi.unit,
        cumulative: kpi.cumulative ? "累計" : null,
        target: numberCell(kpi.targets.get(data.cycle.fiscalYear)),
        value: numberCell(actual?.value),
        asOf: isoDateCell(actual?.asOf ?? null),
        source: actual?.source ?? null,
      };
    }),
    lockedInRow: (i) => !kpiRows[i]!.r.canEdit,
  });
  builder.hiddenSheet(SHEETS.identity, [
    [IDENTITY_KEYS.format, FORMAT_NAME],
    [IDENTITY_KEYS.formatVersion, FORMAT_VERSION],
    [IDENTITY_KEYS.lgCode, data.municipality.lgCode],
    [IDENTITY_KEYS.cycleId, data.cycle.id],
    [IDENTITY_KEYS.fiscalYear, data.cycle.fiscalYear],
    [IDENTITY_KEYS.divisionId, data.division.id],
    [IDENTITY_KEYS.divisionName, data.division.name],
    [IDENTITY_KEYS.downloadedAt, now.toISOString()],
    ...reports.flatMap((r) => [
      [reportKey(r.initiative.number, "lock_version"), r.report.lockVersion] as const,
      [reportKey(r.initiative.number, "updated_at"), r.report.updatedAt.toISOString()] as const,
      [reportKey(r.initiative.number, "contribution_version"), r.contribution.version] as const,
    ]),
  ]);
  return builder.toBuffer();
}

function instructions(title: string, reportDue: string) {
  return [
    { text: title, heading: true },
    { text: "このファイルは、自己評価の報告をExcelで入力するためのものです。入力後、システムの「Excelで入力」のページからアップロードしてください。アップロードすると、変更される内容の確認画面が表示され、「反映する」を押すまでシステムの内容は変わりません。" },
    { text: `各課の提出期限: ${reportDue}` },
    { text: "入力のしかた", heading: true },
    { text: "・白いセルに入力します。灰色のセルは計画の内容やシステムの状態で、変更できません（変更してもアップロード時には読み込みません）。" },
    { text: "・「報告」シート: 主担当の取組項目は、当年度の取組計画・目標の確認・自己評価（S・A・B・C から選択）・評価の理由・課題・改善策・次年度の取組計画を入力します。B・C評価の場合は課題と改善策が必須です。関係課として担当する取組項目は「関係課の取組」を入力します。" },
    { text: "・「数値目標の実績」シート: 実績値は単位を付けずに数値で入力します。未報告の場合は空欄のままにしてください（0 とは区別されます）。実績値を入力したら、時点（2025/3/31、令和7年3月31日 など）と出典も入力してください。" },
    { text: "・行や列の追加・削除・並べ替え、シート名の変更はしないでください。見出し（1行目）と取組項目番号・数値目標IDで行を読み取ります。" },
    { text: "・数式は使えません。値を直接入力してください。" },
    { text: "アップロードについて", heading: true },
    { text: "・誤りがある場合は、シート名とセルの位置（例: 報告!H3）を付けて、すべての誤りをまとめて表示します。直してから、もう一度アップロードしてください。" },
    { text: "・ダウンロードした後にシステムで同じ報告が保存されていた場合は「競合」と表示され、報告ごとに、システムの内容とこのファイルの内容のどちらを残すかを選べます。" },
    { text: "・提出後など、いま変更できない報告は変更されません（確認画面に一覧で表示します）。" },
    { text: "・同じファイルをもう一度アップロードしても、内容が同じなら何も変わりません。" },
  ];
}
