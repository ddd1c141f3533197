/**
 * コード表 (rule L3-02): the meaning of every coded value a dataset uses.
 * Phase labels and grade definitions come from the plan itself, so each
 * municipality's code table says what its own plan says.
 */
import type { Plan } from "../plan/plan.ts";
import { COLLECTIVE_LABELS, DIRECTION_LABELS } from "../plan/plan.ts";
import type { CodeTableId } from "../../core/tables/table.ts";
import type { Dataset } from "./dataset.ts";
import { LG_CODE } from "./dataset.ts";

export type Code = { code: string; label: string; definition: string };
export type CodeTable = { id: CodeTableId; label: string; codes: Code[] };

export function codeTables(plan: Plan): CodeTable[] {
  return [
    {
      id: "phase",
      label: "取組計画の段階",
      codes: plan.phaseLegend.map((l) => ({ code: l.phase, label: l.label, definition: l.description })),
    },
    {
      id: "direction",
      label: "数値目標の目指す方向",
      codes: [
        { code: "higher", label: DIRECTION_LABELS.higher, definition: "値が大きいほど目標に近づく。" },
        { code: "lower", label: DIRECTION_LABELS.lower, definition: "値が小さいほど目標に近づく。" },
        { code: "keep", label: DIRECTION_LABELS.keep, definition: "現在の水準を維持する。" },
      ],
    },
    {
      id: "grade",
      // Shared by the self-grade and the final (CIO-confirmed) grade, which use the same S–C.
      label: "評価の区分（S〜C）",
      codes: plan.gradeDefinitions.map((g) => ({ code: g.grade, label: g.grade, definition: g.definition })),
    },
    {
      id: "division_kind",
      label: "担当の種別",
      codes: [
        { code: "division", label: "課等", definition: "特定の課・室等が担当する。" },
        { code: "all_bureaus", label: COLLECTIVE_LABELS.all_bureaus, definition: "全部局が担当する。" },
        { code: "related_divisions", label: COLLECTIVE_LABELS.related_divisions, definition: "取組に関係する各課が担当する。" },
        { code: "system_divisions", label: COLLECTIVE_LABELS.system_divisions, definition: "対象となる情報システムを所管する各課が担当する。" },
      ],
    },
    {
      id: "division_role",
      label: "担当の区分",
      codes: [
        { code: "lead", label: "主担当", definition: "取組項目の担当として最初に記載された担当。" },
        { code: "co", label: "共同担当", definition: "2番目以降に記載された担当。" },
      ],
    },
    {
      id: "text_kind",
      label: "本文の種別",
      codes: [
        { code: "content", label: "取組内容", definition: "取組項目で行う取組の内容。" },
        { code: "goal", label: "目標", definition: "取組項目で目指す目標。" },
      ],
    },
    {
      id: "glossary_section",
      label: "用語説明の区分",
      codes: [
        { code: "alphabet", label: "アルファベット順", definition: "英字で始まる用語。" },
        { code: "kana", label: "50音順", definition: "かな・漢字で始まる用語。" },
      ],
    },
    {
      id: "boolean",
      label: "真偽値",
      codes: [
        { code: "true", label: "該当する", definition: "列の定義に当てはまる。" },
        { code: "false", label: "該当しない", definition: "列の定義に当てはまらない。" },
      ],
    },
  ];
}

/** All code tables as one long table, so a program can join any coded column to its meaning. */
export const codeTablesDataset: Dataset = {
  id: "code-tables",
  title: "コード表",
  description: "各データセットのコード値（段階、目指す方向、自己評価、担当の種別など）の意味（縦持ち: 1行にコード表×コード1つ）。",
  columns: [
    LG_CODE,
    { name: "code_table", label: "コード表ID", definition: "コード表の識別子。各データセットのコードブックの code_table 列に対応する。", type: "string" },
    { name: "code_table_label", label: "コード表名", definition: "コード表の名称。", type: "string" },
    { name: "code", label: "コード", definition: "データセットに現れるコード値。", type: "string" },
    { name: "code_label", label: "表記", definition: "コードの日本語表記。", type: "string" },
    { name: "definition", label: "定義", definition: "コードの意味。", type: "string" },
  ],
  rows: (plan) =>
    codeTables(plan).flatMap((table) =>
      table.codes.map((c) => ({
        lg_code: plan.municipality.lgCode,
        code_table: table.id,
        code_table_label: table.label,
        code: c.code,
        code_label: c.label,
        definition: c.definition,
      })),
    ),
};
