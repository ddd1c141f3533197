/**
 * The read-only JSON API (/api/v1) and its OpenAPI document. Errors are JSON
 * ({"error": {"status", "message"}}) in Japanese, never an HTML page, and a
 * user's mistake is a 400 or 404, never a 500.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { cors } from "hono/cors";
import type { Config } from "../../config.ts";
import type { Database } from "../../core/db/database.ts";
import { filterInitiatives, parseInitiativeFilter } from "../plan/domain/initiative-filter.ts";
import type { Plan } from "../plan/plan.ts";
import { listMunicipalities } from "../tenancy/repository/municipality-queries.ts";
import type { PlanCache } from "../plan/plan-cache.ts";
import { datasetSummaryJson, initiativeJson, initiativeSummaryJson, municipalityJson, planJson } from "./api.ts";
import { datasetDocument } from "./dataset-document.ts";
import { parseDatasetQuery } from "./dataset-query.ts";
import { DATASETS, findDataset } from "./datasets.ts";
import { jsonResponse } from "./json-response.ts";
import { openApiDocument } from "./openapi.ts";
import type { PublishedResultsCache } from "./published-results.ts";

export type ApiDeps = { db: Database; plans: PlanCache; results: PublishedResultsCache; config: Pick<Config, "license" | "siteUrl"> };

class ApiError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

const LG = "/api/v1/:lgCode{[0-9]{6}}";

export function apiRoutes({ db, plans, results, config }: ApiDeps): Hono {
  const r = new Hono();
  // Public, read-only data without cookies: any site may read it.
  r.use("/api/v1/*", cors());
  r.use("/api/openapi.json", cors());

  const loadPlan = async (c: Context): Promise<Plan> => {
    const found = await plans.current(c.req.param("lgCode")!);
    if (!found?.plan) throw new ApiError(404, "この全国地方公共団体コードの計画は公開されていません。");
    return found.plan;
  };

  r.get("/api/openapi.json", (c) => jsonResponse(c, openApiDocument(config.siteUrl)));

  r.get("/api/v1/municipalities", async (c) => {
    const published = [];
    for (const m of await listMunicipalities(db)) {
      if ((await plans.current(m.lgCode))?.plan) published.push(municipalityJson(m, config.siteUrl));
    }
    return jsonResponse(c, { municipalities: published });
  });

  r.get(`${LG}/plan`, async (c) => jsonResponse(c, planJson(await loadPlan(c))));

  r.get(`${LG}/initiatives`, async (c) => {
    const plan = await loadPlan(c);
    const parsed = parseInitiativeFilter(c.req.queries(), plan);
    if (!parsed.ok) throw new ApiError(400, parsed.errors.join("。") + "。");
    const results = filterInitiatives(plan.initiatives, parsed.filter);
    return jsonResponse(c, { lgCode: plan.municipality.lgCode, count: results.length, initiatives: results.map(initiativeSummaryJson) });
  });

  r.get(`${LG}/initiatives/:number{[0-9]{1,6}}`, async (c) => {
    const plan = await loadPlan(c);
    const number = Number(c.req.param("number"));
    const initiative = plan.initiatives.find((i) => i.number === number);
    if (!initiative) throw new ApiError(404, `取組項目 ${number} はこの計画にありません。`);
    return jsonResponse(c, initiativeJson(initiative, plan));
  });

  r.get(`${LG}/datasets`, async (c) => {
    const plan = await loadPlan(c);
    const published = await results.of(plan);
    return jsonResponse(c, {
      lgCode: plan.municipality.lgCode,
      datasets: DATASETS.map((d) => datasetSummaryJson(d, plan, published, config.siteUrl)),
    });
  });

  r.get(`${LG}/datasets/:dataset`, async (c) => {
    const plan = await loadPlan(c);
    const dataset = findDataset(c.req.param("dataset"));
    if (!dataset) throw new ApiError(404, `データセット「${c.req.param("dataset")}」はありません。`);
    const parsed = parseDatasetQuery(dataset, c.req.queries(), plan);
    if (!parsed.ok) throw new ApiError(400, parsed.errors.join("。") + "。");
    return jsonResponse(c, datasetDocument(dataset, plan, await results.of(plan), parsed.params, config.license));
  });

  r.all("/api/v1/*", () => {
    throw new ApiError(404, "このAPIはありません。/api/openapi.json をご確認ください。");
  });

  r.onError((error, c) => {
    if (error instanceof ApiError) return jsonResponse(c, { error: { status: error.status, message: error.message } }, error.status);
    console.error(error);
    return jsonResponse(c, { error: { status: 500, message: "システムエラーが発生しました。時間をおいて再度お試しください。" } }, 500);
  });

  return r;
}
