/**
 * The secretariat's survey analysis (issue #8 §3): crosstabs with their
 * statistics, CSV/xlsx downloads, the respondent-level import and export,
 * raking weights, and publication. Handlers: authenticate → validate →
 * load (the survey within the URL's municipality, else 404) → command →
 * render or redirect (303) with a notice.
 */
import { Hono, type Context } from "hono";
import type { Config } from "../../../config.ts";
import type { AuditContext } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import { clientIp } from "../../../core/http/client-ip.ts";
import { readForm, oneValue } from "../../../core/http/form.ts";
import { notFound } from "../../../core/http/http-error.ts";
import { userActor } from "../../accounts/commands/actor.ts";
import type { Role } from "../../tenancy/roles.ts";
import { requireUser, staffState, type SignedIn, type StaffEnv } from "../../accounts/staff-area.ts";
import { choiceQuery, readAnalysisChoice, type AnalysisChoice } from "./analysis-form.ts";
import { importRespondents } from "./commands/import-respondents.ts";
import { recordRespondentExport } from "./commands/record-export.ts";
import { publishCrosstab } from "./commands/publish-crosstab.ts";
import { clearRakingWeights, setRakingWeights } from "./commands/set-weights.ts";
import { buildCrosstab } from "./domain/crosstab.ts";
import { codebookRows, CODEBOOK_COLUMNS, respondentColumns, rScript, spssSyntax } from "./domain/respondent-export.ts";
import { kishDesignEffect } from "./domain/statistics.ts";
import { crosstabCsv, crosstabXlsx, respondentCsv } from "./downloads.ts";
import { crosstabCounts, findAnalysisSurvey, respondentAnswers, weightSummary, type AnalysisSurvey } from "./repository/analysis-queries.ts";
import { encodeCsv } from "../../../core/tables/csv.ts";
import { AnalysisPage, analysisPath, type AnalysisNotice } from "./views/analysis-page.tsx";
import { IMPORT_FIELD, ImportPage } from "./views/import-page.tsx";
import { WeightsPage } from "./views/weights-page.tsx";
import { rakingQuestions, readRakingMargins } from "./weights-form.ts";

export type SurveyAnalysisDeps = { db: Database; config: Partial<Pick<Config, "trustProxy">> };

const BASE = "/:lgCode{[0-9]{6}}/staff/surveys/:code{[a-z0-9][a-z0-9-]{1,62}}/analysis";
/** The secretariat runs the survey and decides what is published. */
export const ANALYSIS_ROLES: readonly Role[] = ["secretariat"];
const NOTICES: readonly AnalysisNotice[] = ["published", "imported", "weighted", "unweighted"];

export function surveyAnalysisRoutes({ db, config }: SurveyAnalysisDeps): Hono<StaffEnv> {
  const r = new Hono<StaffEnv>();
  const staff = (s: SignedIn) => ({ user: s.user, csrfToken: s.csrfToken });

  /** The signed-in secretariat and the survey of the URL's municipality (404 for another's). */
  const open = async (c: Context): Promise<{ s: SignedIn; survey: AnalysisSurvey } | Response> => {
    const s = requireUser(c, { roles: ANALYSIS_ROLES });
    if (s instanceof Response) return s;
    const survey = await findAnalysisSurvey(db, staffState(c).municipality.id, c.req.param("code")!);
    if (!survey) throw notFound("この調査は見つかりません。");
    return { s, survey };
  };
  const auditContext = (c: Context, s: SignedIn): AuditContext => ({ municipalityId: staffState(c).municipality.id, actor: userActor(s.user), ip: clientIp(c, config.trustProxy) });
  const queryValues = (c: Context) => ({ question: c.req.query("question"), by: c.req.query("by"), weighted: c.req.query("weighted") });
  const crosstabOf = async (survey: AnalysisSurvey, choice: AnalysisChoice) =>
    buildCrosstab({ ...choice, ...(await crosstabCounts(db, survey.id, choice.question.code, choice.by.code)) });

  const analysisPage = async (c: Context, s: SignedIn, survey: AnalysisSurvey, values: ReturnType<typeof queryValues>, notice?: AnalysisNotice) => {
    const weights = await weightSummary(db, survey.id);
    const read = readAnalysisChoice(survey.definition, values, weights.weighted > 0);
    const common = { municipality: staffState(c).municipality, survey, staff: staff(s), values, weightsSet: weights.weighted > 0, respondents: weights.responses, notice };
    if (!read.ok) return c.html(<AnalysisPage {...common} errors={read.errors} />, 400);
    return c.html(<AnalysisPage {...common} choice={read.choice} crosstab={await crosstabOf(survey, read.choice)} />);
  };

  r.get(BASE, async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    return analysisPage(c, opened.s, opened.survey, queryValues(c), NOTICES.find((n) => n === c.req.query("notice")));
  });

  /** The crosstab of the query as a file; an invalid query shows the page with its errors. */
  const download = (extension: "csv" | "xlsx") => async (c: Context) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    const { s, survey } = opened;
    const weights = await weightSummary(db, survey.id);
    const read = readAnalysisChoice(survey.definition, queryValues(c), weights.weighted > 0);
    if (!read.ok) return analysisPage(c, s, survey, queryValues(c));
    const t = await crosstabOf(survey, read.choice);
    const name = `${staffState(c).municipality.lgCode}_${survey.code}_${read.choice.question.code}_by_${read.choice.by.code}${read.choice.weighted ? "_weighted" : ""}.${extension}`;
    const disposition = { "Content-Disposition": `attachment; filename="${name}"` };
    if (extension === "csv") return c.body(crosstabCsv(t), 200, { "Content-Type": "text/csv; charset=utf-8", ...disposition });
    const bytes = await crosstabXlsx(t, `${survey.title} ${t.question.number} ${t.question.text}`);
    return c.body(new Uint8Array(bytes), 200, { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ...disposition });
  };
  r.get(`${BASE}/crosstab.csv`, download("csv"));
  r.get(`${BASE}/crosstab.xlsx`, download("xlsx"));

  r.post(`${BASE}/publish`, async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    const { s, survey } = opened;
    const form = await readForm(c);
    const values = { question: oneValue(form, "question"), by: oneValue(form, "by"), weighted: oneValue(form, "weighted") };
    const weights = await weightSummary(db, survey.id);
    const read = readAnalysisChoice(survey.definition, values, weights.weighted > 0);
    if (!read.ok) return analysisPage(c, s, survey, values);
    await publishCrosstab(db, auditContext(c, s), survey, await crosstabOf(survey, read.choice));
    return c.redirect(`${analysisPath(staffState(c).municipality, survey.code)}?${choiceQuery(read.choice)}&notice=published`, 303);
  });

  r.get(`${BASE}/import`, async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    return c.html(<ImportPage municipality={staffState(c).municipality} survey={opened.survey} staff={staff(opened.s)} />);
  });

  r.post(`${BASE}/import`, async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    const { s, survey } = opened;
    const body = await c.req.parseBody();
    const file = body["file"];
    const page = (messages: string[], summary: string) =>
      c.html(<ImportPage municipality={staffState(c).municipality} survey={survey} staff={staff(s)} errors={[{ field: IMPORT_FIELD, message: summary }]} messages={messages} />, 400);
    if (!(file instanceof File) || file.size === 0) return page([], "取り込むCSVファイルを選んでください");
    const result = await importRespondents(db, auditContext(c, s), survey, new Uint8Array(await file.arrayBuffer()), file.name);
    if (!result.ok) return page(result.messages, `ファイルに${result.messages.length}件の問題があるため、取り込みませんでした。下の一覧を確かめてください`);
    return c.redirect(`${analysisPath(staffState(c).municipality, survey.code)}?notice=imported`, 303);
  });

  const weightsPage = async (c: Context, s: SignedIn, survey: AnalysisSurvey, values: Record<string, string> = {}, errors: { field: string; message: string }[] = []) => {
    const summary = await weightSummary(db, survey.id);
    const current = { weighted: summary.weighted, responses: summary.responses, designEffect: kishDesignEffect(summary.weights) };
    return c.html(
      <WeightsPage municipality={staffState(c).municipality} survey={survey} staff={staff(s)} questions={rakingQuestions(survey.definition)} values={values} errors={errors} current={current} />,
      errors.length > 0 ? 400 : 200,
    );
  };

  r.get(`${BASE}/weights`, async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    return weightsPage(c, opened.s, opened.survey);
  });

  r.post(`${BASE}/weights`, async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    const { s, survey } = opened;
    const form = await readForm(c);
    const values = Object.fromEntries(Object.entries(form).flatMap(([k, v]) => (typeof v === "string" && k.startsWith("total-") ? [[k, v]] : [])));
    const questions = rakingQuestions(survey.definition);
    if (questions.length === 0) throw notFound();
    const read = readRakingMargins(questions, values);
    if (!read.ok) return weightsPage(c, s, survey, values, read.errors);
    const result = await setRakingWeights(db, auditContext(c, s), survey, read.margins);
    if (!result.ok) return weightsPage(c, s, survey, values, [{ field: `total-${questions[0]!.code}-${questions[0]!.options[0]!.code}`, message: result.message }]);
    return c.redirect(`${analysisPath(staffState(c).municipality, survey.code)}?weighted=1&notice=weighted`, 303);
  });

  r.post(`${BASE}/weights/clear`, async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    await clearRakingWeights(db, auditContext(c, opened.s), opened.survey);
    return c.redirect(`${analysisPath(staffState(c).municipality, opened.survey.code)}?notice=unweighted`, 303);
  });

  const file = (name: string, type: string, make: (survey: AnalysisSurvey, lgCode: string, c: Context, s: SignedIn) => Promise<string> | string) =>
    r.get(`${BASE}/${name}`, async (c) => {
      const opened = await open(c);
      if (opened instanceof Response) return opened;
      const lgCode = staffState(c).municipality.lgCode;
      return c.body(await make(opened.survey, lgCode, c, opened.s), 200, { "Content-Type": type, "Content-Disposition": `attachment; filename="${lgCode}_${opened.survey.code}_${name}"` });
    });
  const dataFile = (survey: AnalysisSurvey, lgCode: string) => `${lgCode}_${survey.code}_respondents.csv`;
  file("respondents.csv", "text/csv; charset=utf-8", async (survey, _lg, c, s) => {
    const answers = await respondentAnswers(db, survey.id);
    await recordRespondentExport(db, auditContext(c, s), survey, new Set(answers.map((a) => a.responseId)).size);
    return respondentCsv(survey.definition, respondentColumns(survey.definition), answers);
  });
  file("codebook.csv", "text/csv; charset=utf-8", (survey) => encodeCsv(CODEBOOK_COLUMNS, codebookRows(survey.definition)));
  file("labels.sps", "text/plain; charset=utf-8", (survey, lg) => spssSyntax(survey.definition, dataFile(survey, lg), survey.title));
  file("labels.R", "text/plain; charset=utf-8", (survey, lg) => rScript(survey.definition, dataFile(survey, lg), survey.title));

  return r;
}
