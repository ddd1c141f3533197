/**
 * Two municipalities on one site: the same plan imported as 362018 徳島市
 * and 362026 鳴門市, with one target changed in 鳴門市's copy. Nothing of
 * one may be reachable through the other's lgCode.
 */
import { expect, it } from "vitest";
import { DATASETS } from "../../src/modules/opendata/datasets.ts";
import { importPlan } from "../../src/modules/plan/commands/import-plan.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { loadTokushima, tokushimaPlan } from "../support/fixtures.ts";
import { fetchCsv, records } from "./opendata-support.ts";

const NARUTO_TARGET = "987654";

describeEachDatabase(
  "open data of several municipalities",
  (ctx) => {
    let app: ReturnType<typeof testApp> | undefined;
    const request = (path: string) => (app ??= testApp(ctx.db)).request(path);
    const requester = { request };

    it("keeps each municipality's rows under its own lgCode", async () => {
      for (const lgCode of ["362018", "362026"]) {
        for (const dataset of DATASETS) {
          const rows = records(await fetchCsv(requester, `/${lgCode}/open-data/${dataset.id}.csv`));
          for (const row of rows) expect(row.lg_code, `${lgCode} ${dataset.id}`).toBe(lgCode);
          const doc = (await (await request(`/${lgCode}/open-data/${dataset.id}.json`)).json()) as { lgCode: string };
          expect(doc.lgCode).toBe(lgCode);
        }
      }
    });

    it("does not leak a changed target from one municipality into the other", async () => {
      const tokushima = await fetchCsv(requester, "/362018/open-data/kpi-targets.csv?initiative=12");
      const naruto = await fetchCsv(requester, "/362026/open-data/kpi-targets.csv?initiative=12");
      const target = (rows: ReturnType<typeof records>) => rows.find((r) => r.kpi_key === "12-1" && r.fiscal_year === "2024")!.target_value;
      expect(target(records(tokushima))).toBe("160");
      expect(target(records(naruto))).toBe(NARUTO_TARGET);
      expect(tokushima.text).not.toContain(NARUTO_TARGET);
      const all = await fetchCsv(requester, "/362018/open-data/kpi-targets.csv");
      expect(all.text).not.toContain(NARUTO_TARGET);
      expect(all.text).not.toContain("362026");
    });

    it("refuses one municipality's division id in another's filter", async () => {
      const narutoDivision = records(await fetchCsv(requester, "/362026/open-data/divisions.csv"))[0]!.division_id!;
      const tokushimaIds = records(await fetchCsv(requester, "/362018/open-data/divisions.csv")).map((r) => r.division_id);
      expect(tokushimaIds).not.toContain(narutoDivision);
      expect((await request(`/362018/open-data/initiatives.csv?division=${narutoDivision}`)).status).toBe(400);
      expect((await request(`/362026/open-data/initiatives.csv?division=${narutoDivision}`)).status).toBe(200);
    });

    it("gives CKAN package ids that are unique across municipalities", async () => {
      const list = (await (await request("/api/3/action/package_list")).json()) as { result: string[] };
      expect(list.result).toHaveLength(DATASETS.length * 2);
      expect(new Set(list.result).size).toBe(list.result.length);
      expect(list.result).toContain("362018-kpi-targets");
      expect(list.result).toContain("362026-kpi-targets");
      const show = (await (await request("/api/3/action/package_show?id=362026-kpi-targets")).json()) as {
        result: { organization: { name: string; title: string }; resources: { url: string }[] };
      };
      expect(show.result.organization).toMatchObject({ name: "362026", title: "鳴門市" });
      for (const r of show.result.resources) expect(r.url.startsWith("/362026/")).toBe(true);
      const search = (await (await request(`/api/3/action/package_search?q=${encodeURIComponent("鳴門市")}&rows=1000`)).json()) as {
        result: { count: number; results: { id: string }[] };
      };
      expect(search.result.count).toBe(DATASETS.length);
      for (const p of search.result.results) expect(p.id.startsWith("362026-")).toBe(true);
    });

    it("lists both municipalities in the v1 API and keeps their plans apart", async () => {
      const list = (await (await request("/api/v1/municipalities")).json()) as { municipalities: { lgCode: string }[] };
      expect(list.municipalities.map((m) => m.lgCode)).toEqual(["362018", "362026"]);
      const naruto = (await (await request("/api/v1/362026/initiatives/12")).json()) as { kpis: { targets: { fiscalYear: number; value: string | null }[] }[] };
      expect(naruto.kpis[0]!.targets).toContainEqual({ fiscalYear: 2024, value: NARUTO_TARGET });
      const tokushima = (await (await request("/api/v1/362018/datasets/kpi-targets")).json()) as { rows: { target_value: string | null }[] };
      expect(tokushima.rows.map((r) => r.target_value)).not.toContain(NARUTO_TARGET);
    });

    it("answers 404 for a municipality that is not registered", async () => {
      for (const path of ["/362034/open-data", "/362034/open-data/kpis.csv", "/362034/open-data/kpis"]) {
        expect((await request(path)).status, path).toBe(404);
      }
      expect((await request("/api/v1/362034/plan")).status).toBe(404);
      expect((await request("/api/3/action/package_show?id=362034-kpis")).status).toBe(404);
    });
  },
  {
    setup: async (db) => {
      await loadTokushima(db);
      const plan = tokushimaPlan();
      const item = plan.initiatives.find((i) => i.number === 12)!;
      item.kpis[0]!.targets["2024"] = NARUTO_TARGET;
      const result = await importPlan(db, { lgCode: "362026", municipalityName: "鳴門市", plan });
      if (!result.ok) throw new Error(result.message);
    },
  },
);
