import { describe, expect, it } from "vitest";
import { DATASETS } from "../../src/modules/opendata/datasets.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describeEachDatabase(
  "open data APIs",
  (ctx) => {
    let app: ReturnType<typeof testApp> | undefined;
    const request = (path: string, init?: RequestInit) => (app ??= testApp(ctx.db)).request(path, init);
    const json = async (path: string, status = 200, init?: RequestInit): Promise<Json> => {
      const res = await request(path, init);
      expect(res.status, path).toBe(status);
      expect(res.headers.get("content-type"), path).toBe("application/json; charset=utf-8");
      return (await res.json()) as Json;
    };

    describe("OpenAPI document", () => {
      it("is an OpenAPI 3.1 document whose references all resolve", async () => {
        const doc = await json("/api/openapi.json");
        expect(doc.openapi).toBe("3.1.0");
        expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
        expect(doc.servers).toEqual([{ url: "/" }]);
        expect(Object.keys(doc.components.schemas).length).toBeGreaterThan(5);
        const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
        expect(refs.length).toBeGreaterThan(0);
        for (const ref of refs) {
          const name = ref.replace(/^"\$ref":"#\/components\/schemas\//, "").replace(/"$/, "");
          expect(doc.components.schemas, ref).toHaveProperty([name]);
        }
        for (const [path, item] of Object.entries(doc.paths as Json)) {
          expect(path.startsWith("/"), path).toBe(true);
          for (const op of Object.values(item as Json)) {
            expect(op.responses, path).toHaveProperty(["200"]);
            const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
            const declared = (op.parameters as Json[]).filter((p) => p.in === "path").map((p) => p.name);
            expect(declared.sort(), path).toEqual(templated.sort());
            for (const p of op.parameters as Json[]) if (p.in === "path") expect(p.required, `${path} ${p.name}`).toBe(true);
          }
        }
        for (const path of ["/api/v1/municipalities", "/api/v1/{lgCode}/plan", "/api/v1/{lgCode}/initiatives", "/api/v1/{lgCode}/initiatives/{number}", "/api/v1/{lgCode}/datasets/{dataset}"]) {
          expect(doc.paths).toHaveProperty([path]);
        }
      });

      it("every path it lists answers 200 for 362018, with its documented examples", async () => {
        const doc = await json("/api/openapi.json");
        for (const [template, item] of Object.entries(doc.paths as Json)) {
          const parameters = (item as Json).get.parameters as Json[];
          let path = template;
          const query = new URLSearchParams();
          for (const p of parameters) {
            if (p.in === "path") path = path.replace(`{${p.name}}`, encodeURIComponent(String(p.example)));
            else if (p.required) query.set(p.name, String(p.example));
          }
          expect(path).toMatch(/^\/[^{}]*$/);
          const url = query.size > 0 ? `${path}?${query}` : path;
          const res = await request(url);
          expect(res.status, url).toBe(200);
          const documented = Object.keys((item as Json).get.responses["200"].content ?? {});
          expect(res.headers.get("content-type")?.split(";")[0], url).toBe(documented[0]);
        }
      });

      it("uses the configured site URL for its server", async () => {
        const { createApp } = await import("../../src/app.ts");
        const { LICENSES } = await import("../../src/config.ts");
        const site = createApp({ db: ctx.db, config: { license: LICENSES["cc-by-4.0"], siteUrl: "https://dx.example.jp" } });
        const doc = (await (await site.request("/api/openapi.json")).json()) as Json;
        expect(doc.servers).toEqual([{ url: "https://dx.example.jp" }]);
        const pkg = (await (await site.request("/api/3/action/package_show?id=362018-kpis")).json()) as Json;
        expect(pkg.result.license_id).toBe("cc-by-4.0");
        expect(pkg.result.resources[0].url).toBe("https://dx.example.jp/362018/open-data/kpis.csv");
      });
    });

    describe("v1", () => {
      it("lists municipalities and the plan", async () => {
        expect((await json("/api/v1/municipalities")).municipalities).toEqual([
          expect.objectContaining({ lgCode: "362018", name: "徳島市", planUrl: "/api/v1/362018/plan" }),
        ]);
        const plan = await json("/api/v1/362018/plan");
        expect(plan).toMatchObject({ lgCode: "362018", period: { startFiscalYear: 2022, endFiscalYear: 2025 }, counts: { initiatives: 37, kpis: 29 } });
        expect(plan.policies).toHaveLength(4);
      });

      it("filters initiatives like the portal and gives one initiative with null for no value", async () => {
        const list = await json("/api/v1/362018/initiatives?policy=1");
        expect(list.initiatives.every((i: Json) => i.policyNumber === 1)).toBe(true);
        expect(list.count).toBe(list.initiatives.length);
        const item = await json("/api/v1/362018/initiatives/12");
        expect(item.kpis[0].targets).toContainEqual({ fiscalYear: 2024, value: "160" });
        expect(item.kpis[1].targets).toContainEqual({ fiscalYear: 2022, value: null });
        expect((await json("/api/v1/362018/initiatives/26")).kpis[0].baseline.value).toBe("0");
      });

      it("lists datasets and serves each as JSON", async () => {
        const list = await json("/api/v1/362018/datasets");
        expect(list.datasets.map((d: Json) => d.id)).toEqual(DATASETS.map((d) => d.id));
        const doc = await json("/api/v1/362018/datasets/kpi-targets?initiative=12");
        expect(doc.rows).toHaveLength(8);
      });

      it("answers mistakes in JSON with 400 or 404, never an HTML page", async () => {
        expect((await json("/api/v1/362018/initiatives?policy=abc", 400)).error.message).toContain("取組方針");
        expect((await json("/api/v1/362018/initiatives/99", 404)).error.status).toBe(404);
        expect((await json("/api/v1/362018/datasets/nope", 404)).error.message).toContain("nope");
        expect((await json("/api/v1/362018/datasets/kpi-targets?initiative=abc", 400)).error.message).toContain("取組項目");
        expect((await json("/api/v1/999999/plan", 404)).error.status).toBe(404);
        expect((await json("/api/v1/nothing/here", 404)).error.status).toBe(404);
      });
    });

    describe("CKAN", () => {
      it("package_list lists one package per dataset", async () => {
        const body = await json("/api/3/action/package_list");
        expect(body).toMatchObject({ success: true, help: expect.any(String) });
        expect(body.result).toEqual(DATASETS.map((d) => `362018-${d.id}`));
      });

      it("package_show describes a package with licence, organisation and resources", async () => {
        const { result } = await json("/api/3/action/package_show?id=362018-kpi-targets");
        expect(result).toMatchObject({
          id: "362018-kpi-targets",
          name: "362018-kpi-targets",
          title: expect.stringContaining("数値目標"),
          license_id: "pdl-1.0",
          license_title: "公共データ利用規約（第1.0版）",
          license_url: expect.stringMatching(/^https:\/\//),
          organization: { name: "362018", title: "徳島市" },
        });
        expect(Number.isNaN(Date.parse(result.metadata_modified))).toBe(false);
        expect(result.resources.map((r: Json) => [r.format, r.mimetype, r.url])).toEqual([
          ["CSV", "text/csv", "/362018/open-data/kpi-targets.csv"],
          ["JSON", "application/json", "/362018/open-data/kpi-targets.json"],
          ["CSV", "text/csv", "/362018/open-data/kpi-targets-codebook.csv"],
        ]);
        for (const r of result.resources) expect((await request(r.url)).status).toBe(200);
      });

      it("package_show also takes a POSTed JSON body, as CKAN clients send", async () => {
        const body = await json("/api/3/action/package_show", 200, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ id: "362018-glossary" }),
        });
        expect(body.result.id).toBe("362018-glossary");
      });

      it("package_search finds by words and pages with rows and start", async () => {
        const found = await json(`/api/3/action/package_search?q=${encodeURIComponent("数値目標")}`);
        expect(found.result.results.map((p: Json) => p.id)).toEqual(expect.arrayContaining(["362018-kpis", "362018-kpi-targets"]));
        expect(found.result.count).toBe(found.result.results.length);
        const all = await json("/api/3/action/package_search?q=*:*&rows=1000");
        expect(all.result.count).toBe(DATASETS.length);
        const page = await json("/api/3/action/package_search?rows=2&start=2");
        expect(page.result.results.map((p: Json) => p.id)).toEqual(all.result.results.slice(2, 4).map((p: Json) => p.id));
        expect((await json("/api/3/action/package_search?q=存在しない語", 200)).result).toMatchObject({ count: 0, results: [] });
      });

      it("answers errors in CKAN's envelope with 404 or 400", async () => {
        for (const id of ["362018-nope", "999999-kpis", "nope"]) {
          const body = await json(`/api/3/action/package_show?id=${id}`, 404);
          expect(body).toMatchObject({ success: false, error: { __type: "Not Found Error", message: expect.any(String) } });
        }
        expect((await json("/api/3/action/package_show", 400)).error.__type).toBe("Validation Error");
        expect((await json("/api/3/action/package_search?rows=abc", 400)).error.__type).toBe("Validation Error");
        expect((await json("/api/3/action/package_search?start=-1", 400)).success).toBe(false);
        expect((await json("/api/3/action/resource_delete", 400)).success).toBe(false);
        expect(
          (await json("/api/3/action/package_show", 400, { method: "POST", headers: { "content-type": "application/json" }, body: "{" })).success,
        ).toBe(false);
      });
    });
  },
  { seed: "tokushima" },
);
