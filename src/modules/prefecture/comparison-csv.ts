/**
 * The prefecture's comparison as one machine-readable table (long format:
 * one value per row), following the same rules as the open data
 * (core/tables/csv.ts): header first, codes beside labels, an empty value —
 * never 0 — where a plan has no such item.
 */
import { encodeCsv } from "../../core/tables/csv.ts";
import type { Column, Row } from "../../core/tables/table.ts";
import { GRADES } from "../plan/plan.ts";
import type { PrefectureComparison } from "./comparison.ts";
import type { Prefecture } from "../tenancy/prefectures.ts";

export const COMPARISON_COLUMNS: readonly Column[] = [
  { name: "prefecture_code", label: "都道府県コード", definition: "JIS X 0401 の2桁", type: "string" },
  { name: "lg_code", label: "全国地方公共団体コード", definition: "6桁（検査数字を含む）", type: "string" },
  { name: "municipality_name", label: "団体名", definition: "", type: "string" },
  { name: "measure", label: "指標", definition: "plan_initiatives, plan_kpis, national_priority, data_utilization, published_initiatives, grade, kpi_rated, kpi_met", type: "string" },
  { name: "item_code", label: "項目コード", definition: "図表2・図表5の項目コード、または評価（S/A/B/C）", type: "string", nullable: true },
  { name: "item_label", label: "項目名", definition: "", type: "string", nullable: true },
  { name: "fiscal_year", label: "年度", definition: "西暦の年度（4月始まり）。評価結果の行だけ", type: "integer", nullable: true },
  { name: "value", label: "値", definition: "件数。空欄はその団体の計画の対応表にない項目", type: "integer", nullable: true },
];

export function comparisonCsv(prefecture: Prefecture, comparison: PrefectureComparison): string {
  const rows: Row[] = [];
  comparison.municipalities.forEach((m, column) => {
    const base = { prefecture_code: prefecture.code, lg_code: m.lgCode, municipality_name: m.name, item_code: null, item_label: null, fiscal_year: null };
    rows.push({ ...base, measure: "plan_initiatives", value: m.plan.initiatives });
    rows.push({ ...base, measure: "plan_kpis", value: m.plan.kpis });
    for (const [measure, table] of [["national_priority", comparison.nationalPriorities], ["data_utilization", comparison.dataUtilization]] as const) {
      for (const row of table) rows.push({ ...base, measure, item_code: row.code, item_label: row.title, value: row.counts[column] ?? null });
    }
    for (const year of m.years) {
      const y = { ...base, fiscal_year: year.summary.fiscalYear };
      rows.push({ ...y, measure: "published_initiatives", value: year.summary.published });
      for (const grade of GRADES) {
        rows.push({ ...y, measure: "grade", item_code: grade, item_label: `評価${grade}`, value: year.summary.counts.find((c) => c.grade === grade)?.count ?? 0 });
      }
      rows.push({ ...y, measure: "kpi_rated", value: year.kpis.rated });
      rows.push({ ...y, measure: "kpi_met", value: year.kpis.met });
    }
  });
  return encodeCsv(COMPARISON_COLUMNS, rows);
}
