/** The dataset definitions over a small hand-made plan: shape rules that hold for any plan. */
import { describe, expect, it } from "vitest";
import { codeTables } from "../../src/modules/opendata/code-tables.ts";
import { codebookColumns } from "../../src/modules/opendata/codebook.ts";
import { parseDatasetQuery } from "../../src/modules/opendata/dataset-query.ts";
import { DATASETS, findDataset } from "../../src/modules/opendata/datasets.ts";
import { parsePackageId, parseSearchParams } from "../../src/modules/opendata/ckan.ts";
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
      for (const row of dataset.rows(plan, {})) expect(Object.keys(row).sort()).toEqual(names);
    });
  },
);

describe("dataset rows", () => {
  it("schedule: every year of the period, a blank phase where there is none", () => {
    const rows = findDataset("schedule")!.rows(plan, {});
    expect(rows.map((r) => [r.fiscal_year, r.fiscal_year_wareki, r.phase, r.phase_label])).toEqual([
      [2022, "令和4年度", null, null],
      [2023, "令和5年度", "study", "検討"],
    ]);
  });

  it("kpi-targets: no target is null, decimals stay as stored", () => {
    const rows = findDataset("kpi-targets")!.rows(plan, {});
    expect(rows.map((r) => r.target_value)).toEqual([null, "38.0"]);
    expect(findDataset("kpis")!.rows(plan, {})[0]!.baseline_value).toBe("0");
  });

  it("mapping tables have one row per item × initiative", () => {
    expect(findDataset("national-priority-item-initiatives")!.rows(plan, {}).map((r) => r.initiative_number)).toEqual([1, 2]);
    expect(findDataset("glossary-aliases")!.rows(plan, {})).toEqual([{ lg_code: "362018", term_number: 1, term: "DX", alias: "デジタル変革" }]);
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
