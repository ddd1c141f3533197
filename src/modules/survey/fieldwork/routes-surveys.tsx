/**
 * /:lgCode/staff/surveys …: the list, create and copy, a survey's page
 * (state, 回収率, duplicates), moving it on, and destroying the identity link.
 * authenticate → validate → load → authorise → command → redirect or render.
 */
import { Hono } from "hono";
import { z } from "zod";
import { fieldErrors, oneValue, readForm } from "../../../core/http/form.ts";
import { badRequest, notFound } from "../../../core/http/http-error.ts";
import { requireUser, staffState, type StaffEnv } from "../../accounts/staff-area.ts";
import { advanceSurvey, copySurvey, createSurvey, editSurveyDetails } from "./commands/manage-survey.ts";
import { destroySampleIdentities } from "./commands/sample.ts";
import { formatCode } from "./domain/answer-code.ts";
import { responseRates } from "./domain/response-rate.ts";
import { RESERVED_CODE_MESSAGE, isReservedSurveyCode } from "../domain/reserved-codes.ts";
import { readSurveyDetails } from "./domain/survey-details.ts";
import { resolveDuplicate } from "./commands/responses.ts";
import { countResponses, duplicateCodes } from "./repository/response-queries.ts";
import { countIdentities, countMembers, stratumCounts } from "./repository/sample-queries.ts";
import { findSurvey, latestDefinition, listSurveys, type SurveyRecord } from "./repository/survey-queries.ts";
import { auditContext, canWrite, READERS, staffOf, SURVEY, SURVEYS, surveyOf, WRITERS, type FieldworkDeps } from "./route-support.ts";
import { surveyPath } from "./views/paths.ts";
import { SURVEY_FIELDS, SurveyListPage } from "./views/survey-list-page.tsx";
import { DetailsPage } from "./views/details-page.tsx";
import { DESTROY_FIELD, SurveyPage } from "./views/survey-page.tsx";

const surveyForm = z.object({
  title: z.string().trim().min(1, "調査名を入力してください").max(200, "調査名は200文字以内にしてください"),
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "コードは半角英小文字・数字・ハイフンで2〜63文字にしてください（先頭は英数字）")
    .refine((code) => !isReservedSurveyCode(code), { message: RESERVED_CODE_MESSAGE }),
});

const NOTICES: Record<string, string> = {
  created: "調査を作りました。調査票を作成してください。",
  copied: "前回の調査から複製しました。調査票は第1版として引き継いでいます。",
  fieldwork: "実査を始めました。調査票は確定し、回答用コードで回答を受け付けています。",
  closed: "実査を終えました。回答の受付を止めました。",
  destroyed: "対応表を消去しました。回答と回収率は残っています。",
  duplicate: "集計に使う回答を決めました。もう一方の回答は残したまま集計から外しました。",
  details: "調査の概要を保存しました。依頼状を作ってあれば、作り直してください。",
};

export function surveyRoutes({ db, config }: FieldworkDeps): Hono<StaffEnv> {
  const r = new Hono<StaffEnv>();

  const overview = async (survey: SurveyRecord) => {
    const definition = await latestDefinition(db, survey.id);
    return {
      survey,
      version: definition?.version ?? null,
      members: await countMembers(db, survey.id),
      identities: await countIdentities(db, survey.id),
      rates: responseRates(definition?.definition, await stratumCounts(db, survey.id)),
      duplicates: await duplicateCodes(db, survey.id),
      responses: await countResponses(db, survey.id),
    };
  };

  r.get(SURVEYS, async (c) => {
    const signedIn = requireUser(c, { roles: READERS });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    return c.html(<SurveyListPage municipality={municipality} staff={staffOf(signedIn)} surveys={await listSurveys(db, municipality.id)} canWrite={canWrite(signedIn)} />);
  });

  r.post(SURVEYS, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const form = await readForm(c);
    const kind = oneValue(form, "kind") === "copy" ? "copy" : "create";
    const typed = { kind, code: oneValue(form, "code"), title: oneValue(form, "title"), from: oneValue(form, "from") } as const;
    const surveys = await listSurveys(db, municipality.id);
    const page = (errors: { field: string; message: string }[]) =>
      c.html(<SurveyListPage municipality={municipality} staff={staffOf(signedIn)} surveys={surveys} canWrite errors={errors} form={typed} />, 400);
    const ids = { title: `${SURVEY_FIELDS.title}-${kind}`, code: `${SURVEY_FIELDS.code}-${kind}` };
    const parsed = surveyForm.safeParse(form);
    if (!parsed.success) return page(fieldErrors(parsed.error, ids));
    const fields = { ...parsed.data, purpose: null, population: null, method: null, periodStart: null, periodEnd: null };
    const context = auditContext(c, signedIn, config.trustProxy);
    let result;
    if (kind === "copy") {
      const source = await findSurvey(db, municipality.id, typed.from ?? "");
      if (!source) return page([{ field: SURVEY_FIELDS.from, message: "複製元の調査を選んでください" }]);
      result = await copySurvey(db, context, { fromSurveyId: source.id, fields });
    } else {
      result = await createSurvey(db, context, fields);
    }
    if (!result.ok) return page([{ field: ids.code, message: result.message }]);
    return c.redirect(`${surveyPath(municipality, parsed.data.code)}?done=${kind === "copy" ? "copied" : "created"}`, 303);
  });

  r.get(SURVEY, async (c) => {
    const signedIn = requireUser(c, { roles: READERS });
    if (signedIn instanceof Response) return signedIn;
    const survey = await surveyOf(db, c);
    return c.html(
      <SurveyPage municipality={staffState(c).municipality} staff={staffOf(signedIn)} overview={await overview(survey)} canWrite={canWrite(signedIn)} notice={NOTICES[c.req.query("done") ?? ""]} />,
    );
  });

  r.get(`${SURVEY}/details`, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const survey = await surveyOf(db, c);
    return c.html(<DetailsPage municipality={staffState(c).municipality} staff={staffOf(signedIn)} survey={survey} />);
  });

  r.post(`${SURVEY}/details`, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const form = await readForm(c);
    const survey = await surveyOf(db, c);
    const { municipality } = staffState(c);
    const typed = Object.fromEntries(["purpose", "population", "periodStart", "periodEnd", "answerDeadline", "contact"].map((k) => [k, oneValue(form, k) ?? ""]));
    const refuse = (errors: { field: string; message: string }[]) =>
      c.html(<DetailsPage municipality={municipality} staff={staffOf(signedIn)} survey={survey} typed={typed} errors={errors} />, 400);
    const read = readSurveyDetails(form);
    if (!read.ok) return refuse(read.errors);
    const result = await editSurveyDetails(db, auditContext(c, signedIn, config.trustProxy), survey.id, read.details);
    if (!result.ok) return refuse([{ field: "detail-purpose", message: result.message }]);
    return c.redirect(`${surveyPath(municipality, survey.code)}?done=details`, 303);
  });

  r.post(`${SURVEY}/advance`, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const survey = await surveyOf(db, c);
    const result = await advanceSurvey(db, auditContext(c, signedIn, config.trustProxy), survey.id);
    if (!result.ok) throw badRequest(result.message);
    return c.redirect(`${surveyPath(staffState(c).municipality, survey.code)}?done=${result.state}`, 303);
  });

  r.post(`${SURVEY}/duplicates/:code{[0-9A-HJKMNP-TV-Y]{12}}`, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const keep = oneValue(await readForm(c), "keep");
    const survey = await surveyOf(db, c);
    const { municipality } = staffState(c);
    const duplicate = (await duplicateCodes(db, survey.id)).find((d) => d.code === c.req.param("code"));
    if (!duplicate) throw notFound("この調査で、インターネットと紙の両方で回答されたコードではありません。");
    const refuse = async (message: string) =>
      c.html(<SurveyPage municipality={municipality} staff={staffOf(signedIn)} overview={await overview(survey)} canWrite errors={[{ field: `keep-${duplicate.code}-online`, message }]} />, 400);
    if (keep !== "online" && keep !== "paper") return refuse(`${formatCode(duplicate.code)}: 集計に使う回答（インターネットか紙か）を選んでください`);
    const result = await resolveDuplicate(db, auditContext(c, signedIn, config.trustProxy), { surveyId: survey.id, memberId: duplicate.memberId, keep });
    if (!result.ok) return refuse(`${formatCode(duplicate.code)}: ${result.message}`);
    return c.redirect(`${surveyPath(municipality, survey.code)}?done=duplicate`, 303);
  });

  r.post(`${SURVEY}/destroy-link`, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const form = await readForm(c);
    const survey = await surveyOf(db, c);
    const { municipality } = staffState(c);
    const typed = (oneValue(form, "confirm") ?? "").trim();
    const refuse = async (message: string) =>
      c.html(<SurveyPage municipality={municipality} staff={staffOf(signedIn)} overview={await overview(survey)} canWrite errors={[{ field: DESTROY_FIELD, message }]} />, 400);
    if (typed !== survey.code) return refuse(`確認のため、調査のコード「${survey.code}」をそのまま入力してください`);
    const result = await destroySampleIdentities(db, auditContext(c, signedIn, config.trustProxy), survey.id);
    if (!result.ok) return refuse(result.message);
    return c.redirect(`${surveyPath(municipality, survey.code)}?done=destroyed`, 303);
  });

  return r;
}
