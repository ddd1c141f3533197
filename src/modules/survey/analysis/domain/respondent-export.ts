/**
 * The respondent-level export for staff (個票データ): the data file in the
 * import's own format (respondent-file.ts), its codebook (L3-02), and two
 * small programs that read the file and attach the labels: SPSS syntax
 * (VARIABLE LABELS, VALUE LABELS, MISSING VALUES, MRSETS for multiple
 * choice) and an R script (factors with the labels).
 *
 * Free text is never in any of them: it can name people and places, and
 * the issue's rule is that it never leaves the system (decision 030).
 */
import type { Column, Row } from "../../../../core/tables/table.ts";
import { allQuestions, INVALID_ANSWER, NO_ANSWER, SPECIAL_OPTION_LABELS, type SurveyDefinition, type SurveyQuestion } from "../../domain/definition.ts";
import { multipleColumns, optionColumn, RESPONDENT_ID } from "./respondent-file.ts";

export type ExportResponse = {
  externalId: string;
  weight: string | null;
  /** question code → chosen option codes (choice) or the number as stored (numeric). */
  choices: Map<string, string[]>;
  numbers: Map<string, string>;
};

type Exported = Exclude<SurveyQuestion, { kind: "text" }>;
const exportedQuestions = (d: SurveyDefinition) => allQuestions(d).filter((q): q is Exported => q.kind !== "text");
const withSpecial = (q: Extract<SurveyQuestion, { options: unknown }>) => [
  ...q.options.map((o) => ({ code: o.code, label: o.label })),
  { code: NO_ANSWER, label: SPECIAL_OPTION_LABELS[NO_ANSWER]! },
  { code: INVALID_ANSWER, label: SPECIAL_OPTION_LABELS[INVALID_ANSWER]! },
];

export function respondentColumns(definition: SurveyDefinition): Column[] {
  const columns: Column[] = [
    { name: RESPONDENT_ID, label: "回答者ID", definition: "回答者の識別子（取込元のID、なければ回答番号）", type: "string" },
    { name: "weight", label: "重み", definition: "レイキングによる重み（平均1）。重み付けしていなければ空欄", type: "decimal", nullable: true },
  ];
  for (const q of exportedQuestions(definition)) {
    if (q.kind === "single") columns.push({ name: q.code, label: `${q.number} ${q.text}`, definition: "選択肢のコード（コードブック参照）。空欄は非該当（設問が示されていない）", type: "string", nullable: true });
    if (q.kind === "numeric") columns.push({ name: q.code, label: `${q.number} ${q.text}`, definition: `数値${q.unit ? `（単位: ${q.unit}）` : ""}。NA は無回答、空欄は非該当`, type: "string", nullable: true });
    if (q.kind === "multiple") {
      multipleColumns(q).forEach((name, i) => {
        const option = withSpecial(q)[i]!;
        columns.push({ name, label: `${q.number} ${q.text}：${option.label}`, definition: "1 = 選んだ、0 = 選んでいない、空欄は非該当", type: "integer", nullable: true });
      });
    }
  }
  return columns;
}

export function respondentRows(definition: SurveyDefinition, responses: readonly ExportResponse[]): Row[] {
  const questions = exportedQuestions(definition);
  return responses.map((r) => {
    const row: Row = { [RESPONDENT_ID]: r.externalId, weight: r.weight };
    for (const q of questions) {
      const chosen = r.choices.get(q.code);
      if (q.kind === "single") row[q.code] = chosen?.[0] ?? null;
      if (q.kind === "numeric") row[q.code] = r.numbers.get(q.code) ?? chosen?.[0] ?? null;
      if (q.kind === "multiple") {
        withSpecial(q).forEach((o) => (row[optionColumn(q.code, o.code)] = chosen ? (chosen.includes(o.code) ? 1 : 0) : null));
      }
    }
    return row;
  });
}

export const CODEBOOK_COLUMNS: readonly Column[] = [
  { name: "variable", label: "列名", definition: "個票データの列名", type: "string" },
  { name: "question_number", label: "設問番号", definition: "調査票の設問番号", type: "string" },
  { name: "question_text", label: "設問", definition: "設問の文", type: "string" },
  { name: "kind", label: "回答形式", definition: "single（単一回答）、multiple（複数回答の選択肢ごとの列）、numeric（数値）、id、weight", type: "string" },
  { name: "value", label: "値", definition: "列に書かれる値（コード）。数値の列では空欄", type: "string", nullable: true },
  { name: "value_label", label: "値の意味", definition: "値の意味（選択肢の文など）", type: "string" },
];

export function codebookRows(definition: SurveyDefinition): Row[] {
  const rows: Row[] = [
    { variable: RESPONDENT_ID, question_number: "", question_text: "回答者ID", kind: "id", value: null, value_label: "回答者の識別子" },
    { variable: "weight", question_number: "", question_text: "重み", kind: "weight", value: null, value_label: "レイキングによる重み（平均1）。空欄は重み付けなし" },
  ];
  for (const q of exportedQuestions(definition)) {
    const base = { question_number: q.number, question_text: q.text };
    if (q.kind === "single") withSpecial(q).forEach((o) => rows.push({ ...base, variable: q.code, kind: "single", value: o.code, value_label: o.label }));
    if (q.kind === "numeric") {
      rows.push({ ...base, variable: q.code, kind: "numeric", value: null, value_label: `数値${q.unit ? `（${q.unit}）` : ""}` });
      rows.push({ ...base, variable: q.code, kind: "numeric", value: NO_ANSWER, value_label: SPECIAL_OPTION_LABELS[NO_ANSWER]! });
    }
    if (q.kind === "multiple") {
      withSpecial(q).forEach((o) => {
        const variable = optionColumn(q.code, o.code);
        rows.push({ ...base, variable, kind: "multiple", value: "1", value_label: `「${o.label}」を選んだ` });
        rows.push({ ...base, variable, kind: "multiple", value: "0", value_label: `「${o.label}」を選んでいない` });
      });
    }
  }
  return rows;
}

/** SPSS names start with a letter and hold letters, digits and _ (codes may start with a digit). */
const spssName = (column: string) => (/^[A-Za-z]/.test(column) ? column : `v${column}`);
const spssText = (text: string) => `'${text.replace(/'/g, "''").replace(/[\r\n]+/g, " ")}'`;

export function spssSyntax(definition: SurveyDefinition, fileName: string, title: string): string {
  const columns = respondentColumns(definition);
  const questions = exportedQuestions(definition);
  const format = (c: Column) => (c.name === RESPONDENT_ID ? "A64" : c.name === "weight" ? "F16.10" : c.type === "integer" ? "F1.0" : "A16");
  const lines = [
    `* ${title}: 個票データ（${fileName}）を読み込み、ラベルを付けるSPSSシンタックス.`,
    "* 自由記述は含まれません（個人が特定されるおそれがあるため書き出していません）.",
    "GET DATA /TYPE=TXT",
    `  /FILE=${spssText(fileName)} /ENCODING='UTF8'`,
    "  /ARRANGEMENT=DELIMITED /DELIMITERS=',' /QUALIFIER='\"' /FIRSTCASE=2",
    "  /VARIABLES=",
    ...columns.map((c) => `    ${spssName(c.name)} ${format(c)}`),
    ".",
    "VARIABLE LABELS",
    columns.map((c) => `  ${spssName(c.name)} ${spssText(c.label)}`).join("\n  /") + ".",
  ];
  const singles = questions.filter((q) => q.kind === "single");
  if (singles.length > 0) {
    lines.push("VALUE LABELS");
    lines.push(singles.map((q) => `  ${spssName(q.code)} ${withSpecial(q).map((o) => `${spssText(o.code)} ${spssText(o.label)}`).join(" ")}`).join("\n  /") + ".");
    lines.push(`MISSING VALUES ${singles.map((q) => spssName(q.code)).join(" ")} ('${NO_ANSWER}', '${INVALID_ANSWER}').`);
  }
  for (const q of questions) {
    if (q.kind !== "multiple") continue;
    const names = q.options.map((o) => spssName(optionColumn(q.code, o.code)));
    lines.push(`VALUE LABELS ${multipleColumns(q).map(spssName).join(" ")} 1 '選んだ' 0 '選んでいない'.`);
    lines.push(`MRSETS /MDGROUP NAME=$${spssName(q.code)} LABEL=${spssText(`${q.number} ${q.text}`)} CATEGORYLABELS=VARLABELS VARIABLES=${names.join(" ")} VALUE=1.`);
  }
  lines.push("EXECUTE.");
  return lines.join("\r\n") + "\r\n";
}

const rText = (text: string) => JSON.stringify(text);

export function rScript(definition: SurveyDefinition, fileName: string, title: string): string {
  const questions = exportedQuestions(definition);
  const lines = [
    `# ${title}: 個票データ（${fileName}）を読み込み、ラベルを付けるRスクリプト`,
    "# 自由記述は含まれません（個人が特定されるおそれがあるため書き出していません）。",
    "# コード NA（無回答）を欠損値と取り違えないよう、空欄だけを欠損として読みます。",
    `d <- read.csv(${rText(fileName)}, fileEncoding = "UTF-8-BOM", colClasses = "character", na.strings = "", check.names = FALSE)`,
    'd$weight <- as.numeric(d$weight)',
  ];
  for (const q of questions) {
    const ref = `d[[${rText(q.code)}]]`;
    if (q.kind === "single") {
      const options = withSpecial(q);
      lines.push(`${ref} <- factor(${ref}, levels = c(${options.map((o) => rText(o.code)).join(", ")}), labels = c(${options.map((o) => rText(o.label)).join(", ")}))`);
    }
    if (q.kind === "numeric") lines.push(`${ref} <- suppressWarnings(as.numeric(${ref}))  # NA（無回答）は欠損値になります`);
    if (q.kind === "multiple") {
      for (const column of multipleColumns(q)) lines.push(`d[[${rText(column)}]] <- as.integer(d[[${rText(column)}]])`);
    }
  }
  lines.push("labels <- c(");
  lines.push(
    respondentColumns(definition)
      .map((c) => `  ${rText(c.name)} = ${rText(c.label)}`)
      .join(",\n"),
  );
  lines.push(")");
  lines.push("for (name in names(labels)) attr(d[[name]], \"label\") <- labels[[name]]");
  return lines.join("\n") + "\n";
}
