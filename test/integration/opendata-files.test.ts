/**
 * The dataset files of the real Tokushima plan (with a few published
 * results), checked against the Digital Agency's machine-readability rules a
 * program can check, and against the plan's own numbers.
 */
import { describe, expect, it } from "vitest";
import { DATASETS } from "../../src/modules/opendata/datasets.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { tokushimaPlan } from "../support/fixtures.ts";
import { visibleText } from "../support/html.ts";
import { fetchCsv, records, seedReports } from "./opendata-support.ts";

const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describeEachDatabase(
  "open data files",
  (ctx) => {
    let app: ReturnType<typeof testApp> | undefined;
    const request = (path: string) => (app ??= testApp(ctx.db)).request(path);
    const requester = { request };

    describe("every dataset's CSV follows the machine-readability rules", () => {
      for (const dataset of DATASETS) {
        it(dataset.id, async () => {
          const file = await fetchCsv(requester, `/362018/open-data/${dataset.id}.csv`);
          const res = file.response;
          expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
          expect(res.headers.get("content-disposition")).toBe(`attachment; filename="362018_${dataset.id}.csv"`);

          // UTF-8 with BOM; CRLF only (L3-08, RFC 4180).
          expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
          expect(file.text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
          expect(file.text.endsWith("\r\n")).toBe(true);

          // Header first (L3-01), unique alphanumeric names (L2-03, L3-08), one table (L1-02).
          expect(file.header.length).toBeGreaterThan(1);
          for (const name of file.header) expect(name).toMatch(SNAKE);
          expect(new Set(file.header).size).toBe(file.header.length);
          expect(file.rows.length).toBeGreaterThan(0);
          for (const row of file.rows) {
            expect(row).toHaveLength(file.header.length);
            for (const field of row) {
              expect(field.value).not.toMatch(/[\r\n]/); // L1-14
              // No text cell a spreadsheet would run as a formula (decision 015).
              if (field.quoted) expect(field.value).not.toMatch(/^[=+\-@\t\r]/);
            }
          }

          // 全国地方公共団体コード on every row (L3-06).
          const rows = records(file);
          expect(file.header).toContain("lg_code");
          for (const row of rows) expect(row.lg_code).toBe("362018");

          // The codebook documents every column in Japanese, with type and unit (L3-08).
          const codebook = records(await fetchCsv(requester, `/362018/open-data/${dataset.id}-codebook.csv`));
          expect(codebook.map((c) => c.column_name)).toEqual(file.header);
          for (const c of codebook) {
            expect(c.column_label).toMatch(JAPANESE);
            expect(c.definition).toMatch(JAPANESE);
            expect(["string", "integer", "decimal", "boolean", "date"]).toContain(c.type);
          }
          const typeOf = new Map(codebook.map((c) => [c.column_name!, c]));

          for (const row of rows) {
            for (const [name, value] of Object.entries(row)) {
              const column = typeOf.get(name)!;
              if (value === null) {
                expect(column.nullable, `${name} is blank but not nullable`).toBe("true");
                continue;
              }
              // Numbers without units or separators (L2-01).
              if (column.type === "integer") expect(value).toMatch(/^-?\d+$/);
              if (column.type === "decimal") expect(value).toMatch(/^-?\d+(\.\d+)?$/);
              if (column.type === "boolean") expect(value).toMatch(/^(true|false)$/);
              if (column.type === "date") expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/); // ISO 8601 (L3-05)
            }
          }

          // Years in 西暦 (4 digits) with a 和暦 column beside (L3-05).
          file.header.forEach((name, i) => {
            if (!name.endsWith("fiscal_year")) return;
            expect(file.header[i + 1]).toBe(`${name}_wareki`);
            for (const row of rows) {
              if (row[name] === null) {
                expect(row[`${name}_wareki`]).toBeNull();
              } else {
                expect(row[name]).toMatch(/^\d{4}$/);
                expect(row[`${name}_wareki`]).toMatch(/^(令和|平成)(元|\d+)年度$/);
              }
            }
          });
        });
      }
    });

    it("kpi-targets.csv?initiative=12 holds exactly item 12's targets, a missing target blank (not 0)", async () => {
      const rows = records(await fetchCsv(requester, "/362018/open-data/kpi-targets.csv?initiative=12"));
      const item = tokushimaPlan().initiatives.find((i) => i.number === 12)!;
      const expected = item.kpis.flatMap((k, index) =>
        Object.entries(k.targets).map(([year, value]) => [`12-${index + 1}`, k.label, k.unit, year, value]),
      );
      expect(rows.map((r) => [r.kpi_key, r.label, r.unit, r.fiscal_year, r.target_value])).toEqual(expected);
      const child = rows.find((r) => r.label === "電子申請による受付件数(児童手当)" && r.fiscal_year === "2024")!;
      expect(child.target_value).toBe("160");
      const care2022 = rows.find((r) => r.kpi_key === "12-2" && r.fiscal_year === "2022")!;
      expect(care2022.target_value).toBeNull();
      expect(care2022.fiscal_year_wareki).toBe("令和4年度");
    });

    it("writes decimals exactly as stored (14-1: 38.0)", async () => {
      const rows = records(await fetchCsv(requester, "/362018/open-data/kpi-targets.csv?initiative=14"));
      expect(rows.filter((r) => r.kpi_key === "14-1").map((r) => r.target_value)).toEqual(["37.8", "38.0", "38.2", "38.4"]);
    });

    it("JSON: the same rows as the CSV, null for no value and \"0\" for zero", async () => {
      const res = await request("/362018/open-data/kpis.json?initiative=26");
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      const doc = (await res.json()) as { rows: Record<string, unknown>[]; [k: string]: unknown };
      expect(doc).toMatchObject({ dataset: "kpis", lgCode: "362018", license: { id: "pdl-1.0" } });
      expect(Date.parse(doc.updatedAt as string)).not.toBeNaN();
      expect(doc.rows[0]!.baseline_value).toBe("0");
      const targets = (await (await request("/362018/open-data/kpi-targets.json?initiative=12")).json()) as typeof doc;
      expect(targets.rows.find((r) => r.kpi_key === "12-2" && r.fiscal_year === 2022)!.target_value).toBeNull();
      const wifi = (await (await request("/362018/open-data/kpis.json?initiative=6")).json()) as typeof doc;
      expect(wifi.rows[0]).toMatchObject({ baseline_fiscal_year: 2020, baseline_value: null });
    });

    describe("JSON and CSV hold the same rows", () => {
      for (const dataset of DATASETS) {
        it(dataset.id, async () => {
          const csv = records(await fetchCsv(requester, `/362018/open-data/${dataset.id}.csv`));
          const doc = (await (await request(`/362018/open-data/${dataset.id}.json`)).json()) as {
            columns: { name: string }[];
            rows: Record<string, string | number | boolean | null>[];
          };
          expect(doc.columns.map((c) => c.name)).toEqual(Object.keys(csv[0]!));
          const asCsv = doc.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : String(v)])));
          expect(asCsv).toEqual(csv);
        });
      }
    });

    it("schedule: every year of the period for every row, a year without a phase blank", async () => {
      const rows = records(await fetchCsv(requester, "/362018/open-data/schedule.csv"));
      const plan = tokushimaPlan();
      const scheduleRows = plan.initiatives.reduce((n, i) => n + i.schedule.length, 0);
      expect(rows).toHaveLength(scheduleRows * 4);
      for (const r of rows) {
        expect([null, "study", "implement", "expand"]).toContain(r.phase);
        expect(r.phase_label).toBe({ study: "検討", implement: "実施", expand: "拡大" }[r.phase ?? ""] ?? null);
      }
    });

    it("evaluation history: fiscal year × grade with count and printed percent", async () => {
      const rows = records(await fetchCsv(requester, "/362018/open-data/evaluation-history.csv"));
      expect(rows).toHaveLength(12);
      expect(rows[0]).toMatchObject({ fiscal_year: "2019", fiscal_year_wareki: "令和元年度", grade: "S", item_count: "5", printed_percent: "19" });
      expect(rows.find((r) => r.fiscal_year === "2021" && r.grade === "C")).toMatchObject({ item_count: "0", printed_percent: "0" });
    });

    it("initiatives.csv takes the list's filter query", async () => {
      const rows = records(await fetchCsv(requester, "/362018/open-data/initiatives.csv?policy=2&kpi=1"));
      const expected = tokushimaPlan().initiatives.filter((i) => i.policy === 2 && i.kpis.length > 0).map((i) => String(i.number));
      expect(rows.map((r) => r.initiative_number)).toEqual(expected);
      expect(records(await fetchCsv(requester, "/362018/open-data/initiatives.csv"))).toHaveLength(37);
    });

    it("answers a bad query with a Japanese 400 page and an unknown dataset with a 404 page", async () => {
      for (const path of [
        "/362018/open-data/kpi-targets.csv?initiative=abc",
        "/362018/open-data/kpi-targets.json?initiative=abc",
        "/362018/open-data/kpi-targets.csv?initiative=99",
        "/362018/open-data/initiatives.csv?policy=abc",
        "/362018/open-data/initiatives.json?division=999999",
      ]) {
        const res = await request(path);
        expect(res.status, path).toBe(400);
        expect(visibleText(await res.text())).toMatch(/取組|担当課/);
      }
      for (const path of ["/362018/open-data/nope.csv", "/362018/open-data/nope.json", "/362018/open-data/nope", "/362018/open-data/kpis.xml", "/999999/open-data/kpis.csv", "/999999/open-data"]) {
        const res = await request(path);
        expect(res.status, path).toBe(404);
        expect(visibleText(await res.text())).toContain("ページが見つかりません");
      }
    });
  },
  {
    seed: "tokushima",
    // Published results, so the result datasets have rows to check too: a blank actual, a 0 and a changed grade among them.
    setup: async (db) => {
      await seedReports(db, "362018", 2022, [
        { initiative: 12, state: "published", selfGrade: "B", cioGrade: "A", actuals: [{ kpi: 1, value: "0" }, { kpi: 2, value: null }] },
        { initiative: 14, state: "published", selfGrade: "S", actuals: [{ kpi: 1, value: "38.0" }] },
      ]);
    },
  },
);
