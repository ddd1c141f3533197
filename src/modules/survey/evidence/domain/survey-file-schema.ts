/**
 * The survey data file (plan-data/362018-survey-2021.yaml): a survey as a
 * report publishes it — method, question groups, the printed tables with
 * their totals, the figures stated in the text, the findings and the
 * initiatives that answer them. Strict: an unknown key is refused, and the
 * printed totals must equal the sums of the printed cells, so a mistyped
 * cell cannot reach the portal.
 */
import { z } from "zod";
import { percentOf } from "./published-table.ts";
import { isReservedSurveyCode, RESERVED_CODE_MESSAGE } from "../../domain/reserved-codes.ts";
import { allQuestions, attributeQuestion, INVALID_ANSWER, NO_ANSWER, respondentAttributes, surveyDefinitionSchema } from "../../domain/definition.ts";

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "半角英小文字・数字・ハイフンで2〜63文字にしてください");
const code = z.string().regex(/^[A-Za-z0-9_]{1,32}$/, "コードは半角英数字と _ で32文字以内にしてください");
const count = z.number({ message: "人数（0以上の整数）を書いてください" }).int("人数は整数で書いてください").nonnegative("人数は0以上にしてください");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日付は YYYY-MM-DD で書いてください");
const text = z.string().min(1, "空にはできません");

const category = z.strictObject({ code, label: text });

const tableSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "表のキーは半角英小文字・数字・ハイフンにしてください"),
  number: text.optional(),
  title: text,
  /** The question's code in `definition`; absent for a question the file does not define. */
  question: code.optional(),
  kind: z.enum(["single", "multiple"], { message: "kind は single（単一選択）か multiple（複数選択）です" }),
  columnAttribute: z.enum(respondentAttributes).optional(),
  columnTitle: text.optional(),
  unit: text.optional(),
  columns: z.array(category).min(1).optional(),
  rows: z
    .array(z.strictObject({ code, label: text, counts: z.array(count).min(1), total: count }))
    .min(1)
    .optional(),
  columnTotals: z.array(count).optional(),
  grandTotal: count.optional(),
  note: text.optional(),
});

export const surveyFileSchema = z
  .strictObject({
    code: slug.refine((c) => !isReservedSurveyCode(c), { message: RESERVED_CODE_MESSAGE }),
    lgCode: z.string().regex(/^\d{6}$/, "全国地方公共団体コードは6桁の数字です"),
    /** The plan (its code) whose report holds the survey; findings link to its initiatives. */
    plan: slug,
    place: text.optional(),
    title: text,
    purpose: text.optional(),
    population: text.optional(),
    sampleSize: z.number().int().positive("標本数は1以上の整数です").optional(),
    method: text.optional(),
    period: z.strictObject({ start: isoDate, end: isoDate, asPrinted: text.optional() }).optional(),
    responses: count.optional(),
    responseRate: z.string().regex(/^\d{1,3}(\.\d+)?$/, "回収率は「38.9」のように数字で書いてください（%は付けない）").optional(),
    questionGroups: z.array(z.strictObject({ title: text, count: z.number().int().positive("設問数は1以上の整数です") })).default([]),
    definition: surveyDefinitionSchema,
    tables: z.array(tableSchema).min(1),
    headlines: z
      .array(z.strictObject({ label: text, table: z.string(), row: code, column: code.optional(), statedPercent: z.number().nonnegative().optional() }))
      .default([]),
    findings: z
      .array(
        z.strictObject({
          number: z.number().int().positive(),
          title: text,
          tables: z.array(z.string()).default([]),
          body: z.array(text).min(1),
          initiatives: z.array(z.strictObject({ number: z.number().int().positive(), assumed: z.boolean(), note: text.optional() })).default([]),
        }),
      )
      .default([]),
    readings: z.array(z.strictObject({ key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/), place: text, printed: text, reading: text, note: text.optional() })).default([]),
  })
  .superRefine(checkSurveyFile);

export type SurveyFile = z.infer<typeof surveyFileSchema>;
export type SurveyFileTable = SurveyFile["tables"][number];

const SPECIAL = new Set([NO_ANSWER, INVALID_ANSWER]);
const sum = (ns: readonly number[]) => ns.reduce((a, b) => a + b, 0);

function checkSurveyFile(file: Omit<SurveyFile, never>, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  if (file.period && file.period.end < file.period.start) issue(["period", "end"], "調査期間の終わりが始まりより前です");
  if (file.responses !== undefined && file.sampleSize !== undefined && file.responses > file.sampleSize) {
    issue(["responses"], `回答数（${file.responses}）が標本数（${file.sampleSize}）を超えています`);
  }
  const questions = new Map(allQuestions(file.definition).map((q) => [q.code, q]));
  const keys = new Set<string>();
  file.tables.forEach((table, t) => {
    const name = `表${table.number ?? ""}「${table.title}」`;
    if (keys.has(table.key)) issue(["tables", t, "key"], `表のキー「${table.key}」が重複しています`);
    keys.add(table.key);
    const question = table.question === undefined ? undefined : questions.get(table.question);
    if (table.question !== undefined) {
      if (!question || !("options" in question)) issue(["tables", t, "question"], `${name}の設問「${table.question}」が definition の選択式の設問にありません`);
      else if (question.kind !== table.kind) issue(["tables", t, "kind"], `${name}の kind が設問の種類（${question.kind}）と違います`);
    }
    const hasFigures = table.rows !== undefined;
    if (!hasFigures) {
      if (table.columns || table.columnTotals || table.grandTotal !== undefined) issue(["tables", t], `${name}に rows（数値）がないのに列や合計が書かれています`);
      if (!table.note) issue(["tables", t, "note"], `${name}には数値がないため、その理由を note に書いてください`);
      return;
    }
    const columns = table.columns ?? [];
    const width = Math.max(columns.length, 1);
    checkCategoryCodes(table.rows!.map((r) => r.code), question && "options" in question ? question.options.map((o) => o.code) : undefined, ["tables", t, "rows"], `${name}の行`, issue);
    const attribute = table.columnAttribute ? attributeQuestion(file.definition, table.columnAttribute) : undefined;
    if (table.columnAttribute && !attribute) issue(["tables", t, "columnAttribute"], `${name}の列の属性「${table.columnAttribute}」の設問が definition にありません`);
    checkCategoryCodes(columns.map((c) => c.code), attribute?.options.map((o) => o.code), ["tables", t, "columns"], `${name}の列`, issue);
    table.rows!.forEach((row, r) => {
      if (row.counts.length !== width) {
        issue(["tables", t, "rows", r, "counts"], `${name}の行「${row.label}」の数値が${row.counts.length}個ありますが、列は${width}個です`);
      } else if (table.kind === "single" && sum(row.counts) !== row.total) {
        issue(["tables", t, "rows", r, "total"], `${name}の行「${row.label}」の合計が ${row.total} と書かれていますが、各列の和は ${sum(row.counts)} です（印字を確認してください）`);
      }
    });
    if (table.columnTotals === undefined || table.grandTotal === undefined) {
      issue(["tables", t, "columnTotals"], `${name}の列の合計（columnTotals）と総計（grandTotal）を印字どおりに書いてください`);
      return;
    }
    if (table.columnTotals.length !== width) {
      issue(["tables", t, "columnTotals"], `${name}の列の合計が${table.columnTotals.length}個ありますが、列は${width}個です`);
      return;
    }
    if (table.kind === "single") {
      table.columnTotals.forEach((total, c) => {
        const cells = sum(table.rows!.map((row) => row.counts[c] ?? 0));
        if (cells !== total) {
          const label = columns[c]?.label ?? "合計";
          issue(["tables", t, "columnTotals", c], `${name}の列「${label}」の合計が ${total} と書かれていますが、各行の和は ${cells} です（印字を確認してください）`);
        }
      });
      const rowTotals = sum(table.rows!.map((row) => row.total));
      if (rowTotals !== table.grandTotal) issue(["tables", t, "grandTotal"], `${name}の総計が ${table.grandTotal} と書かれていますが、行の合計の和は ${rowTotals} です`);
      if (sum(table.columnTotals) !== table.grandTotal) issue(["tables", t, "grandTotal"], `${name}の総計が ${table.grandTotal} と書かれていますが、列の合計の和は ${sum(table.columnTotals)} です`);
    }
  });
  const tables = new Map(file.tables.map((table) => [table.key, table]));
  file.headlines.forEach((h, i) => {
    const table = tables.get(h.table);
    if (!table?.rows) return issue(["headlines", i, "table"], `表「${h.table}」は tables にないか、数値がありません`);
    if (!table.rows.some((r) => r.code === h.row)) issue(["headlines", i, "row"], `表「${h.table}」に行「${h.row}」がありません`);
    const row = table.rows.find((r) => r.code === h.row);
    const c = h.column === undefined ? -1 : (table.columns ?? []).findIndex((col) => col.code === h.column);
    if (h.column !== undefined && c < 0) return issue(["headlines", i, "column"], `表「${h.table}」に列「${h.column}」がありません`);
    if (!row || h.statedPercent === undefined) return;
    const count = c < 0 ? row.total : row.counts[c];
    const base = c < 0 ? table.grandTotal : table.columnTotals?.[c];
    if (count === undefined || base === undefined) return;
    const computed = percentOf(count, base);
    if (computed !== String(h.statedPercent)) {
      issue(["headlines", i, "statedPercent"], `「${h.label}」は ${count}/${base} で ${computed}% ですが、${h.statedPercent}% と書かれています（四捨五入で整数にした値と照合します）`);
    }
  });
  const numbers = new Set<number>();
  file.findings.forEach((finding, f) => {
    if (numbers.has(finding.number)) issue(["findings", f, "number"], `課題の番号 ${finding.number} が重複しています`);
    numbers.add(finding.number);
    finding.tables.forEach((key, k) => {
      if (!tables.has(key)) issue(["findings", f, "tables", k], `表「${key}」は tables にありません`);
    });
    const initiatives = new Set<number>();
    finding.initiatives.forEach((link, l) => {
      if (initiatives.has(link.number)) issue(["findings", f, "initiatives", l, "number"], `取組項目 ${link.number} が重複しています`);
      initiatives.add(link.number);
      if (link.assumed && !link.note) issue(["findings", f, "initiatives", l, "note"], "読み取り（assumed: true）には、何から対応付けたかを note に書いてください");
    });
  });
  const bodies = file.findings.flatMap((finding) => finding.body).join("\n");
  file.readings.forEach((reading, i) => {
    if (reading.key.startsWith("link-")) issue(["readings", i, "key"], "「link-」で始まるキーは課題と取組項目の対応の読み取りに使われます。別のキーにしてください");
    if (!bodies.includes(reading.reading)) issue(["readings", i, "reading"], `読み取り「${reading.reading}」が課題の本文（findings の body）にありません`);
    if (bodies.includes(reading.printed)) issue(["readings", i, "printed"], `印字「${reading.printed}」が本文に残っています（本文は読み取りで書いてください）`);
  });
}

function checkCategoryCodes(
  codes: string[],
  allowed: string[] | undefined,
  path: (string | number)[],
  what: string,
  issue: (path: (string | number)[], message: string) => void,
): void {
  const seen = new Set<string>();
  codes.forEach((c, i) => {
    if (seen.has(c)) issue([...path, i, "code"], `${what}のコード「${c}」が重複しています`);
    seen.add(c);
    if (allowed && !allowed.includes(c) && !SPECIAL.has(c)) issue([...path, i, "code"], `${what}のコード「${c}」は設問の選択肢（${allowed.join("・")}）にも NA・INVALID にもありません`);
  });
}
