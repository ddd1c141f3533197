/**
 * The plan workbook read back into the plan-file form: the draft's content
 * with its policies and initiatives replaced by the workbook's rows. Every
 * problem is collected (sheet, cell, Japanese message), none stops the
 * reading, and the result is only usable when there are none. The caller
 * then validates the whole plan with the plan-file schema and places the
 * schema's problems on cells with `locate`.
 *
 * Pure: no database, no file format (read-plan-workbook.ts reads the .xlsx).
 */
import { recoverCsvText } from "../../../core/format/csv-cell.ts";
import type { PlanFile, PlanFileInitiative, PlanFileKpi } from "../plan-file-schema.ts";
import { fiscalYearsOf, type Phase } from "../plan.ts";
import { kpiNaturalKey } from "../revisions/domain/diff-initiatives.ts";
import { readDecimal } from "./decimal-cell.ts";
import { DIRECTION_WORDS, invert, KIND_WORDS, LINE_WORDS, NO, PHASE_WORDS, sheetLayouts, YES, type SheetKey } from "./layout.ts";
import { readRecords, type InSheet, type RecordCell, type SheetRecord, type WorkbookProblem } from "./read-sheets.ts";

export type WorkbookPlan =
  | { ok: true; candidate: PlanFile; locate: (path: string) => { sheet: string; cell: string } }
  | { ok: false; problems: WorkbookProblem[] };

type Where = { sheet: string; cell: string };

const PHASES = invert(PHASE_WORDS);
const DIRECTIONS = invert(DIRECTION_WORDS);
const KINDS = invert(KIND_WORDS);
const PARTS = invert(LINE_WORDS);

export function workbookToPlan(base: PlanFile, sheets: readonly InSheet[]): WorkbookPlan {
  const problems: WorkbookProblem[] = [];
  const years = fiscalYearsOf(base);
  const layouts = sheetLayouts(years);
  const places = new Map<string, Where>();
  const records = {} as Record<SheetKey, SheetRecord[]>;
  for (const layout of layouts) {
    const sheet = sheets.find((s) => s.name === layout.name);
    if (!sheet) {
      problems.push({ sheet: layout.name, cell: "", message: `シート「${layout.name}」がありません。シート名を変えずに保存してください` });
      records[layout.key] = [];
    } else records[layout.key] = readRecords(sheet, layout, problems);
  }
  const sheetName = (key: SheetKey) => layouts.find((l) => l.key === key)!.name;
  const cells = (key: SheetKey) => new CellReader(sheetName(key), problems);

  // 取組方針 and 取組項目 in row order (the plan's order); their children grouped by number, in 順番.
  const pr = cells("policies");
  const policies = records.policies.map((r) => ({ number: pr.integer(r, "number"), title: pr.text(r, "title"), outcomes: [] as { statement: string; description: string }[], row: r }));
  uniqueNumbers(policies, (p) => p.number, pr, "number", "取組方針番号");

  const ir = cells("initiatives");
  const initiatives = records.initiatives.map((r) => ({
    number: ir.integer(r, "initiative"),
    policy: ir.integer(r, "policy"),
    title: ir.text(r, "title"),
    isNew: ir.yesNo(r, "isNew"),
    row: r,
  }));
  uniqueNumbers(initiatives, (i) => i.number, ir, "initiative", "取組項目番号");

  const baseInitiative = new Map(base.initiatives.map((i) => [i.number, i]));
  const built = new Map<number, PlanFileInitiative>(
    initiatives.map((i) => [i.number ?? NaN, { number: i.number!, policy: i.policy!, title: i.title!, isNew: i.isNew, divisions: [], content: [], goals: [], schedule: [], kpis: [] }]),
  );

  const initiativeList = [...built.values()];
  const indexOf = (initiative: PlanFileInitiative) => initiativeList.indexOf(initiative);

  const or = cells("outcomes");
  for (const [number, rows] of grouped(records.outcomes, or, "policy")) {
    const policy = policies.find((p) => p.number === number);
    if (!policy) rows.forEach((r) => or.problem(r.at("policy"), `取組方針番号 ${number} は「${sheetName("policies")}」シートにありません`));
    else policy.outcomes = ordered(rows, or).map((r) => ({ statement: or.text(r, "statement") ?? "", description: or.text(r, "description") ?? "" }));
  }

  const childrenOf = (key: SheetKey, each: (initiative: PlanFileInitiative, rows: SheetRecord[], reader: CellReader) => void) => {
    const reader = cells(key);
    for (const [number, rows] of grouped(records[key], reader, "initiative")) {
      const initiative = built.get(number);
      if (!initiative) rows.forEach((r) => reader.problem(r.at("initiative"), `取組項目番号 ${number} は「${sheetName("initiatives")}」シートにありません`));
      else each(initiative, rows, reader);
    }
  };

  childrenOf("divisions", (initiative, rows, dr) => {
    const inOrder = ordered(rows, dr);
    initiative.divisions = inOrder.map((r, n) => {
      places.set(`initiatives[${indexOf(initiative)}].divisions[${n}]`, { sheet: dr.sheet, cell: r.address });
      const kind = dr.choice(r, "kind", KINDS, true);
      if (kind !== "division") {
        for (const key of ["name", "unit", "note"]) if (r.cells[key]) dr.problem(r.at(key), `「${KIND_WORDS[kind ?? "all_bureaus"]}」には課の名称・係・室・注記を書きません（種別を「課」にしてください）`);
        return { kind: kind ?? "all_bureaus" };
      }
      const name = dr.text(r, "name");
      return { kind, name: name ?? "", ...opt("unit", dr.optionalText(r, "unit")), ...opt("note", dr.optionalText(r, "note")) };
    });
  });

  childrenOf("lines", (initiative, rows, lr) => {
    for (const part of ["content", "goals"] as const) {
      const mine = ordered(rows.filter((r) => lr.peekChoice(r, "part", PARTS) === part), lr);
      initiative[part] = mine.map((r) => lr.text(r, "text") ?? "");
      mine.forEach((r, n) => places.set(`initiatives[${indexOf(initiative)}].${part}[${n}]`, { sheet: lr.sheet, cell: r.at("text") }));
    }
    rows.forEach((r) => lr.choice(r, "part", PARTS, true));
  });

  childrenOf("schedule", (initiative, rows, sr) => {
    initiative.schedule = ordered(rows, sr).map((r, n) => {
      const phases: Record<string, Phase | null> = {};
      for (const y of years) phases[String(y)] = sr.choice(r, `phase:${y}`, PHASES, false);
      places.set(`initiatives[${indexOf(initiative)}].schedule[${n}]`, { sheet: sr.sheet, cell: r.at("label") });
      return { label: sr.text(r, "label") ?? "", phases, assumed: sr.yesNo(r, "assumed"), ...opt("note", sr.optionalText(r, "note")) };
    });
  });

  childrenOf("kpis", (initiative, rows, kr) => {
    const previous = new Map((baseInitiative.get(initiative.number)?.kpis ?? []).map((k) => [kpiNaturalKey(k), k]));
    initiative.kpis = ordered(rows, kr).map((r, n): PlanFileKpi => {
      const code = kr.optionalText(r, "code") ?? null;
      const label = kr.text(r, "label") ?? "";
      const before = previous.get(code ?? label);
      const baselineYear = kr.fiscalYear(r, "baselineYear");
      const baselineValue = kr.decimal(r, "baselineValue", before?.baseline?.value);
      const baselineNote = kr.optionalText(r, "baselineNote");
      if (baselineYear === null && (baselineValue !== null || baselineNote !== undefined)) {
        kr.problem(r.at("baselineYear"), "基準値や基準値の注記を書くときは、基準年度（西暦）も入力してください");
      }
      const targets: Record<string, string | null> = {};
      for (const y of years) targets[String(y)] = kr.decimal(r, `target:${y}`, before?.targets[String(y)]);
      const path = `initiatives[${indexOf(initiative)}].kpis[${n}]`;
      places.set(path, { sheet: kr.sheet, cell: r.at("label") });
      for (const y of years) places.set(`${path}.targets.${y}`, { sheet: kr.sheet, cell: r.at(`target:${y}`) });
      places.set(`${path}.baseline`, { sheet: kr.sheet, cell: r.at("baselineYear") });
      return {
        code,
        label,
        unit: kr.text(r, "unit") ?? "",
        direction: kr.choice(r, "direction", DIRECTIONS, true) ?? "higher",
        cumulative: kr.yesNo(r, "cumulative"),
        baseline: baselineYear === null ? null : { fiscalYear: baselineYear, value: baselineValue, ...opt("note", baselineNote) },
        targets,
        ...opt("note", kr.optionalText(r, "note")),
      };
    });
  });

  // Places of the parents, for the schema's problems about a whole item (no divisions, unknown policy …).
  policies.forEach((p, n) => {
    places.set(`policies[${n}]`, { sheet: pr.sheet, cell: p.row.address });
    places.set(`policies[${n}].outcomes`, { sheet: pr.sheet, cell: p.row.address });
  });
  initiatives.forEach((i, n) => {
    places.set(`initiatives[${n}]`, { sheet: ir.sheet, cell: i.row.address });
    places.set(`initiatives[${n}].policy`, { sheet: ir.sheet, cell: i.row.at("policy") });
    places.set(`initiatives[${n}].title`, { sheet: ir.sheet, cell: i.row.at("title") });
  });
  places.set("policies", { sheet: pr.sheet, cell: "" });
  places.set("initiatives", { sheet: ir.sheet, cell: "" });

  if (problems.length > 0) return { ok: false, problems };
  const candidate: PlanFile = {
    ...base,
    policies: policies.map((p) => ({ number: p.number!, title: p.title!, outcomes: p.outcomes })),
    initiatives: initiativeList,
  };
  const locate = (path: string): Where => {
    // The most precise place known: initiatives[3].kpis[0].targets.2024, else initiatives[3].kpis[0], …
    for (let p = path; p !== ""; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, "")) {
      const found = places.get(p);
      if (found) return found;
      if (!/(\.[^.[\]]+|\[\d+\])$/.test(p)) break;
    }
    return { sheet: "", cell: "" };
  };
  return { ok: true, candidate, locate };
}

const opt = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

/** Rows grouped by a number column (rows whose number is unreadable are reported and left out). */
function grouped(rows: SheetRecord[], reader: CellReader, key: string): Map<number, SheetRecord[]> {
  const groups = new Map<number, SheetRecord[]>();
  for (const r of rows) {
    const n = reader.integer(r, key);
    if (n !== undefined) groups.set(n, [...(groups.get(n) ?? []), r]);
  }
  return groups;
}

/** Rows in their 順番; a repeated 順番 is a problem (which row comes first would be a guess). */
function ordered(rows: SheetRecord[], reader: CellReader): SheetRecord[] {
  const withOrder = rows.map((r) => ({ r, order: reader.integer(r, "order", true) ?? Number.MAX_SAFE_INTEGER }));
  const seen = new Map<number, SheetRecord>();
  for (const { r, order } of withOrder) {
    if (order === Number.MAX_SAFE_INTEGER) continue;
    if (seen.has(order) && seen.get(order) !== r) reader.problemOnce(r.at("order"), `順番 ${order} が同じ取組項目の中で重複しています`);
    else seen.set(order, r);
  }
  return withOrder.sort((a, b) => a.order - b.order || a.r.row - b.r.row).map((x) => x.r);
}

function uniqueNumbers<T>(items: (T & { row: SheetRecord })[], numberOf: (t: T) => number | undefined, reader: CellReader, key: string, label: string) {
  const seen = new Set<number>();
  for (const item of items) {
    const n = numberOf(item);
    if (n === undefined) continue;
    if (seen.has(n)) reader.problem(item.row.at(key), `${label} ${n} が重複しています`);
    seen.add(n);
  }
}

/** Reads one typed value from a record's cell, reporting a problem (once per cell) when it cannot. */
class CellReader {
  private readonly reported = new Set<string>();
  constructor(
    readonly sheet: string,
    private readonly problems: WorkbookProblem[],
  ) {}

  problem(cell: string, message: string): void {
    this.problems.push({ sheet: this.sheet, cell, message });
  }

  problemOnce(cell: string, message: string): void {
    if (this.reported.has(cell)) return;
    this.reported.add(cell);
    this.problem(cell, message);
  }

  private raw(r: SheetRecord, key: string): RecordCell | undefined {
    return r.cells[key];
  }

  optionalText(r: SheetRecord, key: string): string | undefined {
    const cell = this.raw(r, key);
    if (!cell) return undefined;
    const { value } = cell;
    if (typeof value === "number") return String(value);
    if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
    if (typeof value !== "string") {
      this.problemOnce(cell.address, "文字として読めない値です（日付や数式ではなく文字を入力してください）");
      return undefined;
    }
    const text = recoverCsvText(value.trim());
    return text === "" ? undefined : text;
  }

  text(r: SheetRecord, key: string): string | undefined {
    const text = this.optionalText(r, key);
    if (text === undefined && !this.reported.has(r.at(key))) this.problemOnce(r.at(key), "入力してください（空にはできません）");
    return text;
  }

  integer(r: SheetRecord, key: string, optional = false): number | undefined {
    const cell = this.raw(r, key);
    if (!cell) {
      if (!optional) this.problemOnce(r.at(key), "番号を入力してください");
      return undefined;
    }
    const value = typeof cell.value === "string" ? cell.value.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)) : cell.value;
    const n = typeof value === "number" ? value : typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < 1) {
      this.problemOnce(cell.address, "1以上の整数を入力してください");
      return undefined;
    }
    return n;
  }

  fiscalYear(r: SheetRecord, key: string): number | null {
    if (!this.raw(r, key)) return null;
    const n = this.integer(r, key, true);
    if (n === undefined) return null;
    if (n < 1989 || n > 2100) {
      this.problemOnce(r.at(key), "年度は西暦の開始年（例: 2021）で入力してください");
      return null;
    }
    return n;
  }

  decimal(r: SheetRecord, key: string, previous: string | null | undefined): string | null {
    const cell = this.raw(r, key);
    if (!cell) return null;
    const read = readDecimal(cell.value, cell.numFmt, previous);
    if (!read.ok) {
      this.problemOnce(cell.address, read.message);
      return null;
    }
    return read.decimal;
  }

  yesNo(r: SheetRecord, key: string): boolean {
    const cell = this.raw(r, key);
    if (!cell) return false;
    if (typeof cell.value === "boolean") return cell.value;
    const text = typeof cell.value === "string" ? cell.value.trim() : "";
    if (text === YES) return true;
    if (text === NO || text === "") return false;
    this.problemOnce(cell.address, `「${YES}」か「${NO}」を選んでください`);
    return false;
  }

  /** The code of a choice word; undefined when absent or not a choice (reported unless `required` is false and absent). */
  choice<T extends string>(r: SheetRecord, key: string, words: Map<string, T>, required: true): T | undefined;
  choice<T extends string>(r: SheetRecord, key: string, words: Map<string, T>, required: false): T | null;
  choice<T extends string>(r: SheetRecord, key: string, words: Map<string, T>, required: boolean): T | null | undefined {
    const cell = this.raw(r, key);
    if (!cell) {
      if (required) this.problemOnce(r.at(key), `${[...words.keys()].map((w) => `「${w}」`).join("")}のどれかを選んでください`);
      return required ? undefined : null;
    }
    const code = this.peekChoice(r, key, words);
    if (code === undefined) this.problemOnce(cell.address, `「${String(cell.value).trim()}」は選べません。${[...words.keys()].map((w) => `「${w}」`).join("")}のどれかを選んでください`);
    return code ?? (required ? undefined : null);
  }

  peekChoice<T extends string>(r: SheetRecord, key: string, words: Map<string, T>): T | undefined {
    const value = this.raw(r, key)?.value;
    return typeof value === "string" ? words.get(value.trim()) : undefined;
  }
}
