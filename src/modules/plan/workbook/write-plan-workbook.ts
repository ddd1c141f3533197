/**
 * The plan workbook as an .xlsx file, through the shared spreadsheet writer
 * (core/spreadsheet): an instructions sheet, one data sheet per table of
 * layout.ts (every column an input: the whole plan is being drafted, with
 * dropdowns for coded values and spare rows for additions), and the hidden
 * information sheet the upload checks.
 */
import { periodLabel } from "../../../core/format/fiscal-year.ts";
import { WorkbookBuilder, type CellValue, type ColumnSpec } from "../../../core/spreadsheet/write.ts";
import type { PlanFile } from "../plan-file-schema.ts";
import { decimalToCell } from "./decimal-cell.ts";
import { INFO_SHEET, KIND_WORDS, LINE_WORDS, META_SHEET, NO, PHASE_WORDS, YES, type Column } from "./layout.ts";
import { planToWorkbookSheets, type OutCell } from "./plan-to-workbook.ts";
import { infoRows, type WorkbookInfo } from "./workbook-info.ts";

/**
 * Empty rows under each table that keep the dropdowns, for rows added in the
 * spreadsheet (the shared writer protects sheets, so rows are added there,
 * not inserted). A revision adds a handful of items; each cell's validation
 * costs writing time, so not hundreds.
 */
const SPARE_ROWS = 30;

export async function writePlanWorkbook(plan: PlanFile, info: WorkbookInfo, municipalityName: string): Promise<Buffer> {
  const title = `${plan.title} 見直し用ブック`;
  const builder = new WorkbookBuilder({ creator: municipalityName, title }).textSheet(INFO_SHEET, title, instructions(plan, info));
  for (const sheet of planToWorkbookSheets(plan)) {
    builder.dataSheet({
      name: sheet.name,
      printTitle: `${title}（${sheet.name}）`,
      columns: sheet.columns.map(columnSpec),
      rows: sheet.rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, cellValue(v)]))),
      spareRows: SPARE_ROWS,
    });
  }
  return builder.hiddenSheet(META_SHEET, infoRows(info)).toBuffer();
}

function columnSpec(c: Column): ColumnSpec {
  const base = { key: c.key, header: c.header, width: c.width, input: true };
  switch (c.kind) {
    case "choice":
      return { ...base, accepts: { list: c.choices! } };
    case "decimal":
      return { ...base, accepts: { decimal: { min: 0 } }, prompt: "数値だけを入力します（単位は付けません）。値がないときは空欄にします（0 とは別です）。" };
    case "integer":
      return { ...base, accepts: { decimal: { min: 1, max: 999_999 } } };
    case "fiscalYear":
      return { ...base, accepts: { decimal: { min: 1989, max: 2100 } }, prompt: "西暦の開始年（例: 2021）。基準値がないときは空欄にします。" };
    default:
      return { ...base, accepts: "text", wrap: c.width >= 40 };
  }
}

function cellValue(cell: OutCell): CellValue {
  if (cell === null || typeof cell === "string" || typeof cell === "number") return cell;
  const written = decimalToCell(cell.decimal);
  return "value" in written ? written.value : written.text;
}

function instructions(plan: PlanFile, info: WorkbookInfo) {
  return [
    { text: `${plan.title}（${periodLabel(plan.period.startFiscalYear, plan.period.endFiscalYear)}）見直し用ブック`, heading: true },
    { text: `このブックは、計画の下書きを表計算ソフトで編集するためのものです。書き出した版: ${info.madeFrom}。` },
    { text: "使い方", heading: true },
    { text: "1. 各シートの表を編集して保存します（.xlsx 形式のまま）。シート名と1行目の項目名は変えないでください。" },
    { text: "2. 計画の編集画面の下書きのページから「ブックを取り込む」でアップロードします。問題があれば、シート・セルごとに一覧で示し、何も取り込みません。" },
    { text: "3. 取り込んだ後、「変更内容を確認して公開」で公開中の版との違いを確認し、理由を書いて公開します。" },
    { text: "書き方", heading: true },
    { text: "・1行に1件です。行を追加するときは表の下の空いた行に書き、「取組項目番号」と「順番」で位置を指定します（並べ替えは不要です）。行を消すと、その項目は計画から削除されます。" },
    { text: "・取組項目番号は「取組項目」シートの番号です。担当課・取組内容・目標・取組計画・数値目標の各シートは、この番号で取組項目に結び付きます。" },
    { text: `・担当課: 順番1が主担当です。種別は「${Object.values(KIND_WORDS).join("」「")}」から選び、「課」のときだけ課の名称を書きます。` },
    { text: `・取組内容・目標: 区分は「${LINE_WORDS.content}」か「${LINE_WORDS.goals}」です。` },
    { text: `・取組計画: 年度の列に「${Object.values(PHASE_WORDS).join("」「")}」のどれかを選びます。その年度に段階がなければ空欄です。` },
    { text: "・数値目標: 目標値・基準値は数値だけを入力します（単位や桁区切りの記号は付けません。2,000 と表示されていても値は 2000 です）。目標値がない年度（—）は空欄にします。空欄は「値なし」で、0 とは区別します。" },
    { text: `・はい／いいえの列: 「${YES}」か「${NO}」を選びます。空欄は「${NO}」です。` },
    { text: "・数式は使わないでください（値を入力します）。非表示のシート「ブック情報」は変更しないでください。" },
    { text: "・取組方針・取組項目以外の部分（計画の概要、用語説明など）は、このブックでは変わりません。画面で編集してください。" },
  ];
}
