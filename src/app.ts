/**
 * Composes the web application from its modules. Each module exports a Hono
 * router built from explicit dependencies; nothing reaches for globals, so
 * tests build the same app over their own database.
 */
import { Hono } from "hono";
import type { Config } from "./config.ts";
import { stylesheet } from "./core/assets/stylesheet.ts";
import type { Database } from "./core/db/database.ts";
import { ErrorPage } from "./core/http/error-page.tsx";
import { compressResponses } from "./core/http/compression.ts";
import { HttpError } from "./core/http/http-error.ts";
import { securityHeaders } from "./core/http/security-headers.ts";
import { accessibilityRoutes } from "./modules/accessibility/routes.tsx";
import { accountRoutes } from "./modules/accounts/routes.tsx";
import { auditTrailRoutes } from "./modules/audit-trail/routes.tsx";
import { cycleRoutes } from "./modules/cycle/routes.tsx";
import { openDataRoutes } from "./modules/opendata/routes.ts";
import { organisationRoutes } from "./modules/organisation/routes.tsx";
import { planAuthoringRoutes } from "./modules/plan/authoring/routes.tsx";
import { readingRoutes } from "./modules/plan/readings/routes.tsx";
import { publicPageCache } from "./modules/portal/page-cache.ts";
import { PlanCache, type PlanCacheOptions } from "./modules/portal/plan-cache.ts";
import { portalRoutes } from "./modules/portal/routes.tsx";

export type AppDeps = {
  db: Database;
  config: Pick<Config, "license" | "siteUrl"> & Partial<Pick<Config, "oidcProviders" | "trustProxy">>;
  /** How long the public side may trust what it knows of a plan's version (see PlanCache); 0 = ask every time. */
  cache?: PlanCacheOptions & { pageCacheBytes?: number };
};

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const plans = new PlanCache(deps.db, deps.cache);

  // Order matters: the page cache keeps what compression produced.
  app.use(publicPageCache(plans, { maxBytes: deps.cache?.pageCacheBytes }));
  app.use(compressResponses);
  app.use(securityHeaders);

  app.get(stylesheet.path, (c) => {
    c.header("Cache-Control", "public, max-age=31536000, immutable");
    return c.body(stylesheet.body, 200, { "Content-Type": "text/css; charset=utf-8" });
  });

  app.route("/", accountRoutes(deps)); // first: its staff-area middleware serves every module's /:lgCode/staff pages
  app.route("/", auditTrailRoutes(deps)); // the audit log, its CSV export and initiative histories (staff)
  app.route("/", cycleRoutes({ ...deps, plans })); // the yearly PDCA cycle: staff pages and the public results
  app.route("/", planAuthoringRoutes({ ...deps, plans }));
  app.route("/", readingRoutes({ ...deps, plans })); // the secretariat confirms transcription readings (decision 019)
  app.route("/", organisationRoutes({ ...deps, plans }));
  app.route("/", accessibilityRoutes(deps));
  app.route("/", openDataRoutes({ ...deps, plans }));
  app.route("/", portalRoutes({ ...deps, plans }));

  app.notFound((c) =>
    c.html(
      ErrorPage({
        status: 404,
        title: "ページが見つかりません",
        detail: "お探しのページは見つかりませんでした。アドレスに誤りがないか、ご確認ください。",
      }),
      404,
    ),
  );

  app.onError((error, c) => {
    if (error instanceof HttpError) {
      return c.html(ErrorPage({ status: error.status, title: error.title, detail: error.detail }), error.status);
    }
    console.error(error);
    return c.html(
      ErrorPage({
        status: 500,
        title: "システムエラーが発生しました",
        detail: "ご不便をおかけしています。時間をおいて再度お試しください。",
      }),
      500,
    );
  });

  return app;
}
