/**
 * CKAN Action API (read-only subset): package_list, package_show,
 * package_search. Parameters come from the query or, as CKAN clients such as
 * ckanapi send them by default, from a POSTed JSON body. Responses use
 * CKAN's envelope; errors keep it too, with CKAN's __type names.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { cors } from "hono/cors";
import type { Config } from "../../config.ts";
import type { Database } from "../../core/db/database.ts";
import type { Plan } from "../plan/plan.ts";
import { listMunicipalities } from "../tenancy/repository/municipality-queries.ts";
import type { PlanCache } from "../plan/plan-cache.ts";
import { allPackages, ckanPackage, type PackageSource, parsePackageId, parseSearchParams, searchPackages } from "./ckan.ts";
import { publicUrl } from "./dataset-document.ts";
import { jsonResponse } from "./json-response.ts";
import type { PublishedResultsCache } from "./published-results.ts";

export type CkanDeps = { db: Database; plans: PlanCache; results: PublishedResultsCache; config: Pick<Config, "license" | "siteUrl"> };

type CkanErrorType = "Not Found Error" | "Validation Error" | "Bad Request";

class CkanError extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly type: CkanErrorType,
    message: string,
  ) {
    super(message);
  }
}

const ACTION = "/api/3/action";

export function ckanRoutes({ db, plans, results, config }: CkanDeps): Hono {
  const r = new Hono();
  r.use(`${ACTION}/*`, cors());

  const help = (c: Context) => publicUrl(config.siteUrl, `${ACTION}/help_show?name=${encodeURIComponent(c.req.param("action") ?? "")}`);
  const ok = (c: Context, result: unknown) => jsonResponse(c, { help: help(c), success: true, result });

  const sourceOf = async (plan: Plan): Promise<PackageSource> => ({ plan, results: await results.of(plan) });

  const publishedPlans = async (): Promise<PackageSource[]> => {
    const result: PackageSource[] = [];
    for (const m of await listMunicipalities(db)) {
      const plan = (await plans.current(m.lgCode))?.plan;
      if (plan) result.push(await sourceOf(plan));
    }
    return result;
  };

  const actions: Record<string, (c: Context, params: Record<string, string | undefined>) => Promise<Response>> = {
    package_list: async (c) => ok(c, allPackages(await publishedPlans(), config.license, config.siteUrl).map((p) => p.name)),

    package_show: async (c, params) => {
      const id = params.id?.trim();
      if (!id) throw new CkanError(400, "Validation Error", "id を指定してください");
      const parsed = parsePackageId(id);
      const plan = parsed && (await plans.current(parsed.lgCode))?.plan;
      if (!parsed || !plan) throw new CkanError(404, "Not Found Error", `パッケージ「${id}」は見つかりません`);
      return ok(c, ckanPackage(parsed.dataset, await sourceOf(plan), config.license, config.siteUrl));
    },

    package_search: async (c, params) => {
      const parsed = parseSearchParams(params);
      if (!parsed.ok) throw new CkanError(400, "Validation Error", parsed.message);
      return ok(c, searchPackages(allPackages(await publishedPlans(), config.license, config.siteUrl), parsed.params));
    },
  };

  const handle = async (c: Context) => {
    const action = actions[c.req.param("action")!];
    if (!action) throw new CkanError(400, "Bad Request", `アクション「${c.req.param("action")}」は提供していません（package_list、package_show、package_search のみ）`);
    return action(c, await readParams(c));
  };
  r.get(`${ACTION}/:action`, handle);
  r.post(`${ACTION}/:action`, handle);

  r.onError((error, c) => {
    if (error instanceof CkanError) {
      return jsonResponse(c, { help: help(c), success: false, error: { __type: error.type, message: error.message } }, error.status);
    }
    console.error(error);
    return jsonResponse(c, { help: help(c), success: false, error: { __type: "Internal Server Error", message: "システムエラーが発生しました" } }, 500);
  });

  return r;
}

/** Query parameters, overlaid by a JSON or form body on POST; only single string values count. */
async function readParams(c: Context): Promise<Record<string, string | undefined>> {
  const params: Record<string, string | undefined> = { ...c.req.query() };
  if (c.req.method !== "POST") return params;
  const type = c.req.header("content-type") ?? "";
  let body: unknown;
  try {
    if (type.includes("application/json")) body = await c.req.json();
    else if (type.includes("form")) body = await c.req.parseBody();
  } catch {
    throw new CkanError(400, "Validation Error", "リクエスト本文のJSONを読み取れません");
  }
  if (body && typeof body === "object" && !Array.isArray(body)) {
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === "string" || typeof value === "number") params[key] = String(value);
    }
  }
  return params;
}
