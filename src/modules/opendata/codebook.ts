/**
 * コードブック: each column of a dataset with its Japanese label, definition,
 * type and unit (rule L3-08), and the code table its values come from
 * (L3-02). The HTML page and the <dataset>-codebook.csv are two renderings
 * of the same rows, and the codebook CSV obeys the same CSV rules as the data.
 */
import type { Plan } from "../plan/plan.ts";
import { type CodeTable, codeTables } from "./code-tables.ts";
import type { Column, ColumnType, Row } from "../../core/tables/table.ts";
import type { Dataset } from "./dataset.ts";
import { LG_CODE } from "./dataset.ts";

export const TYPE_LABELS: Record<ColumnType, string> = {
  string: "文字列",
  integer: "整数",
  decimal: "数値（10進数）",
  boolean: "真偽値（true / false）",
  date: "日付（YYYY-MM-DD）",
};

export const codebookColumns: Column[] = [
  LG_CODE,
  { name: "dataset", label: "データセットID", definition: "説明の対象のデータセット（ファイル名の一部）。", type: "string" },
  { name: "column_position", label: "列番号", definition: "CSVでの列の位置（1〜）。", type: "integer" },
  { name: "column_name", label: "列名", definition: "CSVの1行目の項目名、JSONのキー（英数字）。", type: "string" },
  { name: "column_label", label: "項目名（日本語）", definition: "列の日本語の項目名。", type: "string" },
  { name: "definition", label: "定義", definition: "列の値の定義。", type: "string" },
  { name: "type", label: "型", definition: "string（文字列）、integer（整数）、decimal（10進数）、boolean（true / false）、date（YYYY-MM-DD）のいずれか。", type: "string" },
  { name: "unit", label: "単位", definition: "数値の単位。単位がない列は空欄。", type: "string", nullable: true },
  { name: "nullable", label: "空欄あり", definition: "値がないことを空欄（JSONでは null）で表す列か。true または false。", type: "boolean", codes: "boolean" },
  { name: "code_table", label: "コード表ID", definition: "値がコードの列について、コード表データセットの code_table。コードでない列は空欄。", type: "string", nullable: true },
];

export function codebookRows(dataset: Dataset, plan: Plan): Row[] {
  return dataset.columns.map((c, index) => ({
    lg_code: plan.municipality.lgCode,
    dataset: dataset.id,
    column_position: index + 1,
    column_name: c.name,
    column_label: c.label,
    definition: c.definition,
    type: c.type,
    unit: c.unit ?? null,
    nullable: c.nullable ?? false,
    code_table: c.codes ?? null,
  }));
}

/** The code tables a dataset's columns refer to, in column order. */
export function codeTablesOf(dataset: Dataset, plan: Plan): CodeTable[] {
  const used = new Set(dataset.columns.flatMap((c) => (c.codes ? [c.codes] : [])));
  return codeTables(plan).filter((t) => used.has(t.id));
}
