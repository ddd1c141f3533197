/**
 * The reports module's router.
 *
 * Public (built from published data only; PDFs are served from the kept
 * build and never built in a citizen's request):
 *   /:lgCode/results/:fiscalYear/report      the annual report as a web page
 *   /:lgCode/results/:fiscalYear/report.pdf  its PDF, or 404 「準備中」 (a build is queued)
 *   /:lgCode/plan-document, /:lgCode/plan.pdf the plan document
 * Staff (/:lgCode/staff/reports): the documents' states, builds, the draft PDF.
 */
import { Hono, type Context } from "hono";
import type { Database } from "../../core/db/database.ts";
import { clientIp } from "../../core/http/client-ip.ts";
import { badRequest, HttpError, notFound } from "../../core/http/http-error.ts";
import { oneValue, readForm } from "../../core/http/form.ts";
import { latestJobsByKey } from "../../core/jobs/job-queries.ts";
import { userActor } from "../accounts/commands/actor.ts";
import type { Role } from "../tenancy/roles.ts";
import { requireUser, staffBase, staffState, type StaffEnv } from "../accounts/staff-area.ts";
import { listCycles } from "../cycle/repository/cycle-queries.ts";
import { listPublishedYears } from "../cycle/repository/results-queries.ts";
import { warekiFiscalYear } from "../../core/format/fiscal-year.ts";
import type { Plan } from "../plan/plan.ts";
import type { PlanCache } from "../plan/plan-cache.ts";
import { loadDocumentContent } from "./build-document.ts";
import { queueDocumentBuild, requestDocumentBuild } from "./commands/request-build.ts";
import { documentDigest } from "./domain/digest.ts";
import { annualReportRef, DOCUMENT_BUILD_JOB, documentKey, planDocumentRef, type DocumentRef } from "./document-ref.ts";
import { loadPlanDocument, loadPublishedReport } from "./load-content.ts";
import { findBuild, findBuildPdf } from "./repository/document-builds.ts";
import { annualReportTitle } from "./views/annual-report-document.tsx";
import { isBuilding, StaffReportsPage, type DocumentStatus } from "./views/staff-reports-page.tsx";
import { AnnualReportPage, annualReportPath, PlanDocumentPage } from "./views/web-pages.tsx";

export type ReportsDeps = {
  db: Database;
  plans: PlanCache;
  config: { trustProxy?: boolean };
  /** The background runner of this process, woken when a build is queued (absent: it is found at its next poll). */
  jobs?: { wake(): void };
};

const LG = "/:lgCode{[0-9]{6}}";
const YEAR = ":fiscalYear{[0-9]{4}}";
const REPORTS = `${LG}/staff/reports`;
const READERS: readonly Role[] = ["secretariat", "cio", "committee_member"];
const BUILDERS: readonly Role[] = ["secretariat"];

const NOTICES: Record<string, string> = {
  queued: "作成を受け付けました。完成までこのページで状況を確認できます。",
  waiting: "同じ文書の作成が既に受け付けられています。完成までお待ちください。",
};

function pdfResponse(c: Context, pdf: Uint8Array, filename: string, privateCopy: boolean) {
  return c.body(new Uint8Array(pdf).buffer as ArrayBuffer, 200, {
    "Content-Type": "application/pdf",
    "Content-Disposition": `inline; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    "Cache-Control": privateCopy ? "no-store" : "public, max-age=300",
  });
}

/** 404 「準備中」: the PDF is not built yet (a build has been queued). Never cached. */
function notReady(c: Context, detail: string): never {
  c.header("Retry-After", "60");
  c.header("Cache-Control", "no-store");
  throw new HttpError(404, "PDF版は準備中です", detail);
}

export function reportRoutes(deps: ReportsDeps): Hono<StaffEnv> {
  const r = new Hono<StaffEnv>();
  const { db } = deps;

  const currentPlan = async (c: Context): Promise<Plan> => {
    const plan = (await deps.plans.current(c.req.param("lgCode")!))?.plan;
    if (!plan) throw notFound("この全国地方公共団体コードの計画は公開されていません。");
    return plan;
  };

  /** Serves the kept PDF if it shows the current content; otherwise queues a build and answers 「準備中」. */
  const servePublicPdf = async (c: Context, plan: Plan, ref: DocumentRef, digest: string, filename: string) => {
    const build = await findBuildPdf(db, plan.municipality.id, ref);
    if (build && build.contentDigest === digest) return pdfResponse(c, build.pdf, filename, false);
    // Queuing is cheap and the key keeps it to one build per document; the build itself runs in the background.
    await queueDocumentBuild(db, plan.municipality.id, ref, "公開ページからの自動作成（内容の更新）");
    deps.jobs?.wake();
    notReady(c, "PDF版を作成しています。しばらくしてから、もう一度お試しください。同じ内容はウェブページでもご覧になれます。");
  };

  // ------------------------------------------------------------- public
  r.get(`${LG}/results/${YEAR}/report`, async (c) => {
    const plan = await currentPlan(c);
    const report = await loadPublishedReport(db, plan, Number(c.req.param("fiscalYear")));
    if (!report) throw notFound("この年度の評価結果は公表されていません。");
    return c.html(<AnnualReportPage plan={plan} report={report} />);
  });

  r.get(`${LG}/results/${YEAR}/report.pdf`, async (c) => {
    const plan = await currentPlan(c);
    const fiscalYear = Number(c.req.param("fiscalYear"));
    const report = await loadPublishedReport(db, plan, fiscalYear);
    if (!report) throw notFound("この年度の評価結果は公表されていません。");
    return servePublicPdf(c, plan, annualReportRef(plan.id, fiscalYear, false), documentDigest(report), `${annualReportTitle(report)}.pdf`);
  });

  r.get(`${LG}/plan-document`, async (c) => {
    const plan = await currentPlan(c);
    return c.html(<PlanDocumentPage plan={plan} doc={loadPlanDocument(plan)} />);
  });

  r.get(`${LG}/plan.pdf`, async (c) => {
    const plan = await currentPlan(c);
    return servePublicPdf(c, plan, planDocumentRef(plan.id), documentDigest(loadPlanDocument(plan)), `${plan.title}.pdf`);
  });

  // ------------------------------------------------------------- staff
  const documentsOf = async (plan: Plan, municipalityId: number): Promise<DocumentStatus[]> => {
    const base = staffBase(plan.municipality);
    const cycleYears = (await listCycles(db, municipalityId)).filter((cy) => cy.planId === plan.id).map((cy) => cy.fiscalYear);
    const published = new Set(await listPublishedYears(db, plan.id));
    const years = [...new Set([...cycleYears, ...published])].sort((a, b) => b - a);
    const refs: { ref: DocumentRef; title: string; href: string }[] = [
      { ref: planDocumentRef(plan.id), title: "計画書", href: `/${plan.municipality.lgCode}/plan.pdf` },
      ...years.flatMap((y) => [
        { ref: annualReportRef(plan.id, y, true), title: `${warekiFiscalYear(y)} 取組状況報告書（案）`, href: `${base}/reports/${y}/draft.pdf` },
        { ref: annualReportRef(plan.id, y, false), title: `${warekiFiscalYear(y)} 取組状況報告書（公表版）`, href: `${annualReportPath(plan.municipality.lgCode, y)}.pdf` },
      ]),
    ];
    const jobs = await latestJobsByKey(db, municipalityId, DOCUMENT_BUILD_JOB, refs.map((x) => documentKey(x.ref)));
    return Promise.all(
      refs.map(async ({ ref, title, href }): Promise<DocumentStatus> => {
        const content = await loadDocumentContent(db, plan, ref);
        const build = await findBuild(db, municipalityId, ref);
        const unavailable = "missing" in content ? content.missing : null;
        return {
          ref,
          title,
          unavailable,
          build,
          current: !!build && !unavailable && build.contentDigest === documentDigest(content as Exclude<typeof content, { missing: string }>),
          job: jobs.get(documentKey(ref)),
          // Staff open the kept draft directly; the published PDF's public address serves only a current build.
          downloadHref: href,
        };
      }),
    );
  };

  r.get(REPORTS, async (c) => {
    const signedIn = requireUser(c, { roles: READERS });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const plan = await currentPlan(c);
    const documents = await documentsOf(plan, municipality.id);
    const autoRefresh = c.req.query("refresh") !== "off";
    if (autoRefresh && documents.some(isBuilding)) c.header("Refresh", "5");
    return c.html(
      <StaffReportsPage
        municipality={municipality}
        staff={{ user: signedIn.user, csrfToken: signedIn.csrfToken }}
        canBuild={signedIn.user.roles.includes("secretariat")}
        documents={documents}
        autoRefresh={autoRefresh}
        notice={NOTICES[c.req.query("notice") ?? ""]}
        selfHref={`${staffBase(municipality)}/reports`}
      />,
    );
  });

  r.post(`${REPORTS}/build`, async (c) => {
    const signedIn = requireUser(c, { roles: BUILDERS });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const form = await readForm(c);
    const kind = oneValue(form, "document");
    const yearText = oneValue(form, "fiscalYear") ?? "";
    const draft = oneValue(form, "draft");
    if (kind !== "plan_document" && kind !== "annual_report") throw badRequest("作成する文書（計画書または取組状況報告書）を指定してください。");
    if (kind === "annual_report" && !/^\d{4}$/.test(yearText)) throw badRequest("取組状況報告書の年度を西暦4桁で指定してください。");
    if (kind === "annual_report" && draft !== "0" && draft !== "1") throw badRequest("案か公表版かを指定してください。");
    const plan = await currentPlan(c);
    const ref = kind === "plan_document" ? planDocumentRef(plan.id) : annualReportRef(plan.id, Number(yearText), draft === "1");
    const content = await loadDocumentContent(db, plan, ref);
    if ("missing" in content) throw badRequest(`この文書は作成できません: ${content.missing}。`);
    const queued = await requestDocumentBuild(
      db,
      { municipalityId: municipality.id, actor: userActor(signedIn.user), ip: clientIp(c, deps.config.trustProxy) },
      ref,
    );
    deps.jobs?.wake();
    return c.redirect(`${staffBase(municipality)}/reports?notice=${queued.added ? "queued" : "waiting"}`, 303);
  });

  r.get(`${REPORTS}/${YEAR}/draft.pdf`, async (c) => {
    const signedIn = requireUser(c, { roles: READERS });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const plan = await currentPlan(c);
    const fiscalYear = Number(c.req.param("fiscalYear"));
    const ref = annualReportRef(plan.id, fiscalYear, true);
    const build = await findBuildPdf(db, municipality.id, ref);
    if (!build) throw notFound("この年度の報告書（案）はまだ作成されていません。");
    return pdfResponse(c, build.pdf, `${plan.title} ${warekiFiscalYear(fiscalYear)}取組状況報告書（案）.pdf`, true);
  });

  return r;
}
