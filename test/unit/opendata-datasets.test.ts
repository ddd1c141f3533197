/** The dataset definitions over a small hand-made plan: shape rules that hold for any plan. */
import { describe, expect, it } from "vitest";
import { codeTables } from "../../src/modules/opendata/code-tables.ts";
import { codebookColumns } from "../../src/modules/opendata/codebook.ts";
import { parseDatasetQuery } from "../../src/modules/opendata/dataset-query.ts";
import { datasetUpdatedAt } from "../../src/modules/opendata/dataset.ts";
import { DATASETS, findDataset } from "../../src/modules/opendata/datasets.ts";
import { parsePackageId, parseSearchParams } from "../../src/modules/opendata/ckan.ts";
import type { PublishedResults } from "../../src/modules/opendata/published-results.ts";
import type { Kpi, Plan } from "../../src/modules/plan/plan.ts";

function kpi(overrides: Partial<Kpi>): Kpi {
  return {
    id: 1,
    key: "1-1",
    position: 1,
    code: null,
    label: "公開データセット数",
    unit: "データセット",
    direction: "higher",
    cumulative: false,
    baseline: { fiscalYear: 2020, value: "0", note: null },
    targets: new Map([[2022, null], [2023, "38.0"]]),
    note: null,
    ...overrides,
  };
}

const plan: Plan = {
  id: 1,
  municipality: { id: 1, lgCode: "362018", name: "徳島市", prefecture: "徳島県" },
  code: "dx",
  title: "計画",
  subtitle: null,
  goal: "目標",
  period: { startFiscalYear: 2022, endFiscalYear: 2023 },
  source: { title: "計画", note: null },
  updatedAt: new Date("2024-04-01T00:00:00Z"),
  phaseLegend: [
    { phase: "study", label: "検討", description: "準備" },
    { phase: "implement", label: "実施", description: "実施" },
    { phase: "expand", label: "拡大", description: "拡充" },
  ],
  gradeDefinitions: [{ grade: "S", definition: "上回る" }],
  policies: [{ number: 1, title: "方針", outcomes: [{ statement: "姿", description: "説明\n2行目" }] }],
  initiatives: [
    {
      id: 1,
      number: 1,
      policyNumber: 1,
      title: "オープンデータ",
      isNew: true,
      divisions: [
        { kind: "division", role: "lead", divisionId: 7, name: "デジタル推進課", unit: null, note: null },
        { kind: "all_bureaus", role: "co" },
      ],
      content: ["内容"],
      goals: ["目標"],
      schedule: [{ label: "(1) 行", phases: new Map([[2023, "study"]]), assumed: false, note: null }],
      kpis: [kpi({})],
    },
    { id: 2, number: 2, policyNumber: 1, title: "GIS", isNew: false, divisions: [], content: [], goals: [], schedule: [], kpis: [] },
  ],
  glossary: [{ term: "DX", section: "alphabet", description: "変革", aliases: ["デジタル変革"] }],
  nationalPriorityItems: [{ code: "1-(1)", group: "重点", title: "標準化", detail: null, initiativeNumbers: [1, 2], assumed: true, note: null }],
  dataUtilizationMeasures: [{ code: "2", group: null, title: "官民データ", detail: "オープンデータ", initiativeNumbers: [1], assumed: false, note: null }],
  evaluationHistory: { title: "実績", years: [{ fiscalYear: 2019, total: 1, note: null, results: [{ grade: "S", count: 1, printedPercent: 100 }] }] },
};

/**
 * Published results: item 1 in 2022 (no actual reported, no target that year)
 * and 2023 (actual 40.5 against 38.0; the CIO changed B to A), item 2 (no
 * KPIs) in 2023. Published late on 30 June UTC, which is 1 July in Japan.
 */
const results: PublishedResults = {
  evaluations: [
    { initiativeId: 2, fiscalYear: 2023, selfGrade: "S", cioGrade: null, cioGradeReason: null, publishedAt: new Date("2024-06-30T16:00:00Z") },
    { initiativeId: 1, fiscalYear: 2023, selfGrade: "B", cioGrade: "A", cioGradeReason: "目標を達成したため", publishedAt: new Date("2024-06-30T16:00:00Z") },
    { initiativeId: 1, fiscalYear: 2022, selfGrade: "C", cioGrade: null, cioGradeReason: null, publishedAt: new Date("2023-07-01T01:00:00Z") },
  ],
  actuals: [{ initiativeId: 1, fiscalYear: 2023, kpiId: 1, value: "40.5", asOf: "2024-03-31", source: "庁内集計" }],
  lastPublishedAt: new Date("2024-06-30T16:00:00Z"),
};

const tableIds = new Set(codeTables(plan).map((t) => t.id));

describe.each([...DATASETS.map((d) => [d.id, d] as const), ["codebook", { columns: codebookColumns, rows: () => [] }] as const])(
  "dataset %s",
  (_id, dataset) => {
    it("has unique alphanumeric snake_case column names, lg_code first", () => {
      const names = dataset.columns.map((c) => c.name);
      for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(new Set(names).size).toBe(names.length);
      expect(names[0]).toBe("lg_code");
    });

    it("puts a 和暦 column beside every fiscal year column", () => {
      dataset.columns.forEach((c, i) => {
        if (c.name.endsWith("fiscal_year")) {
          expect(c.type).toBe("integer");
          expect(dataset.columns[i + 1]?.name).toBe(`${c.name}_wareki`);
        }
      });
    });

    it("documents every column in Japanese and refers only to existing code tables", () => {
      for (const c of dataset.columns) {
        expect(c.label).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        expect(c.definition.length).toBeGreaterThan(0);
        if (c.codes) expect(tableIds.has(c.codes)).toBe(true);
      }
    });

    it("produces rows with exactly its columns", () => {
      const names = dataset.columns.map((c) => c.name).sort();
      for (const row of dataset.rows(plan, {}, results)) expect(Object.keys(row).sort()).toEqual(names);
    });
  },
);

describe("dataset rows", () => {
  it("schedule: every year of the period, a blank phase where there is none", () => {
    const rows = findDataset("schedule")!.rows(plan, {}, results);
    expect(rows.map((r) => [r.fiscal_year, r.fiscal_year_wareki, r.phase, r.phase_label])).toEqual([
      [2022, "令和4年度", null, null],
      [2023, "令和5年度", "study", "検討"],
    ]);
  });

  it("kpi-targets: no target is null, decimals stay as stored", () => {
    const rows = findDataset("kpi-targets")!.rows(plan, {}, results);
    expect(rows.map((r) => r.target_value)).toEqual([null, "38.0"]);
    expect(findDataset("kpis")!.rows(plan, {}, results)[0]!.baseline_value).toBe("0");
  });

  it("mapping tables have one row per item × initiative", () => {
    expect(findDataset("national-priority-item-initiatives")!.rows(plan, {}, results).map((r) => r.initiative_number)).toEqual([1, 2]);
    expect(findDataset("glossary-aliases")!.rows(plan, {}, results)).toEqual([{ lg_code: "362018", term_number: 1, term: "DX", alias: "デジタル変革" }]);
  });
});

describe("result datasets", () => {
  it("evaluation-results: one row per published initiative × year, by year then number, grades as codes", () => {
    const rows = findDataset("evaluation-results")!.rows(plan, {}, results);
    expect(rows.map((r) => [r.fiscal_year, r.fiscal_year_wareki, r.initiative_number, r.self_grade, r.final_grade, r.grade_changed, r.grade_change_reason, r.published_date])).toEqual([
      [2022, "令和4年度", 1, "C", "C", false, null, "2023-07-01"],
      [2023, "令和5年度", 1, "B", "A", true, "目標を達成したため", "2024-07-01"],
      [2023, "令和5年度", 2, "S", "S", false, null, "2024-07-01"],
    ]);
    expect(rows[0]).toMatchObject({ lg_code: "362018", plan_code: "dx", plan_title: "計画", policy_number: 1, initiative_title: "オープンデータ" });
  });

  it("kpi-actuals: every KPI of a published report, actual and rate as the portal computes them, blank (not 0) when missing", () => {
    const rows = findDataset("kpi-actuals")!.rows(plan, {}, results);
    expect(rows.map((r) => [r.fiscal_year, r.kpi_key, r.target_value, r.actual_value, r.achievement_rate, r.target_met, r.as_of_date, r.source])).toEqual([
      [2022, "1-1", null, null, null, null, null, null],
      [2023, "1-1", "38.0", "40.5", "106.6", true, "2024-03-31", "庁内集計"],
    ]);
  });

  it("kpi-actuals: an actual of 0 stays \"0\" with a rate of 0.0, and a reported value keeps its scale", () => {
    const zero: PublishedResults = { ...results, actuals: [{ initiativeId: 1, fiscalYear: 2023, kpiId: 1, value: "0", asOf: "2024-03-31", source: "庁内集計" }] };
    const row = findDataset("kpi-actuals")!.rows(plan, { fiscalYear: 2023 }, zero)[0]!;
    expect([row.actual_value, row.achievement_rate, row.target_met]).toEqual(["0", "0.0", false]);
    const exact: PublishedResults = { ...results, actuals: [{ ...zero.actuals[0]!, value: "38.0" }] };
    const met = findDataset("kpi-actuals")!.rows(plan, { fiscalYear: 2023 }, exact)[0]!;
    expect([met.actual_value, met.achievement_rate, met.target_met]).toEqual(["38.0", "100.0", true]);
  });

  it("filters by fiscal year and initiative", () => {
    const evaluations = findDataset("evaluation-results")!;
    expect(evaluations.rows(plan, { fiscalYear: 2023 }, results).map((r) => r.initiative_number)).toEqual([1, 2]);
    expect(evaluations.rows(plan, { initiative: 1 }, results).map((r) => r.fiscal_year)).toEqual([2022, 2023]);
    expect(evaluations.rows(plan, { initiative: 2, fiscalYear: 2022 }, results)).toEqual([]);
  });

  it("has no rows, only its columns, while nothing is published", () => {
    const none: PublishedResults = { evaluations: [], actuals: [], lastPublishedAt: null };
    expect(findDataset("evaluation-results")!.rows(plan, {}, none)).toEqual([]);
    expect(findDataset("kpi-actuals")!.rows(plan, {}, none)).toEqual([]);
  });

  it("dates a result dataset by its last publication when that is newer than the plan", () => {
    const evaluations = findDataset("evaluation-results")!;
    expect(datasetUpdatedAt(evaluations, plan, results)).toEqual(results.lastPublishedAt);
    expect(datasetUpdatedAt(findDataset("kpis")!, plan, results)).toEqual(plan.updatedAt);
    expect(datasetUpdatedAt(evaluations, plan, { ...results, lastPublishedAt: null })).toEqual(plan.updatedAt);
  });
});

describe("dataset queries", () => {
  const kpiTargets = findDataset("kpi-targets")!;
  it("accepts a known initiative number and an empty value", () => {
    expect(parseDatasetQuery(kpiTargets, { initiative: ["1"] }, plan)).toEqual({ ok: true, params: { initiative: 1 } });
    expect(parseDatasetQuery(kpiTargets, { initiative: [""] }, plan)).toEqual({ ok: true, params: { initiative: undefined } });
  });
  it("refuses a non-number, an unknown number and a repeated parameter, in Japanese", () => {
    for (const value of [["abc"], ["99"], ["1", "2"], ["-1"]]) {
      const parsed = parseDatasetQuery(kpiTargets, { initiative: value }, plan);
      expect(parsed.ok).toBe(false);
      expect((parsed as { errors: string[] }).errors[0]).toMatch(/取組項目/);
    }
  });
  it("takes fiscal_year and initiative for the result datasets, refusing a year outside the period in Japanese", () => {
    const evaluations = findDataset("evaluation-results")!;
    expect(parseDatasetQuery(evaluations, { fiscal_year: ["2023"], initiative: ["1"] }, plan)).toEqual({ ok: true, params: { initiative: 1, fiscalYear: 2023 } });
    expect(parseDatasetQuery(evaluations, { fiscal_year: [""] }, plan)).toEqual({ ok: true, params: { initiative: undefined, fiscalYear: undefined } });
    for (const value of [["abc"], ["23"], ["2030"], ["2022", "2023"]]) {
      const parsed = parseDatasetQuery(evaluations, { fiscal_year: value }, plan);
      expect(parsed.ok, value.join()).toBe(false);
      expect((parsed as { errors: string[] }).errors[0]).toMatch(/年度/);
    }
    const both = parseDatasetQuery(evaluations, { fiscal_year: ["x"], initiative: ["99"] }, plan);
    expect((both as { errors: string[] }).errors).toHaveLength(2);
  });

  it("uses the initiative list's filter for the initiatives dataset", () => {
    const parsed = parseDatasetQuery(findDataset("initiatives")!, { new: ["1"] }, plan);
    expect(parsed).toEqual({ ok: true, params: { initiativeFilter: expect.objectContaining({ isNew: true }) } });
    expect(parseDatasetQuery(findDataset("initiatives")!, { policy: ["x"] }, plan).ok).toBe(false);
  });
});

describe("CKAN parameters", () => {
  it("reads package ids made of an lgCode and a dataset id", () => {
    expect(parsePackageId("362018-kpi-targets")).toMatchObject({ lgCode: "362018", dataset: { id: "kpi-targets" } });
    expect(parsePackageId("362018-nope")).toBeUndefined();
    expect(parsePackageId("kpi-targets")).toBeUndefined();
  });
  it("validates rows and start", () => {
    expect(parseSearchParams({})).toEqual({ ok: true, params: { q: "", rows: 10, start: 0 } });
    expect(parseSearchParams({ rows: "abc" }).ok).toBe(false);
    expect(parseSearchParams({ rows: "5000" }).ok).toBe(false);
    expect(parseSearchParams({ start: "-1" }).ok).toBe(false);
  });
});
