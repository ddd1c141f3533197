import { Hono } from "hono";
import type { Config } from "../../config.ts";
import type { Database } from "../../core/db/database.ts";
import type { PlanCache } from "../portal/plan-cache.ts";

export type OpenDataDeps = { db: Database; plans: PlanCache; config: Pick<Config, "license" | "siteUrl"> };

// Placeholder: the open data module (CSV/JSON exports, catalog, CKAN, OpenAPI) is being built.
export function openDataRoutes(_deps: OpenDataDeps): Hono {
  return new Hono();
}
