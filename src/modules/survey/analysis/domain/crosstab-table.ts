/**
 * A crosstab as one long (縦持ち, L3-09) table of records — one per answer
 * option × group, plus each option's 合計 — the single source of the CSV and
 * the xlsx downloads, so the two always hold the same figures. Numbers are
 * bare (no %, no commas, L2-01); a percentage that cannot be computed is an
 * empty cell, never 0 (L1-09).
 */
import type { Column, Row } from "../../../../core/tables/table.ts";
import { columnPercent, residualOf, rowPercent, totalPercent, type Crosstab } from "./crosstab.ts";
import { formatPercent, SMALL_BASE } from "./statistics.ts";

export const TOTAL_GROUP = "TOTAL";

export const CROSSTAB_COLUMNS: readonly Column[] = [
  { name: "question_code", label: "設問コード", definition: "分析した設問のコード（コード表: 調査票）", type: "string" },
  { name: "question_text", label: "設問", definition: "分析した設問の文", type: "string" },
  { name: "option_code", label: "選択肢コード", definition: "選択肢のコード。NA は無回答、INVALID は無効回答", type: "string" },
  { name: "option_label", label: "選択肢", definition: "選択肢の文", type: "string" },
  { name: "group_question_code", label: "集計軸の設問コード", definition: "集計軸（クロス集計の列）にした設問のコード", type: "string" },
  { name: "group_code", label: "集計軸のコード", definition: "集計軸の区分のコード。NA は無回答、TOTAL は合計", type: "string" },
  { name: "group_label", label: "集計軸の区分", definition: "集計軸の区分の名称", type: "string" },
  { name: "weighting", label: "集計方法", definition: "重みなし、または重み付け（レイキング）", type: "string" },
  { name: "respondents", label: "回答者数（重みなし）", definition: "この選択肢を選んだ回答者の数（重みなし）", type: "integer", unit: "人" },
  { name: "value", label: "集計値", definition: "集計値。重みなしでは回答者数、重み付けでは重みの合計（小数第2位まで）", type: "decimal" },
  { name: "base", label: "母数（n）", definition: "構成比の母数（この区分でこの設問に回答した人。複数回答でも1人1回）", type: "decimal" },
  { name: "base_respondents", label: "母数（重みなし）", definition: "母数の回答者数（重みなし）", type: "integer", unit: "人" },
  { name: "column_percent", label: "構成比（%）", definition: "集計値÷母数×100（小数第1位に四捨五入）。母数が0のときは空欄", type: "decimal", unit: "%", nullable: true },
  { name: "row_percent", label: "行構成比（%）", definition: "集計値÷選択肢の合計×100（小数第1位に四捨五入）。合計が0のときは空欄", type: "decimal", unit: "%", nullable: true },
  { name: "small_base", label: "母数30未満", definition: "母数（重みなし）が30未満なら1（構成比は参考値）、それ以外は0", type: "integer" },
  { name: "adjusted_residual", label: "調整済み残差", definition: "調整済み標準化残差（単一回答・無回答以外のみ）。絶対値1.96以上で5%水準の有意な偏り。検定の対象外は空欄", type: "decimal", nullable: true },
];


const figure = (n: number, weighted: boolean) => (weighted ? Number(n.toFixed(2)) : n);
const pct = (value: number | null) => (value === null ? null : Number(formatPercent(value)));

export function crosstabRecords(t: Crosstab): Row[] {
  const records: Row[] = [];
  const weighting = t.weighted ? "重み付け（レイキング）" : "重みなし";
  t.rows.forEach((row, i) => {
    const common = {
      question_code: t.question.code,
      question_text: t.question.text,
      option_code: row.code,
      option_label: row.label,
      group_question_code: t.by.code,
      weighting,
    };
    t.columns.forEach((column, j) => {
      const residual = residualOf(t, i, j);
      records.push({
        ...common,
        group_code: column.code,
        group_label: column.label,
        respondents: t.counts[i]![j]!,
        value: figure(t.values[i]![j]!, t.weighted),
        base: figure(t.valueBases[j]!, t.weighted),
        base_respondents: t.bases[j]!,
        column_percent: pct(columnPercent(t, i, j)),
        row_percent: pct(rowPercent(t, i, j)),
        small_base: t.smallColumns[j] ? 1 : 0,
        adjusted_residual: residual === undefined ? null : Number(residual.toFixed(2)),
      });
    });
    records.push({
      ...common,
      group_code: TOTAL_GROUP,
      group_label: "合計",
      respondents: t.rowCounts[i]!,
      value: figure(t.rowTotals[i]!, t.weighted),
      base: figure(t.total.value, t.weighted),
      base_respondents: t.total.count,
      column_percent: pct(totalPercent(t, i)),
      row_percent: t.rowTotals[i]! > 0 ? 100 : null,
      small_base: t.total.count < SMALL_BASE ? 1 : 0,
      adjusted_residual: null,
    });
  });
  return records;
}
