/**
 * 数値目標 as two tables: the KPIs themselves (one row each, baseline
 * included) and their targets in long format (one row per KPI × fiscal
 * year), so adding a year adds rows, never columns (rule L3-09).
 */
import { DIRECTION_LABELS, fiscalYearsOf } from "../../plan/plan.ts";
import { BOOLEAN_DEFINITION, byInitiative, type Dataset, fiscalYearCells, fiscalYearColumns, INITIATIVE_NUMBER, LG_CODE } from "../dataset.ts";
import { type Column } from "../../../core/tables/table.ts";

/** The unit varies by KPI, so numeric columns point at the unit column (rule L3-04). */
const PER_ROW_UNIT = "unit 列に記載";

const KPI_KEY: Column = {
  name: "kpi_key",
  label: "数値目標キー",
  definition: "計画内で数値目標を一意に識別するキー（取組項目番号-取組項目内の順番、例: 14-1）。",
  type: "string",
};

const UNIT: Column = {
  name: "unit",
  label: "単位",
  definition: "数値の単位（例: 件、%、人）。数値の列には単位を含めない。",
  type: "string",
};

export const kpis: Dataset = {
  id: "kpis",
  title: "数値目標",
  description: "取組項目ごとの数値目標（1行に1つの数値目標）。単位、目指す方向、基準年度と基準値を含みます。",
  filter: "initiative",
  columns: [
    LG_CODE,
    KPI_KEY,
    INITIATIVE_NUMBER,
    { name: "kpi_position", label: "取組項目内の順番", definition: "取組項目の中での数値目標の順番（1〜）。", type: "integer" },
    { name: "kpi_code", label: "数値目標の番号", definition: "計画に印字された番号（例: (1)-1）。印字がないときは空欄。", type: "string", nullable: true },
    { name: "label", label: "指標", definition: "数値目標の指標名。", type: "string" },
    UNIT,
    { name: "direction", label: "目指す方向コード", definition: "値がどちらに動くと良いか。", type: "string", codes: "direction" },
    { name: "direction_label", label: "目指す方向", definition: "目指す方向の日本語表記。", type: "string" },
    { name: "cumulative", label: "累計", definition: `目標値が累計値か。${BOOLEAN_DEFINITION}`, type: "boolean", codes: "boolean" },
    ...fiscalYearColumns("baseline_fiscal_year", "基準年度", "基準値（実績）の年度。基準値の記載がないときは空欄。", true),
    {
      name: "baseline_value",
      label: "基準値",
      definition: "基準年度の実績値（計画に印字された値のとおり）。実績がない（「－」）ときは空欄で、0 とは異なる。",
      type: "decimal",
      unit: PER_ROW_UNIT,
      nullable: true,
    },
  ],
  rows: (plan, params) =>
    byInitiative(plan.initiatives, params).flatMap((i) =>
      i.kpis.map((k) => ({
        lg_code: plan.municipality.lgCode,
        kpi_key: k.key,
        initiative_number: i.number,
        kpi_position: k.position,
        kpi_code: k.code,
        label: k.label,
        unit: k.unit,
        direction: k.direction,
        direction_label: DIRECTION_LABELS[k.direction],
        cumulative: k.cumulative,
        ...fiscalYearCells("baseline_fiscal_year", k.baseline?.fiscalYear ?? null),
        baseline_value: k.baseline?.value ?? null,
      })),
    ),
};

export const kpiTargets: Dataset = {
  id: "kpi-targets",
  title: "数値目標の年度別目標値",
  description:
    "数値目標の年度別の目標値（縦持ち: 1行に数値目標×年度）。計画期間のすべての年度を含み、目標値が定められていない年度（「—」）は target_value が空欄です。",
  filter: "initiative",
  columns: [
    LG_CODE,
    KPI_KEY,
    INITIATIVE_NUMBER,
    { name: "label", label: "指標", definition: "数値目標の指標名。", type: "string" },
    UNIT,
    ...fiscalYearColumns("fiscal_year", "年度", "目標値の対象年度。"),
    {
      name: "target_value",
      label: "目標値",
      definition: "その年度の目標値（計画に印字された値のとおり）。目標値が定められていない（「—」）ときは空欄で、0 とは異なる。",
      type: "decimal",
      unit: PER_ROW_UNIT,
      nullable: true,
    },
  ],
  rows: (plan, params) => {
    const years = fiscalYearsOf(plan);
    return byInitiative(plan.initiatives, params).flatMap((i) =>
      i.kpis.flatMap((k) =>
        years.map((year) => ({
          lg_code: plan.municipality.lgCode,
          kpi_key: k.key,
          initiative_number: i.number,
          label: k.label,
          unit: k.unit,
          ...fiscalYearCells("fiscal_year", year),
          target_value: k.targets.get(year) ?? null,
        })),
      ),
    );
  },
};

export const kpiDatasets: Dataset[] = [kpis, kpiTargets];
