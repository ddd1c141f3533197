/**
 * The public survey pages: /{lg}/surveys and /{lg}/surveys/{code}. Thin
 * handlers: validate the path → load the municipality's current plan (its
 * municipality scopes every query) → load → render. And the secretariat's
 * page to confirm the surveys' readings: /{lg}/staff/surveys/readings.
 */
import { Hono, type Context } from "hono";
import type { Database } from "../../../core/db/database.ts";
import { clientIp } from "../../../core/http/client-ip.ts";
import { allValues, readForm } from "../../../core/http/form.ts";
import { badRequest, notFound } from "../../../core/http/http-error.ts";
import { userActor } from "../../accounts/commands/actor.ts";
import { requireUser, staffState, type StaffEnv } from "../../accounts/staff-area.ts";
import { confirmSurveyReadings } from "./commands/confirm-survey-readings.ts";
import { readingValue, surveyReadingsPath, SurveyReadingsPage } from "./views/readings-page.tsx";
import type { Plan } from "../../plan/plan.ts";
import type { PlanCache } from "../../plan/plan-cache.ts";
import { listPublishedSurveys, listSurveyReadings, loadSurveyEvidence } from "./repository/evidence-queries.ts";
import { SurveyListPage, SurveyPage } from "./views/survey-pages.tsx";

const LG = "/:lgCode{[0-9]{6}}";
const CODE = "{[a-z0-9][a-z0-9-]{1,62}}";

const READINGS = "/:lgCode{[0-9]{6}}/staff/surveys/readings";

export function surveyEvidenceRoutes({ db, plans, config }: { db: Database; plans: PlanCache; config: { trustProxy?: boolean } }): Hono<StaffEnv> {
  const r = new Hono<StaffEnv>();

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

  r.get(READINGS, async (c) => {
    const signedIn = requireUser(c, { roles: ["secretariat"] });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const rows = await listSurveyReadings(db, municipality.id);
    const confirmed = Number(c.req.query("confirmed") ?? "");
    const notice = Number.isInteger(confirmed) && confirmed > 0 ? `${confirmed}件の読み取りを確認済みにしました。市民向けページの「確認中」の表示は消えています。` : undefined;
    return c.html(<SurveyReadingsPage municipality={municipality} staff={{ user: signedIn.user, csrfToken: signedIn.csrfToken }} rows={rows} notice={notice} />);
  });

  r.post(`${READINGS}/confirm`, async (c) => {
    const signedIn = requireUser(c, { roles: ["secretariat"] });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const chosen = new Set(allValues(await readForm(c), "reading"));
    if (chosen.size === 0) throw badRequest("確認する読み取りが選ばれていません。一覧から「確認した」を押してください。");
    const readings = (await listSurveyReadings(db, municipality.id)).filter((row) => chosen.has(readingValue(row)));
    if (readings.length !== chosen.size) throw badRequest("確認しようとした読み取りが見つかりません。調査データが読み込み直された可能性があります。一覧を開き直してください。");
    const result = await confirmSurveyReadings(db, { municipalityId: municipality.id, actor: userActor(signedIn.user), ip: clientIp(c, config.trustProxy) }, readings);
    plans.invalidate(municipality.lgCode);
    return c.redirect(`${surveyReadingsPath(municipality)}?confirmed=${result.confirmed}`, 303);
  });

  return r;
}
