/**
 * /:lgCode/staff/surveys/:survey/definition and /codebook: the structured
 * editor (one question at a time), delete, the whole questionnaire as
 * YAML/JSON, and the codebook. Each save is a new version (saveDefinition).
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { oneValue, readForm, type FieldError, type FormValues } from "../../../core/http/form.ts";
import { requireUser, staffState, type SignedIn, type StaffEnv } from "../../accounts/staff-area.ts";
import { findQuestion, type SurveyDefinition } from "../domain/definition.ts";
import { saveDefinition } from "./commands/manage-survey.ts";
import { definitionToYaml, readDefinitionText } from "./domain/definition-text.ts";
import { applyQuestionEdit, QUESTION_FIELDS, removeQuestion } from "./domain/question-edit.ts";
import { definitionHistory, latestDefinition, type SurveyRecord } from "./repository/survey-queries.ts";
import { auditContext, canWrite, READERS, staffOf, SURVEY, surveyOf, WRITERS, type FieldworkDeps } from "./route-support.ts";
import { CodebookPage } from "./views/codebook-page.tsx";
import { DefinitionPage, TEXT_FIELD_ID } from "./views/definition-page.tsx";
import { surveyPath } from "./views/paths.ts";

export function definitionRoutes({ db, config }: FieldworkDeps): Hono<StaffEnv> {
  const r = new Hono<StaffEnv>();

  const render = async (
    c: Context,
    signedIn: SignedIn,
    survey: SurveyRecord,
    extra: { errors?: FieldError[]; typed?: Record<string, string>; editing?: string; yamlText?: string; notice?: string } = {},
  ) => {
    const current = await latestDefinition(db, survey.id);
    const editing = extra.editing && current ? findQuestion(current.definition, extra.editing) : undefined;
    return c.html(
      <DefinitionPage
        municipality={staffState(c).municipality}
        staff={staffOf(signedIn)}
        survey={survey}
        current={current}
        history={await definitionHistory(db, survey.id)}
        editable={survey.state === "draft" && canWrite(signedIn)}
        editing={editing}
        typed={extra.typed}
        yamlText={extra.yamlText ?? (current ? definitionToYaml(current.definition) : "")}
        errors={extra.errors}
        notice={extra.notice}
      />,
      extra.errors?.length ? 400 : 200,
    );
  };

  r.get(`${SURVEY}/definition`, async (c) => {
    const signedIn = requireUser(c, { roles: READERS });
    if (signedIn instanceof Response) return signedIn;
    const survey = await surveyOf(db, c);
    const saved = Number(c.req.query("saved"));
    return render(c, signedIn, survey, { editing: c.req.query("question"), notice: Number.isInteger(saved) && saved > 0 ? `調査票を第${saved}版として保存しました。` : undefined });
  });

  /** Saves a changed questionnaire as the next version, or shows why not on the same page. */
  const save = async (c: Context, signedIn: SignedIn, survey: SurveyRecord, form: FormValues, definition: SurveyDefinition, onError: (message: string) => Promise<Response>) => {
    const basedOn = oneValue(form, "basedOn") ?? "";
    const result = await saveDefinition(db, auditContext(c, signedIn, config.trustProxy), {
      surveyId: survey.id,
      definition,
      basedOnVersion: basedOn === "" ? null : Number(basedOn),
    });
    if (!result.ok) return onError(result.message);
    return c.redirect(`${surveyPath(staffState(c).municipality, survey.code)}/definition?saved=${result.version}`, 303);
  };

  r.post(`${SURVEY}/definition/question`, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const form = await readForm(c);
    const survey = await surveyOf(db, c);
    const typed = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, Array.isArray(v) ? v.join("\n") : v]));
    const original = oneValue(form, "original") || undefined;
    const current = await latestDefinition(db, survey.id);
    const edit = applyQuestionEdit(current?.definition, form, original);
    if (!edit.ok) return render(c, signedIn, survey, { errors: edit.errors, typed, editing: original });
    return save(c, signedIn, survey, form, edit.definition, (message) => render(c, signedIn, survey, { errors: [{ field: QUESTION_FIELDS.code, message }], typed, editing: original }));
  });

  r.post(`${SURVEY}/definition/delete`, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const form = await readForm(c);
    const survey = await surveyOf(db, c);
    const current = await latestDefinition(db, survey.id);
    const code = oneValue(form, "question") ?? "";
    if (!current || !findQuestion(current.definition, code)) return render(c, signedIn, survey, { errors: [{ field: QUESTION_FIELDS.code, message: "削除する設問が見つかりません。ページを開き直してください" }] });
    const edit = removeQuestion(current.definition, code);
    if (!edit.ok) return render(c, signedIn, survey, { errors: edit.errors.map((e) => ({ ...e, field: QUESTION_FIELDS.code })) });
    return save(c, signedIn, survey, form, edit.definition, (message) => render(c, signedIn, survey, { errors: [{ field: QUESTION_FIELDS.code, message }] }));
  });

  r.post(`${SURVEY}/definition/text`, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const form = await readForm(c);
    const survey = await surveyOf(db, c);
    const text = oneValue(form, "text") ?? "";
    const read = readDefinitionText(text);
    const fail = (messages: string[]) => render(c, signedIn, survey, { yamlText: text, errors: messages.map((message) => ({ field: TEXT_FIELD_ID, message })) });
    if (!read.ok) return fail(read.messages);
    return save(c, signedIn, survey, form, read.definition, (message) => fail([message]));
  });

  r.get(`${SURVEY}/codebook`, async (c) => {
    const signedIn = requireUser(c, { roles: READERS });
    if (signedIn instanceof Response) return signedIn;
    const survey = await surveyOf(db, c);
    const current = await latestDefinition(db, survey.id);
    return c.html(<CodebookPage municipality={staffState(c).municipality} staff={staffOf(signedIn)} survey={survey} version={current?.version} definition={current?.definition} />);
  });

  return r;
}
