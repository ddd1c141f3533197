/**
 * The open data module's routes: the catalog and codebook pages and the
 * dataset files under /:lgCode/open-data, plus the JSON API (/api/v1,
 * /api/openapi.json) and the CKAN API (/api/3). Handlers are thin:
 * validate the path and query → load the plan → render. Mistakes in a page
 * or file address end in the Japanese error page (HttpError); the APIs
 * answer in JSON (see api-routes.ts, ckan-routes.ts).
 */
import { Hono } from "hono";
import type { Context } from "hono";
import type { Config } from "../../config.ts";
import type { Database } from "../../core/db/database.ts";
import { badRequest, notFound } from "../../core/http/http-error.ts";
import type { Plan } from "../plan/plan.ts";
import type { PlanCache } from "../plan/plan-cache.ts";
import { apiRoutes } from "./api-routes.ts";
import { CatalogPage } from "./catalog-page.tsx";
import { ckanRoutes } from "./ckan-routes.ts";
import { codebookColumns, codebookRows, codeTablesOf } from "./codebook.ts";
import { CodebookPage } from "./codebook-page.tsx";
import { encodeCsv } from "../../core/tables/csv.ts";
import { type Dataset, datasetUpdatedAt } from "./dataset.ts";
import { datasetDocument, type DatasetFile, downloadName, publicUrl } from "./dataset-document.ts";
import { parseDatasetQuery } from "./dataset-query.ts";
import { DATASETS, findDataset } from "./datasets.ts";
import { jsonResponse } from "./json-response.ts";
import { PublishedResultsCache } from "./published-results.ts";

export type OpenDataDeps = { db: Database; plans: PlanCache; config: Pick<Config, "license" | "siteUrl"> };

const BASE = "/:lgCode{[0-9]{6}}/open-data";

export function openDataRoutes(deps: OpenDataDeps): Hono {
  const { plans, config } = deps;
  // One cache of published results for the files, the v1 API and the CKAN API.
  const results = new PublishedResultsCache(deps.db, plans);
  const r = new Hono();
  r.route("/", apiRoutes({ ...deps, results }));
  r.route("/", ckanRoutes({ ...deps, results }));

  const loadPlan = async (c: Context): Promise<Plan> => {
    const found = await plans.current(c.req.param("lgCode")!);
    if (!found) throw notFound("この全国地方公共団体コードの計画は公開されていません。");
    if (!found.plan) throw notFound(`${found.municipality.name}の計画はまだ公開されていません。`);
    return found.plan;
  };

  const loadDataset = (id: string): Dataset => {
    const dataset = findDataset(id);
    if (!dataset) throw notFound(`データセット「${id}」はありません。オープンデータのページで一覧をご確認ください。`);
    return dataset;
  };

  r.get(BASE, async (c) => {
    const plan = await loadPlan(c);
    const published = await results.of(plan);
    const entries = DATASETS.map((dataset) => ({
      dataset,
      recordCount: dataset.rows(plan, {}, published).length,
      updatedAt: datasetUpdatedAt(dataset, plan, published),
    }));
    // The credit line needs an absolute address; without SITE_URL the one this page was requested at.
    const portalUrl = publicUrl(config.siteUrl ?? new URL(c.req.url).origin, `/${plan.municipality.lgCode}`);
    return c.html(CatalogPage({ plan, entries, license: config.license, portalUrl }));
  });

  r.get(`${BASE}/:file{[a-z0-9-]+\\.(?:csv|json)}`, async (c) => {
    const plan = await loadPlan(c);
    const { id, file } = parseFileName(c.req.param("file"));
    const dataset = loadDataset(id);
    const lgCode = plan.municipality.lgCode;
    const parsed = file === "codebook.csv" ? { ok: true as const, params: {} } : parseDatasetQuery(dataset, c.req.queries(), plan);
    if (!parsed.ok) throw badRequest(parsed.errors.join("。") + "。");
    const published = await results.of(plan);
    // Open data may be read by any site's scripts; Last-Modified lets harvesters skip unchanged files.
    c.header("Access-Control-Allow-Origin", "*");
    c.header("Last-Modified", datasetUpdatedAt(dataset, plan, published).toUTCString());
    if (file === "codebook.csv") {
      return csvResponse(c, encodeCsv(codebookColumns, codebookRows(dataset, plan)), downloadName(lgCode, id, file));
    }
    if (file === "json") return jsonResponse(c, datasetDocument(dataset, plan, published, parsed.params, config.license));
    return csvResponse(c, encodeCsv(dataset.columns, dataset.rows(plan, parsed.params, published)), downloadName(lgCode, id, file));
  });

  r.get(`${BASE}/:dataset{[a-z0-9-]+}`, async (c) => {
    const plan = await loadPlan(c);
    const dataset = loadDataset(c.req.param("dataset"));
    const published = await results.of(plan);
    const recordCount = dataset.rows(plan, {}, published).length;
    const updatedAt = datasetUpdatedAt(dataset, plan, published);
    return c.html(CodebookPage({ plan, dataset, recordCount, updatedAt, codeTables: codeTablesOf(dataset, plan) }));
  });

  return r;
}

/** "kpi-targets.csv" → kpi-targets / csv; "kpi-targets-codebook.csv" → kpi-targets / codebook.csv */
function parseFileName(name: string): { id: string; file: DatasetFile } {
  if (name.endsWith("-codebook.csv")) return { id: name.slice(0, -"-codebook.csv".length), file: "codebook.csv" };
  const dot = name.lastIndexOf(".");
  return { id: name.slice(0, dot), file: name.slice(dot + 1) as "csv" | "json" };
}

function csvResponse(c: Context, body: string, fileName: string): Response {
  return c.body(body, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${fileName}"`,
  });
}
