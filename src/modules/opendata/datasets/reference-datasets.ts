/**
 * Datasets of the plan's reference tables: glossary, the correspondence with
 * the national plan and the data utilisation law, the evaluation history and
 * the divisions. Each correspondence is two tables (the items, and one row
 * per item × initiative) because a cell must hold one value (rule L1-07).
 */
import type { Mapping, Plan } from "../../plan/plan.ts";
import { BOOLEAN_DEFINITION, type Dataset, fiscalYearCells, fiscalYearColumns, INITIATIVE_NUMBER, LG_CODE } from "../dataset.ts";
import { type Column } from "../../../core/tables/table.ts";

export const glossary: Dataset = {
  id: "glossary",
  title: "用語説明",
  description: "計画の用語説明（1行に1つの用語）。",
  columns: [
    LG_CODE,
    { name: "term_number", label: "用語番号", definition: "用語説明に記載された順番（1〜）。ポータルの用語説明ページのアンカー term-番号 に対応する。", type: "integer" },
    { name: "term", label: "用語", definition: "用語。", type: "string" },
    { name: "section", label: "区分", definition: "用語説明の区分（アルファベット順・50音順）。", type: "string", codes: "glossary_section" },
    { name: "description", label: "説明", definition: "用語の説明。", type: "string" },
    { name: "alias_count", label: "別表記の数", definition: "本文で使われている別表記の数（内訳は用語の別表記データセット）。", type: "integer", unit: "件" },
  ],
  rows: (plan) =>
    plan.glossary.map((t, index) => ({
      lg_code: plan.municipality.lgCode,
      term_number: index + 1,
      term: t.term,
      section: t.section,
      description: t.description,
      alias_count: t.aliases.length,
    })),
};

export const glossaryAliases: Dataset = {
  id: "glossary-aliases",
  title: "用語の別表記",
  description: "用語説明の用語が本文で別の表記で書かれている場合の表記（1行に用語×別表記1つ）。",
  columns: [
    LG_CODE,
    { name: "term_number", label: "用語番号", definition: "用語説明データセットの term_number。", type: "integer" },
    { name: "term", label: "用語", definition: "用語。", type: "string" },
    { name: "alias", label: "別表記", definition: "本文での別の表記（例: DX）。", type: "string" },
  ],
  rows: (plan) =>
    plan.glossary.flatMap((t, index) =>
      t.aliases.map((alias) => ({ lg_code: plan.municipality.lgCode, term_number: index + 1, term: t.term, alias })),
    ),
};

const ASSUMED_MAPPING = `事務局が原本（印刷された計画）と照合中の内容を含むか。照合が済むと false になります。${BOOLEAN_DEFINITION}`;
const INITIATIVE_COUNT: Column = { name: "initiative_count", label: "対応する取組項目数", definition: "対応する取組項目の数。", type: "integer", unit: "件" };

export const nationalPriorityItems: Dataset = {
  id: "national-priority-items",
  title: "国の自治体DX推進計画で取り組むべき事項",
  description: "国の「自治体DX推進計画」で自治体が取り組むべき事項（図表2）と、対応する取組項目の数（1行に1つの事項）。",
  columns: [
    LG_CODE,
    { name: "item_code", label: "事項番号", definition: "図表2の事項の番号（例: 1-(2)）。", type: "string" },
    { name: "group_label", label: "事項の区分", definition: "重点取組事項など、事項の区分。", type: "string", nullable: true },
    { name: "title", label: "事項", definition: "取り組むべき事項の名称。", type: "string" },
    { name: "assumed", label: "確認中", definition: ASSUMED_MAPPING, type: "boolean", codes: "boolean" },
    INITIATIVE_COUNT,
  ],
  rows: (plan) =>
    plan.nationalPriorityItems.map((m) => ({
      lg_code: plan.municipality.lgCode,
      item_code: m.code,
      group_label: m.group,
      title: m.title,
      assumed: m.assumed,
      initiative_count: m.initiativeNumbers.length,
    })),
};

export const nationalPriorityItemInitiatives: Dataset = {
  id: "national-priority-item-initiatives",
  title: "国の自治体DX推進計画の事項と取組項目の対応",
  description: "図表2の事項と取組項目の対応（1行に事項×取組項目1つ）。",
  columns: [
    LG_CODE,
    { name: "item_code", label: "事項番号", definition: "国の自治体DX推進計画で取り組むべき事項データセットの item_code。", type: "string" },
    INITIATIVE_NUMBER,
    { name: "assumed", label: "確認中", definition: ASSUMED_MAPPING, type: "boolean", codes: "boolean" },
  ],
  rows: (plan) => mappingRows(plan, plan.nationalPriorityItems, (m) => ({ item_code: m.code })),
};

export const dataUtilizationMeasures: Dataset = {
  id: "data-utilization-measures",
  title: "官民データ活用推進基本法が市町村に求める施策",
  description: "官民データ活用推進基本法が市町村に求める施策（図表5）と、この計画での取組（1行に1つの施策）。",
  columns: [
    LG_CODE,
    { name: "measure_number", label: "施策番号", definition: "図表5の施策の番号（1〜5）。", type: "integer" },
    { name: "measure", label: "施策", definition: "法が求める施策の名称。", type: "string" },
    { name: "plan_action", label: "本計画での取組", definition: "図表5に印字された、施策に対応する本計画の取組。", type: "string", nullable: true },
    { name: "assumed", label: "確認中", definition: ASSUMED_MAPPING, type: "boolean", codes: "boolean" },
    INITIATIVE_COUNT,
  ],
  rows: (plan) =>
    plan.dataUtilizationMeasures.map((m) => ({
      lg_code: plan.municipality.lgCode,
      measure_number: Number(m.code),
      measure: m.title,
      plan_action: m.detail,
      assumed: m.assumed,
      initiative_count: m.initiativeNumbers.length,
    })),
};

export const dataUtilizationMeasureInitiatives: Dataset = {
  id: "data-utilization-measure-initiatives",
  title: "官民データ活用推進基本法の施策と取組項目の対応",
  description: "図表5の施策と取組項目の対応（1行に施策×取組項目1つ）。",
  columns: [
    LG_CODE,
    { name: "measure_number", label: "施策番号", definition: "官民データ活用推進基本法が市町村に求める施策データセットの measure_number。", type: "integer" },
    INITIATIVE_NUMBER,
    { name: "assumed", label: "確認中", definition: ASSUMED_MAPPING, type: "boolean", codes: "boolean" },
  ],
  rows: (plan) => mappingRows(plan, plan.dataUtilizationMeasures, (m) => ({ measure_number: Number(m.code) })),
};

function mappingRows(plan: Plan, mappings: Mapping[], key: (m: Mapping) => Record<string, string | number>) {
  return mappings.flatMap((m) =>
    m.initiativeNumbers.map((number) => ({
      lg_code: plan.municipality.lgCode,
      ...key(m),
      initiative_number: number,
      assumed: m.assumed,
    })),
  );
}

export const evaluationHistory: Dataset = {
  id: "evaluation-history",
  title: "自己評価の推移",
  description: "前計画の取組項目の自己評価（S〜C）の年度別の項目数と割合（縦持ち: 1行に年度×評価）。割合は計画に掲載された値のとおりです。",
  columns: [
    LG_CODE,
    ...fiscalYearColumns("fiscal_year", "年度", "評価の対象となった取組実績の年度。"),
    { name: "grade", label: "自己評価", definition: "自己評価の区分。", type: "string", codes: "grade" },
    { name: "grade_definition", label: "自己評価の定義", definition: "計画に記載された評価区分の定義。", type: "string", nullable: true },
    { name: "item_count", label: "項目数", definition: "その評価となった取組項目の数。", type: "integer", unit: "項目" },
    { name: "printed_percent", label: "割合", definition: "計画に掲載された割合（その年度の合計に対する百分率を整数に丸めた値）。", type: "integer", unit: "%" },
    { name: "total_count", label: "合計項目数", definition: "その年度に評価した取組項目の合計。", type: "integer", unit: "項目" },
    { name: "note", label: "備考", definition: "その年度の実績についての注記。ないときは空欄。", type: "string", nullable: true },
  ],
  rows: (plan) => {
    const definitions = new Map(plan.gradeDefinitions.map((g) => [g.grade, g.definition]));
    return (plan.evaluationHistory?.years ?? []).flatMap((y) =>
      y.results.map((r) => ({
        lg_code: plan.municipality.lgCode,
        ...fiscalYearCells("fiscal_year", y.fiscalYear),
        grade: r.grade,
        grade_definition: definitions.get(r.grade) ?? null,
        item_count: r.count,
        printed_percent: r.printedPercent,
        total_count: y.total,
        note: y.note,
      })),
    );
  },
};

export const divisions: Dataset = {
  id: "divisions",
  title: "担当課",
  description: "取組項目を担当する課等と、主担当・共同担当の取組項目数（1行に1つの課等）。",
  columns: [
    LG_CODE,
    { name: "division_id", label: "担当課ID", definition: "この地方公共団体の課等のID（ポータルの担当課ページ /担当課ID に対応）。", type: "integer" },
    { name: "division_name", label: "担当課", definition: "課等の名称。", type: "string" },
    { name: "lead_initiative_count", label: "主担当の取組項目数", definition: "主担当（最初に記載された課）である取組項目の数。", type: "integer", unit: "件" },
    { name: "co_initiative_count", label: "共同担当の取組項目数", definition: "共同で担当する取組項目の数。", type: "integer", unit: "件" },
  ],
  rows: (plan) => {
    const byId = new Map<number, { name: string; lead: number; co: number }>();
    for (const i of plan.initiatives) {
      for (const d of i.divisions) {
        if (d.kind !== "division") continue;
        const s = byId.get(d.divisionId) ?? { name: d.name, lead: 0, co: 0 };
        if (d.role === "lead") s.lead += 1;
        else s.co += 1;
        byId.set(d.divisionId, s);
      }
    }
    // The portal lists divisions in Japanese collation order; the file follows it.
    return [...byId]
      .sort((a, b) => a[1].name.localeCompare(b[1].name, "ja"))
      .map(([id, s]) => ({
        lg_code: plan.municipality.lgCode,
        division_id: id,
        division_name: s.name,
        lead_initiative_count: s.lead,
        co_initiative_count: s.co,
      }));
  },
};

export const referenceDatasets: Dataset[] = [
  glossary,
  glossaryAliases,
  nationalPriorityItems,
  nationalPriorityItemInitiatives,
  dataUtilizationMeasures,
  dataUtilizationMeasureInitiatives,
  evaluationHistory,
  divisions,
];
