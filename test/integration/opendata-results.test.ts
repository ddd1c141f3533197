/**
 * The yearly results as open data (issue #6 §2): only PUBLISHED reports of
 * the municipality's current plan reach evaluation-results and kpi-actuals,
 * in CSV, JSON, the v1 API and CKAN; another municipality's results never
 * do; and a publication shows in the files at once, though the public page
 * cache had kept them.
 */
import { expect, it } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { publishCycleResults } from "../../src/modules/cycle/commands/publish-results.ts";
import { japanDate } from "../../src/modules/cycle/domain/deadlines.ts";
import { publicationFingerprint } from "../../src/modules/cycle/domain/publication.ts";
import { findCycle } from "../../src/modules/cycle/repository/cycle-queries.ts";
import { listReports } from "../../src/modules/cycle/repository/report-queries.ts";
import { importPlan } from "../../src/modules/plan/commands/import-plan.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { tokushimaPlan } from "../support/fixtures.ts";
import { visibleText } from "../support/html.ts";
import { fetchCsv, records, seedReports } from "./opendata-support.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OTHER_LG = "131016";
/** Values that only unpublished reports or the other municipality hold: none may ever appear. */
const UNPUBLISHED_ACTUAL = "777001";
const UNPUBLISHED_REASON = "非公開の変更理由";
const FOREIGN_ACTUAL = "424242";
const PUBLISHED_2022 = new Date("2023-06-30T15:30:00Z"); // 2023-07-01 00:30 in Japan

let cycle2023 = 0;

/** Over the "tokushima" seed: the same plan as a second municipality, and reports in every state. */
async function seed(db: Database): Promise<void> {
  const other = await importPlan(db, { lgCode: OTHER_LG, municipalityName: "千代田区", plan: tokushimaPlan() });
  if (!other.ok) throw new Error(other.message);
  const hidden = { actuals: [{ kpi: 1, value: UNPUBLISHED_ACTUAL }], cioGrade: "S" as const, cioGradeReason: UNPUBLISHED_REASON };
  await seedReports(db, "362018", 2022, [
    { initiative: 6, state: "published", selfGrade: "A", publishedAt: PUBLISHED_2022, actuals: [{ kpi: 1, value: "30", asOf: "2023-03-31", source: "危機管理課調べ" }] },
    {
      initiative: 12,
      state: "published",
      selfGrade: "B",
      cioGrade: "A",
      cioGradeReason: "年度末に件数が伸びたため",
      publishedAt: PUBLISHED_2022,
      actuals: [{ kpi: 1, value: "0" }, { kpi: 2, value: "5" }],
    },
    { initiative: 14, state: "published", selfGrade: "S", publishedAt: PUBLISHED_2022, actuals: [{ kpi: 1, value: "38.0" }] },
    { initiative: 26, state: "published", selfGrade: "A", publishedAt: PUBLISHED_2022, actuals: [{ kpi: 2, value: "2" }] },
    // Every other state: never public.
    { initiative: 9, state: "draft", selfGrade: "A", ...hidden },
    { initiative: 10, state: "head_approved", selfGrade: "A", ...hidden },
    { initiative: 11, state: "submitted", selfGrade: "A", ...hidden },
    { initiative: 17, state: "returned", selfGrade: "A", ...hidden },
    { initiative: 15, state: "in_review", selfGrade: "A", ...hidden },
    { initiative: 16, state: "finalised", selfGrade: "A", ...hidden },
  ]);
  // FY2023: one report finalised, published by the test through the real command.
  cycle2023 = await seedReports(db, "362018", 2023, [{ initiative: 6, state: "finalised", selfGrade: "A", actuals: [{ kpi: 1, value: "72" }] }]);
  await seedReports(db, OTHER_LG, 2022, [{ initiative: 6, state: "published", selfGrade: "C", actuals: [{ kpi: 1, value: FOREIGN_ACTUAL }] }]);
}

describeEachDatabase(
  "published results as open data",
  (ctx) => {
    let app: ReturnType<typeof testApp> | undefined;
    const request = (path: string, init?: RequestInit) => (app ??= testApp(ctx.db)).request(path, init);
    const requester = { request };
    const json = async (path: string): Promise<Json> => {
      const res = await request(path);
      expect(res.status, path).toBe(200);
      return (await res.json()) as Json;
    };

    it("evaluation-results: one row per published initiative × year with both grades, the change and the publication date", async () => {
      const rows = records(await fetchCsv(requester, "/362018/open-data/evaluation-results.csv"));
      expect(rows.map((r) => [r.fiscal_year, r.fiscal_year_wareki, r.initiative_number, r.self_grade, r.final_grade, r.grade_changed, r.published_date])).toEqual([
        ["2022", "令和4年度", "6", "A", "A", "false", "2023-07-01"],
        ["2022", "令和4年度", "12", "B", "A", "true", "2023-07-01"],
        ["2022", "令和4年度", "14", "S", "S", "false", "2023-07-01"],
        ["2022", "令和4年度", "26", "A", "A", "false", "2023-07-01"],
      ]);
      expect(rows[1]).toMatchObject({
        lg_code: "362018",
        plan_code: "dx-2022",
        policy_number: "2",
        initiative_title: "行政手続のオンライン化",
        grade_change_reason: "年度末に件数が伸びたため",
      });
      expect(rows[0]!.grade_change_reason).toBeNull();
    });

    it("kpi-actuals: every KPI of a published report, numbers as stored, the portal's rate, blank (never 0) for no value", async () => {
      const rows = records(await fetchCsv(requester, "/362018/open-data/kpi-actuals.csv"));
      const pick = (key: string) => rows.find((r) => r.kpi_key === key)!;
      // 6-1: 30 against 27 → 111.1%.
      expect(pick("6-1")).toMatchObject({ fiscal_year: "2022", target_value: "27", actual_value: "30", achievement_rate: "111.1", target_met: "true", as_of_date: "2023-03-31", source: "危機管理課調べ", unit: "基", direction: "higher" });
      // 12-1: an actual of 0 stays 0, and its rate is 0.0 — not blank.
      expect(pick("12-1")).toMatchObject({ target_value: "60", actual_value: "0", achievement_rate: "0.0", target_met: "false" });
      // 12-2: no target in 2022 (—): blank target, blank rate, the actual as reported.
      expect(pick("12-2")).toMatchObject({ target_value: null, actual_value: "5", achievement_rate: null, target_met: null });
      // 14-1: the scale of 38.0 is kept; 38.0 ÷ 37.8 → 100.5%. 14-2 was not reported: blank actual, as-of and source.
      expect(pick("14-1")).toMatchObject({ target_value: "37.8", actual_value: "38.0", achievement_rate: "100.5" });
      expect(pick("14-2")).toMatchObject({ target_value: "39", actual_value: null, achievement_rate: null, target_met: null, as_of_date: null, source: null });
      // 26-2 keeps a level: 2 against 1 is met, at most 100%.
      expect(pick("26-2")).toMatchObject({ direction: "keep", achievement_rate: "100.0", target_met: "true" });
      // Every KPI of the four published initiatives (6: 1, 12: 2, 14: 4, 26: 2), for the one published year.
      expect(rows).toHaveLength(9);
      expect(new Set(rows.map((r) => r.fiscal_year))).toEqual(new Set(["2022"]));

      const doc = await json("/362018/open-data/kpi-actuals.json");
      const json141 = doc.rows.find((r: Json) => r.kpi_key === "14-2");
      expect(json141).toMatchObject({ fiscal_year: 2022, target_value: "39", actual_value: null, achievement_rate: null, target_met: null });
      expect(doc.rows.find((r: Json) => r.kpi_key === "12-1")).toMatchObject({ actual_value: "0", achievement_rate: "0.0" });
    });

    it("never shows a report that is not published, nor another municipality's results", async () => {
      const files = [
        "/362018/open-data/evaluation-results.csv",
        "/362018/open-data/evaluation-results.json",
        "/362018/open-data/kpi-actuals.csv",
        "/362018/open-data/kpi-actuals.json",
        "/api/v1/362018/datasets/evaluation-results",
        "/api/v1/362018/datasets/kpi-actuals",
      ];
      for (const path of files) {
        const res = await request(path);
        expect(res.status, path).toBe(200);
        const text = await res.text();
        for (const hidden of [UNPUBLISHED_ACTUAL, UNPUBLISHED_REASON, FOREIGN_ACTUAL, OTHER_LG]) expect(text, `${path} ${hidden}`).not.toContain(hidden);
      }
      const numbers = records(await fetchCsv(requester, "/362018/open-data/evaluation-results.csv")).map((r) => r.initiative_number);
      for (const unpublished of ["9", "10", "11", "15", "16", "17"]) expect(numbers).not.toContain(unpublished);

      // The other municipality sees its own result only.
      const other = records(await fetchCsv(requester, `/${OTHER_LG}/open-data/kpi-actuals.csv?initiative=6`));
      expect(other.map((r) => [r.lg_code, r.fiscal_year, r.actual_value])).toEqual([[OTHER_LG, "2022", FOREIGN_ACTUAL]]);
      expect(records(await fetchCsv(requester, `/${OTHER_LG}/open-data/evaluation-results.csv`)).map((r) => r.self_grade)).toEqual(["C"]);
    });

    it("filters by fiscal_year and initiative, and refuses a bad one with a Japanese 400", async () => {
      expect(records(await fetchCsv(requester, "/362018/open-data/kpi-actuals.csv?initiative=14&fiscal_year=2022")).map((r) => r.kpi_key)).toEqual(["14-1", "14-2", "14-3", "14-4"]);
      expect(await fetchCsv(requester, "/362018/open-data/evaluation-results.csv?fiscal_year=2024").then(records)).toEqual([]);
      for (const path of ["/362018/open-data/evaluation-results.csv?fiscal_year=R4", "/362018/open-data/kpi-actuals.json?fiscal_year=2031"]) {
        const res = await request(path);
        expect(res.status, path).toBe(400);
        expect(visibleText(await res.text())).toContain("年度");
      }
      const api = await request("/api/v1/362018/datasets/evaluation-results?fiscal_year=abc");
      expect(api.status).toBe(400);
      expect(((await api.json()) as Json).error.message).toContain("年度");
    });

    it("is listed in the catalog, the codebooks, the CKAN API and the OpenAPI document", async () => {
      const catalog = visibleText(await (await request("/362018/open-data")).text());
      expect(catalog).toContain("評価結果");
      expect(catalog).toContain("数値目標の年度別実績");
      const codebook = visibleText(await (await request("/362018/open-data/kpi-actuals")).text());
      expect(codebook).toContain("achievement_rate");
      expect(codebook).toContain("実績値または目標値がないとき");
      expect(visibleText(await (await request("/362018/open-data/evaluation-results")).text())).toContain("SS目標や計画を上回る達成状況");

      const pkg = await json("/api/3/action/package_show?id=362018-evaluation-results");
      expect(pkg.result.resources.map((r: Json) => r.url)).toEqual([
        "/362018/open-data/evaluation-results.csv",
        "/362018/open-data/evaluation-results.json",
        "/362018/open-data/evaluation-results-codebook.csv",
      ]);
      expect(pkg.result.extras).toContainEqual({ key: "record_count", value: "4" });
      // The plan was loaded after the 2022 results' publication date, so the plan's version dates the package.
      const [plan] = await ctx.db.query<{ updated_at: Date }>("select p.updated_at from plan p join municipality m on m.id = p.municipality_id where m.lg_code = '362018' and p.is_current");
      expect(pkg.result.metadata_modified).toBe(new Date(plan!.updated_at).toISOString());
      const list = await json("/api/3/action/package_list");
      expect(list.result).toEqual(expect.arrayContaining(["362018-evaluation-results", "362018-kpi-actuals", `${OTHER_LG}-kpi-actuals`]));

      const openapi = await json("/api/openapi.json");
      const datasetParam = openapi.paths["/{lgCode}/open-data/{dataset}.csv"].get.parameters.find((p: Json) => p.name === "dataset");
      expect(datasetParam.schema.enum).toEqual(expect.arrayContaining(["evaluation-results", "kpi-actuals"]));
      expect(openapi.paths["/api/v1/{lgCode}/datasets/{dataset}"].get.parameters.map((p: Json) => p.name)).toContain("fiscal_year");
    });

    it("shows a new publication at once in the files, the APIs and the catalog, although the page cache had kept them", async () => {
      const before = await fetchCsv(requester, "/362018/open-data/evaluation-results.csv");
      const etag = before.response.headers.get("etag");
      expect(etag).toBeTruthy();
      // Served from the page cache now: the same ETag answers 304.
      expect((await request("/362018/open-data/evaluation-results.csv", { headers: { "If-None-Match": etag! } })).status).toBe(304);
      expect((await json("/api/v1/362018/datasets")).datasets.find((d: Json) => d.id === "kpi-actuals").recordCount).toBe(9);

      const [m] = await ctx.db.query<{ id: number }>("select id from municipality where lg_code = '362018'");
      const cycle = (await findCycle(ctx.db, m!.id, cycle2023))!;
      const published = await publishCycleResults(
        ctx.db,
        { municipality: { id: m!.id, lgCode: "362018", name: "徳島市" }, actor: { userId: null, label: "事務局（テスト）" }, ip: null },
        { cycle, roles: ["secretariat"], fingerprint: publicationFingerprint(await listReports(ctx.db, cycle.id)) },
      );
      expect(published).toEqual({ ok: true, published: 1 });
      const today = japanDate(new Date());

      const after = await fetchCsv(requester, "/362018/open-data/evaluation-results.csv");
      expect(after.response.headers.get("etag")).not.toBe(etag);
      expect(records(after).at(-1)).toMatchObject({ fiscal_year: "2023", initiative_number: "6", final_grade: "A", published_date: today });
      expect(Date.parse(after.response.headers.get("last-modified")!)).toBeGreaterThan(Date.parse(before.response.headers.get("last-modified")!));
      const actual = records(await fetchCsv(requester, "/362018/open-data/kpi-actuals.csv?fiscal_year=2023"));
      expect(actual.map((r) => [r.kpi_key, r.target_value, r.actual_value, r.achievement_rate])).toEqual([["6-1", "72", "72", "100.0"]]);
      expect((await json("/362018/open-data/kpi-actuals.json")).rows).toHaveLength(10);
      expect((await json("/api/v1/362018/datasets")).datasets.find((d: Json) => d.id === "kpi-actuals").recordCount).toBe(10);
      const pkg = await json("/api/3/action/package_show?id=362018-evaluation-results");
      expect(pkg.result.extras).toContainEqual({ key: "record_count", value: "5" });
      expect(Date.parse(pkg.result.metadata_modified)).toBeGreaterThan(PUBLISHED_2022.getTime());
      const catalog = await (await request("/362018/open-data")).text();
      const row = catalog.slice(catalog.indexOf('id="dataset-evaluation-results"'), catalog.indexOf("</tr>", catalog.indexOf('id="dataset-evaluation-results"')));
      expect(visibleText(row)).toContain("5件");
    });
  },
  { seed: "tokushima", setup: seed },
);
