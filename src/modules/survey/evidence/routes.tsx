/**
 * The public survey pages: /{lg}/surveys and /{lg}/surveys/{code}. Thin
 * handlers: validate the path → load the municipality's current plan (its
 * municipality scopes every query) → load → render.
 */
import { Hono, type Context } from "hono";
import type { Database } from "../../../core/db/database.ts";
import { notFound } from "../../../core/http/http-error.ts";
import type { Plan } from "../../plan/plan.ts";
import type { PlanCache } from "../../portal/plan-cache.ts";
import { listPublishedSurveys, loadSurveyEvidence } from "./repository/evidence-queries.ts";
import { SurveyListPage, SurveyPage } from "./views/survey-pages.tsx";

const LG = "/:lgCode{[0-9]{6}}";
const CODE = "{[a-z0-9][a-z0-9-]{1,62}}";

export function surveyEvidenceRoutes({ db, plans }: { db: Database; plans: PlanCache }): Hono {
  const r = new Hono();

  const loadPlan = async (c: Context): Promise<Plan> => {
    const found = await plans.current(c.req.param("lgCode")!);
    if (!found?.plan) throw notFound("この全国地方公共団体コードの計画は公開されていません。");
    return found.plan;
  };

  r.get(`${LG}/surveys`, async (c) => {
    const plan = await loadPlan(c);
    return c.html(<SurveyListPage plan={plan} surveys={await listPublishedSurveys(db, plan.municipality.id)} />);
  });

  r.get(`${LG}/surveys/:code${CODE}`, async (c) => {
    const plan = await loadPlan(c);
    const survey = await loadSurveyEvidence(db, plan.municipality.id, c.req.param("code"));
    if (!survey || survey.tables.length === 0) throw notFound("この市民アンケートは公表されていません。");
    return c.html(<SurveyPage plan={plan} survey={survey} />);
  });

  return r;
}
