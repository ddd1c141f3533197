/**
 * Composes the web application from its modules. Each module exports a Hono
 * router built from explicit dependencies; nothing reaches for globals, so
 * tests build the same app over their own database.
 */
import { Hono } from "hono";
import type { Config } from "./config.ts";
import { stylesheet } from "./core/assets/stylesheet.ts";
import type { Database } from "./core/db/database.ts";
import { isDatabaseUnavailable } from "./core/db/database-unavailable.ts";
import { healthRoutes } from "./core/health/routes.ts";
import { ErrorPage } from "./core/http/error-page.tsx";
import { bodyLimits, type BodyLimitRule } from "./core/http/body-limit.ts";
import { compressResponses } from "./core/http/compression.ts";
import { HttpError } from "./core/http/http-error.ts";
import { requestLog, type LogSink } from "./core/http/request-log.ts";
import { requestScheme } from "./core/http/request-scheme.ts";
import { securityHeaders } from "./core/http/security-headers.ts";
import { accessibilityRoutes } from "./modules/accessibility/routes.tsx";
import { prefectureAccountRoutes } from "./modules/accounts/prefecture-sign-in-routes.tsx";
import { accountRoutes } from "./modules/accounts/routes.tsx";
import { STAFF_IMPORT_BODY_LIMIT } from "./modules/accounts/staff-import-routes.tsx";
import { auditTrailRoutes } from "./modules/audit-trail/routes.tsx";
import { cycleRoutes } from "./modules/cycle/routes.tsx";
import { WORKBOOK_BODY_LIMIT } from "./modules/cycle/workbook/routes.tsx";
import { homeWorkPanel } from "./modules/cycle/home-work.tsx";
import { openDataRoutes } from "./modules/opendata/routes.ts";
import { organisationRoutes } from "./modules/organisation/routes.tsx";
import { planAuthoringRoutes } from "./modules/plan/authoring/routes.tsx";
import { readingRoutes } from "./modules/plan/readings/routes.tsx";
import { publicPageCache } from "./modules/portal/page-cache.ts";
import { PlanCache, type PlanCacheOptions } from "./modules/plan/plan-cache.ts";
import { portalRoutes } from "./modules/portal/routes.tsx";
import { PLAN_UPLOAD_BODY_LIMIT, prefectureAdministrationRoutes } from "./modules/prefecture/administration/routes.tsx";
import { prefectureRoutes } from "./modules/prefecture/routes.tsx";
import { reportRoutes } from "./modules/reports/routes.tsx";
import { surveyAnalysisRoutes } from "./modules/survey/analysis/routes.tsx";
import { surveyEvidenceRoutes } from "./modules/survey/evidence/routes.tsx";
import { surveyFieldworkRoutes } from "./modules/survey/fieldwork/routes.ts";

export type AppDeps = {
  db: Database;
  config: Pick<Config, "license" | "siteUrl"> & Partial<Pick<Config, "oidcProviders" | "trustProxy" | "cookieSecure">>;
  /** Where one JSON line per request goes (npm start: stdout); none in tests. */
  log?: LogSink;
  /** How long the public side may trust what it knows of a plan's version (see PlanCache); 0 = ask every time. */
  cache?: PlanCacheOptions & { pageCacheBytes?: number };
  /** The background job runner of this process (src/main.ts), woken when a job is queued; absent in tests. */
  jobs?: { wake(): void };
};

/**
 * Request-body limits per route (decision 020), measured on Tokushima's plan:
 * the largest authoring form (the glossary) sends about 30 KB, and a report
 * with every text at its 4,000-character limit about 190 KB (Japanese text is
 * 9 bytes a character once form-encoded). Forms anyone may reach are small.
 * An upload route would get its own, larger rule; bodies stream through the
 * limit, so a large one is never held in memory by it.
 */
const KB = 1024;
export const BODY_LIMITS: readonly BodyLimitRule[] = [
  // Sign-in and the account's own forms: a login id, passwords (at most 2,560 characters) and a code.
  { path: /^\/[0-9]{6}\/staff\/(sign-in|two-factor|two-factor\/setup|password)$/, maxBytes: 32 * KB },
  // The plan workbook upload (plan/workbook): the file's own limit (4 MB) and the form around it.
  { path: /^\/[0-9]{6}\/staff\/plan\/drafts\/[0-9]{1,9}\/workbook$/, maxBytes: 4 * 1024 * KB + 64 * KB },
  WORKBOOK_BODY_LIMIT, // the division workbook's upload (12 MB + framing)
  // The staff CSV for the April transfers (accounts/staff-import-routes.tsx): a 1 MB file.
  STAFF_IMPORT_BODY_LIMIT,
  // The survey's sample frame upload (CSV, 2 MB at most, with the multipart envelope).
  { path: /^\/[0-9]{6}\/staff\/surveys\/[a-z0-9-]+\/sample$/, maxBytes: 2100 * KB },
  // A respondent-level survey file: up to 20,000 respondents × a few dozen columns.
  { path: /^\/[0-9]{6}\/staff\/surveys\/[a-z0-9-]+\/analysis\/import$/, maxBytes: 8 * 1024 * KB },
  { path: /^\/[0-9]{6}\/staff\//, maxBytes: 256 * KB },
  // A prefecture administrator's plan file upload (2 MB), then their small forms (decision 037).
  PLAN_UPLOAD_BODY_LIMIT,
  { path: /^\/prefectures\/[0-9]{2}\/staff\//, maxBytes: 32 * KB },
  // A resident's survey answers: free texts of up to 2,000 characters, 9 bytes each form-encoded.
  { path: /^\/[0-9]{6}\/answer(\/form)?$/, maxBytes: 256 * KB },
];
/** No public page takes a body; whatever is sent there is answered 404, but is not read past this. */
export const DEFAULT_BODY_LIMIT = 16 * KB;

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const plans = new PlanCache(deps.db, deps.cache);

  if (deps.log) app.use(requestLog(deps.log));
  // Before anything sets a cookie: whether this request came over HTTPS (behind a trusted proxy too).
  app.use(requestScheme(deps.config));
  app.route("/", healthRoutes(deps)); // probes answer before any cache or page logic

  // Order matters: the page cache keeps what compression produced.
  app.use(publicPageCache(plans, { maxBytes: deps.cache?.pageCacheBytes }));
  app.use(compressResponses);
  app.use(securityHeaders);
  // Before any handler or middleware (CSRF) reads a body.
  app.use(bodyLimits(BODY_LIMITS, DEFAULT_BODY_LIMIT));

  app.get(stylesheet.path, (c) => {
    c.header("Cache-Control", "public, max-age=31536000, immutable");
    return c.body(stylesheet.body, 200, { "Content-Type": "text/css; charset=utf-8" });
  });

  app.route("/", accountRoutes({ ...deps, homeWork: homeWorkPanel({ ...deps, plans }) })); // first: its staff-area middleware serves every module's /:lgCode/staff pages
  app.route("/", prefectureAccountRoutes(deps)); // before the prefecture's pages: its middleware serves every /prefectures/{2桁}/staff page
  app.route("/", prefectureAdministrationRoutes({ ...deps, plans })); // the prefecture administrator sets municipalities up (decision 037)
  app.route("/", auditTrailRoutes({ ...deps, plans })); // the audit log, its CSV export and initiative histories (staff)
  app.route("/", cycleRoutes({ ...deps, plans })); // the yearly PDCA cycle: staff pages and the public results
  app.route("/", planAuthoringRoutes({ ...deps, plans }));
  app.route("/", readingRoutes({ ...deps, plans })); // the secretariat confirms transcription readings (decision 019)
  app.route("/", organisationRoutes({ ...deps, plans }));
  app.route("/", accessibilityRoutes(deps));
  app.route("/", openDataRoutes({ ...deps, plans }));
  app.route("/", reportRoutes({ ...deps, plans })); // annual reports and the plan document: web pages, PDFs, builds (staff)
  app.route("/", prefectureRoutes({ ...deps, plans })); // a prefecture's municipalities compared on what they have published
  app.route("/", surveyAnalysisRoutes(deps)); // survey crosstabs, weights, respondent import/export, publication (secretariat)
  app.route("/", surveyEvidenceRoutes({ ...deps, plans })); // the published citizen surveys and their findings (public)
  app.route("/", surveyFieldworkRoutes(deps)); // citizen surveys: staff pages under /staff/surveys, residents answer at /:lgCode/answer
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
    if (isDatabaseUnavailable(error)) {
      // The pool reconnects by itself once the server is back; nothing to log per request beyond one line.
      console.error("データベースに接続できません:", error.message);
      c.header("Retry-After", "30");
      return c.html(
        ErrorPage({
          status: 503,
          title: "ただいま表示できません",
          detail: "システムの保守または障害のため、一時的にデータを読み込めません。しばらくしてから再度お試しください。",
        }),
        503,
      );
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
