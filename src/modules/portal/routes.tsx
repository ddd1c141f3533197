/**
 * The public portal: read-only pages of a municipality's current plan.
 * Handlers are thin: validate the path or query → load the plan → render.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { badRequest, notFound } from "../../core/http/http-error.ts";
import { filterInitiatives, parseInitiativeFilter } from "../plan/domain/initiative-filter.ts";
import { listMunicipalities } from "../tenancy/repository/municipality-queries.ts";
import type { Database } from "../../core/db/database.ts";
import type { Plan } from "../plan/plan.ts";
import { loadEvidenceForInitiative } from "../survey/evidence/repository/evidence-queries.ts";
import { publishedPolicyYears, publishedResultsOf, publishedYearsOf } from "../cycle/published-results.ts";
import { ChangeHistory } from "../plan/revisions/change-history.ts";
import { parseCompareQuery } from "./compare-query.ts";
import type { PlanCache } from "../plan/plan-cache.ts";
import { ChangeHistoryPage, CompareRevisionsPage, RevisionChangesPage } from "./views/change-pages.tsx";
import { divisionOptions } from "../plan/domain/division-options.ts";
import { InitiativeListPage, InitiativePage } from "./views/initiative-pages.tsx";
import { MunicipalitiesPage, NoPlanPage, PolicyPage, TopPage } from "./views/overview-pages.tsx";
import { EvaluationHistoryPage } from "./views/evaluation-history-page.tsx";
import { CoveragePage, DivisionPage, DivisionsPage, GlossaryPage, summariseDivisions } from "./views/reference-pages.tsx";

export type PortalDeps = { db: Database; plans: PlanCache };

const LG = "/:lgCode{[0-9]{6}}";
const NUMBER = "{[0-9]{1,6}}";

export function portalRoutes({ db, plans }: PortalDeps): Hono {
  const r = new Hono();
  const history = new ChangeHistory(db);

  /** The municipality's current plan, or a 404 / "no plan yet" page. */
  const loadPlan = async (c: Context): Promise<Plan | Response> => {
    const found = await plans.current(c.req.param("lgCode")!);
    if (!found) throw notFound("この全国地方公共団体コードの計画は公開されていません。");
    if (!found.plan) return c.html(<NoPlanPage municipality={found.municipality} />, 404);
    return found.plan;
  };

  r.get("/", async (c) => {
    const municipalities = await listMunicipalities(db);
    if (municipalities.length === 1) return c.redirect(`/${municipalities[0]!.lgCode}`);
    return c.html(<MunicipalitiesPage municipalities={municipalities} />);
  });

  r.get(LG, async (c) => {
    const plan = await loadPlan(c);
    if (plan instanceof Response) return plan;
    return c.html(<TopPage plan={plan} results={await publishedYearsOf(db, plan)} />); // published results (cycle module)
  });

  r.get(`${LG}/policies/:number${NUMBER}`, async (c) => {
    const plan = await loadPlan(c);
    if (plan instanceof Response) return plan;
    const number = Number(c.req.param("number"));
    if (!plan.policies.some((p) => p.number === number)) throw notFound(`取組方針 ${number} はこの計画にありません。`);
    return c.html(<PolicyPage plan={plan} policyNumber={number} results={await publishedPolicyYears(db, plan, number)} />);
  });

  r.get(`${LG}/initiatives`, async (c) => {
    const plan = await loadPlan(c);
    if (plan instanceof Response) return plan;
    const parsed = parseInitiativeFilter(c.req.queries() as Record<string, string[]>, plan);
    if (!parsed.ok) throw badRequest(parsed.errors.join("。") + "。");
    const results = filterInitiatives(plan.initiatives, parsed.filter);
    return c.html(
      <InitiativeListPage plan={plan} filter={parsed.filter} results={results} divisions={divisionOptions(plan)} />,
    );
  });

  r.get(`${LG}/initiatives/:number${NUMBER}`, async (c) => {
    const plan = await loadPlan(c);
    if (plan instanceof Response) return plan;
    const number = Number(c.req.param("number"));
    const initiative = plan.initiatives.find((i) => i.number === number);
    if (!initiative) throw notFound(`取組項目 ${number} はこの計画にありません。`);
    const results = await publishedResultsOf(db, plan, initiative); // the PDCA cycle's published results (cycle module)
    const surveys = await loadEvidenceForInitiative(db, plan.id, number); // the survey findings it answers (survey module)
    return c.html(<InitiativePage plan={plan} initiative={initiative} results={results} surveys={surveys} />);
  });

  r.get(`${LG}/divisions`, async (c) => {
    const plan = await loadPlan(c);
    if (plan instanceof Response) return plan;
    return c.html(<DivisionsPage plan={plan} />);
  });

  r.get(`${LG}/divisions/:id${NUMBER}`, async (c) => {
    const plan = await loadPlan(c);
    if (plan instanceof Response) return plan;
    const id = Number(c.req.param("id"));
    const division = summariseDivisions(plan).divisions.find((d) => d.id === id);
    if (!division) throw notFound("この担当課はこの計画の担当に含まれていません。");
    return c.html(<DivisionPage plan={plan} division={division} />);
  });

  r.get(`${LG}/coverage`, async (c) => {
    const plan = await loadPlan(c);
    if (plan instanceof Response) return plan;
    return c.html(<CoveragePage plan={plan} />);
  });

  r.get(`${LG}/glossary`, async (c) => {
    const plan = await loadPlan(c);
    if (plan instanceof Response) return plan;
    return c.html(<GlossaryPage plan={plan} />);
  });

  r.get(`${LG}/evaluation-history`, async (c) => {
    const plan = await loadPlan(c);
    if (plan instanceof Response) return plan;
    return c.html(<EvaluationHistoryPage plan={plan} published={await publishedYearsOf(db, plan)} />);
  });

  // 変更履歴: published revisions of the current plan only, found through the municipality.
  r.get(`${LG}/changes`, async (c) => {
    const plan = await loadPlan(c);
    if (plan instanceof Response) return plan;
    return c.html(<ChangeHistoryPage plan={plan} entries={await history.list(plan.id)} />);
  });

  r.get(`${LG}/changes/compare`, async (c) => {
    const plan = await loadPlan(c);
    if (plan instanceof Response) return plan;
    const revisions = await history.revisions(plan.id);
    const parsed = parseCompareQuery(c.req.queries(), revisions);
    if (!parsed.ok) throw badRequest(parsed.errors.join("。") + "。");
    const { comparison } = parsed;
    const changes = comparison && (await history.changes(plan.id, comparison.from, comparison.to));
    return c.html(
      <CompareRevisionsPage plan={plan} revisions={revisions} comparison={comparison && { ...comparison, changes: changes! }} />,
    );
  });

  r.get(`${LG}/changes/:number${NUMBER}`, async (c) => {
    const plan = await loadPlan(c);
    if (plan instanceof Response) return plan;
    const number = Number(c.req.param("number"));
    const revisions = await history.revisions(plan.id);
    const index = revisions.findIndex((rev) => rev.number === number);
    if (index < 0) throw notFound(`第${number}版はこの計画の公開された版にありません。`);
    const revision = revisions[index]!;
    const previous = revisions[index - 1];
    const changes = previous ? await history.changes(plan.id, previous, revision) : [];
    return c.html(<RevisionChangesPage plan={plan} revision={revision} previous={previous} changes={changes} />);
  });

  return r;
}
