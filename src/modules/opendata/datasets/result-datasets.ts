/**
 * The yearly results as open data (issue #6 §2): the published evaluation
 * of each initiative and year, and the KPI actuals reported in it, in long
 * format (one row per initiative × year, one per KPI × year), so a new year
 * adds rows, never columns (rule L3-09). Only published reports reach these
 * rows (see repository/result-queries.ts); labels, targets and the
 * achievement rate come from the plan and the same rule the portal uses
 * (cycle/domain/kpi-results.ts), so the file says what the results page says.
 */
import type { KpiActual } from "../../cycle/cycle.ts";
import { japanDate } from "../../cycle/domain/deadlines.ts";
import { kpiResults } from "../../cycle/domain/kpi-results.ts";
import type { Initiative, Plan } from "../../plan/plan.ts";
import { BOOLEAN_DEFINITION, type Dataset, type DatasetParams, fiscalYearCells, fiscalYearColumns, INITIATIVE_NUMBER, LG_CODE } from "../dataset.ts";
import { type Column, type Row } from "../../../core/tables/table.ts";
import type { PublishedResults } from "../published-results.ts";
import type { PublishedEvaluationRow } from "../repository/result-queries.ts";

const PLAN_CODE: Column = { name: "plan_code", label: "計画コード", definition: "計画の識別子（計画ファイルの code）。計画が替わると変わる。", type: "string" };
const PLAN_TITLE: Column = { name: "plan_title", label: "計画名", definition: "評価の対象の計画の名称。", type: "string" };
const INITIATIVE_TITLE: Column = { name: "initiative_title", label: "取組項目名", definition: "取組項目の名称。", type: "string" };
const RESULT_YEAR = fiscalYearColumns("fiscal_year", "年度", "評価の対象となった取組実績の年度。");
const PUBLISHED_DATE: Column = {
  name: "published_date",
  label: "公表日",
  definition: "評価結果を公表した日（日本時間、YYYY-MM-DD）。公表の記録がないときは空欄。",
  type: "date",
  nullable: true,
};

/** Published evaluations in the order of the files: fiscal year, then initiative number; filtered by the query. */
function publishedOf(plan: Plan, params: DatasetParams, results: PublishedResults): { initiative: Initiative; evaluation: PublishedEvaluationRow }[] {
  const byId = new Map(plan.initiatives.map((i) => [i.id, i]));
  return results.evaluations
    .flatMap((evaluation) => {
      const initiative = byId.get(evaluation.initiativeId);
      return initiative ? [{ initiative, evaluation }] : [];
    })
    .filter(({ initiative, evaluation }) =>
      (params.initiative === undefined || initiative.number === params.initiative) &&
      (params.fiscalYear === undefined || evaluation.fiscalYear === params.fiscalYear),
    )
    .sort((a, b) => a.evaluation.fiscalYear - b.evaluation.fiscalYear || a.initiative.number - b.initiative.number);
}

const common = (plan: Plan, initiative: Initiative, evaluation: PublishedEvaluationRow): Row => ({
  lg_code: plan.municipality.lgCode,
  plan_code: plan.code,
  plan_title: plan.title,
  ...fiscalYearCells("fiscal_year", evaluation.fiscalYear),
  initiative_number: initiative.number,
});

export const evaluationResults: Dataset = {
  id: "evaluation-results",
  title: "評価結果",
  description:
    "公表された取組項目ごとの年度別の評価結果（縦持ち: 1行に取組項目×年度）。担当課の自己評価、デジタル化推進委員会の審査を経て確定した評価、CIOによる変更の有無、公表日を含みます。公表前の評価は含みません。",
  filter: "results",
  source: "results",
  columns: [
    LG_CODE,
    PLAN_CODE,
    PLAN_TITLE,
    ...RESULT_YEAR,
    INITIATIVE_NUMBER,
    { name: "policy_number", label: "取組方針番号", definition: "この取組項目が属する取組方針の番号。", type: "integer" },
    INITIATIVE_TITLE,
    { name: "self_grade", label: "自己評価", definition: "担当課の自己評価（S〜C）。記載がないときは空欄。", type: "string", codes: "grade", nullable: true },
    {
      name: "final_grade",
      label: "評価",
      definition: "確定した評価（S〜C）。CIOが変更したときは変更後の評価、それ以外は自己評価。評価がないときは空欄。",
      type: "string",
      codes: "grade",
      nullable: true,
    },
    { name: "grade_changed", label: "CIOによる変更", definition: `CIOが自己評価から評価を変更したか。${BOOLEAN_DEFINITION}`, type: "boolean", codes: "boolean" },
    { name: "grade_change_reason", label: "変更の理由", definition: "CIOが評価を変更した理由。変更していないときは空欄。", type: "string", nullable: true },
    PUBLISHED_DATE,
  ],
  rows: (plan, params, results) =>
    publishedOf(plan, params, results).map(({ initiative, evaluation }) => ({
      ...common(plan, initiative, evaluation),
      policy_number: initiative.policyNumber,
      initiative_title: initiative.title,
      self_grade: evaluation.selfGrade,
      final_grade: evaluation.cioGrade ?? evaluation.selfGrade,
      grade_changed: evaluation.cioGrade !== null,
      grade_change_reason: evaluation.cioGradeReason,
      published_date: evaluation.publishedAt && japanDate(evaluation.publishedAt),
    })),
};

/** The unit varies by KPI, so numeric columns point at the unit column (rule L3-04). */
const PER_ROW_UNIT = "unit 列に記載";

/** The rule of cycle/domain/achievement.ts, in words, for the codebook (rule L3-08: how a value is computed). */
const ACHIEVEMENT_RATE_DEFINITION =
  "達成率（百分率、小数第1位に四捨五入）。ポータルの評価結果と同じ規則で算出する: 目指す方向が「高いほど良い」は実績値÷目標値、「低いほど良い」は目標値÷実績値、「維持」は実績値÷目標値（100を上限）。累計の数値目標は累計の実績値を累計の目標値と比べる。実績値または目標値がないとき、および目標値が0（「低いほど良い」では実績値が0）で率を算出できないときは空欄で、0 とは異なる。";

export const kpiActuals: Dataset = {
  id: "kpi-actuals",
  title: "数値目標の年度別実績",
  description:
    "公表された評価結果の数値目標の実績（縦持ち: 1行に数値目標×年度）。その年度の目標値、実績値、達成率、実績の時点と出典を含みます。実績が報告されていない数値目標は actual_value が空欄です。公表前の実績は含みません。",
  filter: "results",
  source: "results",
  columns: [
    LG_CODE,
    PLAN_CODE,
    PLAN_TITLE,
    ...RESULT_YEAR,
    INITIATIVE_NUMBER,
    INITIATIVE_TITLE,
    {
      name: "kpi_key",
      label: "数値目標キー",
      definition: "計画内で数値目標を一意に識別するキー（取組項目番号-取組項目内の順番、例: 14-1）。数値目標データセットの kpi_key に対応する。",
      type: "string",
    },
    { name: "kpi_code", label: "数値目標の番号", definition: "計画に印字された番号（例: (1)-1）。印字がないときは空欄。", type: "string", nullable: true },
    { name: "label", label: "指標", definition: "数値目標の指標名。", type: "string" },
    { name: "unit", label: "単位", definition: "目標値・実績値の単位（例: 件、%、人）。数値の列には単位を含めない。", type: "string" },
    { name: "direction", label: "目指す方向コード", definition: "値がどちらに動くと良いか。達成率の算出方法が決まる。", type: "string", codes: "direction" },
    { name: "cumulative", label: "累計", definition: `目標値・実績値が累計値か。${BOOLEAN_DEFINITION}`, type: "boolean", codes: "boolean" },
    {
      name: "target_value",
      label: "目標値",
      definition: "その年度の目標値（計画に記載の値のとおり）。目標値が定められていない（「—」）ときは空欄で、0 とは異なる。",
      type: "decimal",
      unit: PER_ROW_UNIT,
      nullable: true,
    },
    {
      name: "actual_value",
      label: "実績値",
      definition: "担当課が報告した実績値（報告された値のとおり。累計の数値目標は累計値）。報告されていないときは空欄で、0 とは異なる。",
      type: "decimal",
      unit: PER_ROW_UNIT,
      nullable: true,
    },
    { name: "achievement_rate", label: "達成率", definition: ACHIEVEMENT_RATE_DEFINITION, type: "decimal", unit: "%", nullable: true },
    {
      name: "target_met",
      label: "目標の達成",
      definition: `実績値が目標値を達成したか（目指す方向に照らして）。${BOOLEAN_DEFINITION}実績値または目標値がないときは空欄。`,
      type: "boolean",
      codes: "boolean",
      nullable: true,
    },
    { name: "as_of_date", label: "実績の時点", definition: "実績値の時点（YYYY-MM-DD）。実績値がないときは空欄。", type: "date", nullable: true },
    { name: "source", label: "出典", definition: "実績値の出典（統計、システムの記録など）。実績値がないときは空欄。", type: "string", nullable: true },
    PUBLISHED_DATE,
  ],
  rows: (plan, params, results) => {
    const actuals = new Map<string, Map<number, KpiActual>>();
    for (const a of results.actuals) {
      const key = `${a.initiativeId}:${a.fiscalYear}`;
      const map = actuals.get(key) ?? new Map<number, KpiActual>();
      map.set(a.kpiId, { kpiId: a.kpiId, value: a.value, asOf: a.asOf, source: a.source });
      actuals.set(key, map);
    }
    return publishedOf(plan, params, results).flatMap(({ initiative, evaluation }) =>
      kpiResults(initiative.kpis, evaluation.fiscalYear, actuals.get(`${initiative.id}:${evaluation.fiscalYear}`) ?? new Map()).map((r) => {
        const rated = r.achievement.status === "rated" ? r.achievement : null;
        // A reported "no value" keeps its as-of date and source out too: they describe a value.
        const reported = r.actual?.value == null ? null : r.actual;
        return {
          ...common(plan, initiative, evaluation),
          initiative_title: initiative.title,
          kpi_key: r.kpi.key,
          kpi_code: r.kpi.code,
          label: r.kpi.label,
          unit: r.kpi.unit,
          direction: r.kpi.direction,
          cumulative: r.kpi.cumulative,
          target_value: r.target,
          actual_value: reported?.value ?? null,
          achievement_rate: rated?.ratePercent == null ? null : rated.ratePercent.toFixed(1),
          target_met: rated ? rated.met : null,
          as_of_date: reported?.asOf ?? null,
          source: reported?.source ?? null,
          published_date: evaluation.publishedAt && japanDate(evaluation.publishedAt),
        };
      }),
    );
  },
};

export const resultDatasets: Dataset[] = [evaluationResults, kpiActuals];
