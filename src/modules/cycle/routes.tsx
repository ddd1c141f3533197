/**
 * The cycle module's router: the staff pages under /:lgCode/staff/… (the
 * accounts module's staff-area middleware, mounted before this, has found the
 * session and checked CSRF) and the public results pages.
 */
import { Hono } from "hono";
import type { Config } from "../../config.ts";
import type { Database } from "../../core/db/database.ts";
import type { StaffEnv } from "../accounts/staff-area.ts";
import type { PlanCache } from "../plan/plan-cache.ts";
import { cycleListRoutes } from "./routes-cycles.tsx";
import { dashboardRoutes } from "./routes-dashboards.tsx";
import { publicResultRoutes } from "./routes-public.tsx";
import { publishingRoutes } from "./routes-publishing.tsx";
import { reportRoutes } from "./routes-report.tsx";
import { summaryWorkbookRoutes } from "./summary-workbook/routes.ts";
import { workbookRoutes } from "./workbook/routes.tsx";

export type CycleModuleDeps = {
  db: Database;
  config: Pick<Config, "siteUrl"> & { trustProxy?: boolean };
  plans: PlanCache;
};

export function cycleRoutes(deps: CycleModuleDeps): Hono<StaffEnv> {
  const r = new Hono<StaffEnv>();
  r.route("/", cycleListRoutes(deps));
  r.route("/", reportRoutes(deps));
  r.route("/", publishingRoutes(deps));
  r.route("/", dashboardRoutes(deps));
  r.route("/", summaryWorkbookRoutes(deps));
  r.route("/", publicResultRoutes(deps));
  r.route("/", workbookRoutes(deps)); // 「Excelで入力」: the division workbook (issue #7 §1)
  return r;
}
