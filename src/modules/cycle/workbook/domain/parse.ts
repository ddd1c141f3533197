/**
 * Reading an uploaded division workbook into rows, from the cells the
 * spreadsheet reader found (core/spreadsheet/read.ts). Pure: no database.
 * Every problem is collected with its sheet and cell, so the person sees all
 * of them at once; the file is only usable when there are none.
 *
 * Only the identifying columns (取組項目番号, 数値目標ID) and the input
 * columns are read: a locked, pre-filled cell that someone changed anyway
 * is simply not read.
 */
import { parseJapaneseDay } from "../../../../core/format/japanese-date.ts";
import type { ReadCell, ReadSheet, ReadValue } from "../../../../core/spreadsheet/read.ts";
import { shownValue } from "../../../../core/spreadsheet/read.ts";
import type { ColumnSpec } from "../../../../core/spreadsheet/write.ts";
import { ACTUAL_COLUMNS, FORMAT_NAME, FORMAT_VERSION, IDENTITY_KEYS, REPORT_COLUMNS, REPORT_INPUT_KEYS, SHEETS, type ReportInputKey } from "./format.ts";

export type Problem = { sheet: string; cell: string | null; message: string };

export type WorkbookIdentity = {
  lgCode: string;
  cycleId: number;
  fiscalYear: number;
  divisionId: number;
  /** Per initiative number: the report's lock_version and this division's contribution version at download. */
  versions: Map<number, { lockVersion: number | null; contributionVersion: string }>;
};

/** A report row as typed: text as it is in the cell ("" for blank); cells by key for messages. */
export type WorkbookReportRow = {
  number: number;
  values: Record<ReportInputKey | "contribution", string>;
  cells: Record<ReportInputKey | "contribution", string>;
};

export type WorkbookActualRow = {
  number: number;
  kpiKey: string;
  value: string;
  /** "YYYY-MM-DD" or "" (a date written as text has been read already). */
  asOf: string;
  source: string;
  cells: { value: string; asOf: string; source: string };
};

export type ParsedWorkbook = { identity: WorkbookIdentity; reports: WorkbookReportRow[]; actuals: WorkbookActualRow[] };

export type Expected = { lgCode: string; cycleId: number; divisionId: number; divisionName: string };

const FROM_SYSTEM = "このシステムの「Excelで入力」のページからダウンロードしたファイルを使ってください。";
const FORMULA = "数式は使えません。値を直接入力してください（数式の結果ではなく、入力した値を読み込みます）";

type Grid = Map<number, Map<number, ReadCell>>;

function gridOf(sheet: ReadSheet): Grid {
  const grid: Grid = new Map();
  for (const cell of sheet.cells) {
    const row = grid.get(cell.row) ?? new Map<number, ReadCell>();
    row.set(cell.col, cell);
    grid.set(cell.row, row);
  }
  return grid;
}

/** A1 address of a column (1-based) and row. */
export function address(col: number, row: number): string {
  let name = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return `${name}${row}`;
}

/**
 * ok: false when the file cannot be read as this division's workbook at all
 * (identity, sheets, headers); ok: true with the problems of single cells,
 * which the caller lists together with those of the values' rules.
 */
export function parseDivisionWorkbook(
  sheets: readonly ReadSheet[],
  expected: Expected,
): { ok: true; workbook: ParsedWorkbook; problems: Problem[] } | { ok: false; problems: Problem[] } {
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const identitySheet = byName.get(SHEETS.identity);
  if (!identitySheet) {
    return { ok: false, problems: [{ sheet: SHEETS.identity, cell: null, message: `「${SHEETS.identity}」シート（非表示）がありません。${FROM_SYSTEM}` }] };
  }
  const identity = readIdentity(identitySheet, expected);
  if (!identity.ok) return { ok: false, problems: identity.problems };

  // A missing sheet or a changed header makes rows unreadable (structure); a cell's problem does not stop the others.
  const structure: Problem[] = [];
  const problems: Problem[] = [];
  const reportSheet = byName.get(SHEETS.reports);
  const actualSheet = byName.get(SHEETS.actuals);
  for (const [name, sheet] of [[SHEETS.reports, reportSheet], [SHEETS.actuals, actualSheet]] as const) {
    if (!sheet) structure.push({ sheet: name, cell: null, message: `「${name}」シートがありません。シート名を変更した場合は元の名前に戻してください。` });
  }
  const reports = reportSheet ? readReportRows(reportSheet, structure, problems) : [];
  const actuals = actualSheet ? readActualRows(actualSheet, structure, problems) : [];
  if (structure.length > 0) return { ok: false, problems: [...structure, ...problems] };
  return { ok: true, workbook: { identity: identity.identity, reports, actuals }, problems };
}

function readIdentity(sheet: ReadSheet, expected: Expected): { ok: true; identity: WorkbookIdentity } | { ok: false; problems: Problem[] } {
  const values = new Map<string, ReadCell>();
  for (const [, row] of gridOf(sheet)) {
    const key = row.get(1);
    const value = row.get(2);
    if (key?.value.kind === "text" && value) values.set(key.value.text, value);
  }
  const text = (key: string) => {
    const v = values.get(key)?.value;
    return v ? shownValue(v).trim() : "";
  };
  const int = (key: string) => (/^\d{1,9}$/.test(text(key)) ? Number(text(key)) : null);
  const at = (key: string) => values.get(key)?.address ?? null;
  const problem = (key: string, message: string): Problem => ({ sheet: SHEETS.identity, cell: at(key), message });

  if (text(IDENTITY_KEYS.format) !== FORMAT_NAME) {
    return { ok: false, problems: [problem(IDENTITY_KEYS.format, `自己評価の入力用ファイルとして識別できません。${FROM_SYSTEM}`)] };
  }
  if (int(IDENTITY_KEYS.formatVersion) !== FORMAT_VERSION) {
    return { ok: false, problems: [problem(IDENTITY_KEYS.formatVersion, `古い様式のファイルです。もう一度ダウンロードして入力し直してください。`)] };
  }
  const problems: Problem[] = [];
  if (text(IDENTITY_KEYS.lgCode) !== expected.lgCode) {
    problems.push(problem(IDENTITY_KEYS.lgCode, `別の団体（団体コード ${text(IDENTITY_KEYS.lgCode) || "不明"}）のファイルです。${FROM_SYSTEM}`));
  } else if (int(IDENTITY_KEYS.cycleId) !== expected.cycleId) {
    problems.push(problem(IDENTITY_KEYS.cycleId, `別の年度の評価のファイルです（${text(IDENTITY_KEYS.fiscalYear) || "不明"}年度）。このページの年度のファイルをダウンロードして使ってください。`));
  } else if (int(IDENTITY_KEYS.divisionId) !== expected.divisionId) {
    problems.push(
      problem(IDENTITY_KEYS.divisionId, `別の課（${text(IDENTITY_KEYS.divisionName) || "不明"}）のファイルです。${expected.divisionName}のファイルをダウンロードして使ってください。`),
    );
  }
  if (problems.length > 0) return { ok: false, problems };

  const versions = new Map<number, { lockVersion: number | null; contributionVersion: string }>();
  for (const key of values.keys()) {
    const m = /^report\.(\d{1,6})\.lock_version$/.exec(key);
    if (!m) continue;
    versions.set(Number(m[1]), { lockVersion: int(key), contributionVersion: text(`report.${m[1]}.contribution_version`) });
  }
  return {
    ok: true,
    identity: { lgCode: expected.lgCode, cycleId: expected.cycleId, fiscalYear: int(IDENTITY_KEYS.fiscalYear) ?? 0, divisionId: expected.divisionId, versions },
  };
}

/** Row 1 must hold the headers in order: rows are read by column position. */
function headersMatch(sheet: ReadSheet, grid: Grid, columns: readonly ColumnSpec[], problems: Problem[]): boolean {
  const before = problems.length;
  const header = grid.get(1) ?? new Map<number, ReadCell>();
  columns.forEach((c, i) => {
    const cell = header.get(i + 1);
    const found = cell ? shownValue(cell.value).trim() : "";
    if (found !== c.header) {
      problems.push({
        sheet: sheet.name,
        cell: address(i + 1, 1),
        message: `見出しが「${found || "空欄"}」になっています（「${c.header}」のはずです）。列の追加・削除・並べ替えはしないでください。`,
      });
    }
  });
  return problems.length === before;
}

/** A text input cell as typed; a formula or an error value is a problem. */
function textOf(cell: ReadCell | undefined, problems: Problem[]): string {
  if (!cell) return "";
  const v = cell.value;
  if (v.kind === "formula") {
    problems.push({ sheet: cell.sheet, cell: cell.address, message: FORMULA });
    return "";
  }
  if (v.kind === "error") {
    problems.push({ sheet: cell.sheet, cell: cell.address, message: `エラー値（${v.error}）が入っています。値を入力し直してください` });
    return "";
  }
  return v.kind === "date" ? v.date.toISOString().slice(0, 10) : shownValue(v);
}

/** The row's initiative number (column A); undefined with a problem when it is not one. */
function numberOf(cell: ReadCell | undefined, sheet: string, row: number, problems: Problem[]): number | undefined {
  const text = cell ? shownValue(cell.value).trim() : "";
  if (/^\d{1,6}$/.test(text)) return Number(text);
  problems.push({ sheet, cell: address(1, row), message: text === "" ? "取組項目番号がありません。行の追加や並べ替えはしないでください" : `取組項目番号「${text}」が正しくありません` });
  return undefined;
}

function readReportRows(sheet: ReadSheet, structure: Problem[], problems: Problem[]): WorkbookReportRow[] {
  const grid = gridOf(sheet);
  if (!headersMatch(sheet, grid, REPORT_COLUMNS, structure)) return [];
  const col = (key: string) => REPORT_COLUMNS.findIndex((c) => c.key === key) + 1;
  const keys = [...REPORT_INPUT_KEYS, "contribution"] as const;
  const rows: WorkbookReportRow[] = [];
  const seen = new Map<number, number>();
  for (const [r, cells] of [...grid].sort((a, b) => a[0] - b[0])) {
    if (r === 1) continue;
    const number = numberOf(cells.get(1), sheet.name, r, problems);
    if (number === undefined) continue;
    if (seen.has(number)) {
      problems.push({ sheet: sheet.name, cell: address(1, r), message: `取組項目番号 ${number} の行が2つあります（${seen.get(number)}行目と${r}行目）` });
      continue;
    }
    seen.set(number, r);
    const values = {} as WorkbookReportRow["values"];
    const at = {} as WorkbookReportRow["cells"];
    for (const key of keys) {
      values[key] = textOf(cells.get(col(key)), problems);
      at[key] = address(col(key), r);
    }
    rows.push({ number, values, cells: at });
  }
  return rows;
}

function readActualRows(sheet: ReadSheet, structure: Problem[], problems: Problem[]): WorkbookActualRow[] {
  const columns = ACTUAL_COLUMNS({ from: new Date(0), to: new Date(0) });
  const grid = gridOf(sheet);
  if (!headersMatch(sheet, grid, columns, structure)) return [];
  const col = (key: string) => columns.findIndex((c) => c.key === key) + 1;
  const rows: WorkbookActualRow[] = [];
  for (const [r, cells] of [...grid].sort((a, b) => a[0] - b[0])) {
    if (r === 1) continue;
    const number = numberOf(cells.get(1), sheet.name, r, problems);
    const kpiKey = cells.get(col("kpiKey")) ? shownValue(cells.get(col("kpiKey"))!.value).trim() : "";
    if (number === undefined) continue;
    if (kpiKey === "") {
      problems.push({ sheet: sheet.name, cell: address(col("kpiKey"), r), message: "数値目標IDがありません。行の追加や並べ替えはしないでください" });
      continue;
    }
    const valueCell = cells.get(col("value"));
    const value = valueCell?.value.kind === "number" ? String(valueCell.value.number) : textOf(valueCell, problems);
    rows.push({
      number,
      kpiKey,
      value,
      asOf: dateOf(cells.get(col("asOf")), problems),
      source: textOf(cells.get(col("source")), problems),
      cells: { value: address(col("value"), r), asOf: address(col("asOf"), r), source: address(col("source"), r) },
    });
  }
  return rows;
}

/** A date cell, or a date written as text the way city offices write it (japanese-date.ts). */
function dateOf(cell: ReadCell | undefined, problems: Problem[]): string {
  if (!cell) return "";
  const v: ReadValue = cell.value;
  if (v.kind === "date") return v.date.toISOString().slice(0, 10);
  if (v.kind === "text") {
    const parsed = parseJapaneseDay(v.text);
    if (parsed.ok) return parsed.day;
    problems.push({ sheet: cell.sheet, cell: cell.address, message: parsed.message });
    return "";
  }
  if (v.kind === "formula") problems.push({ sheet: cell.sheet, cell: cell.address, message: FORMULA });
  else problems.push({ sheet: cell.sheet, cell: cell.address, message: `「${shownValue(v)}」は日付として読めません。2025/3/31 や 令和7年3月31日 のように入力してください` });
  return "";
}
