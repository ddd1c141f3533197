/**
 * /:lgCode/staff/surveys/:survey/paper …: keying paper questionnaires
 * (secretariat). The code first (POST → the code's entry screen), then the
 * answers; with double entry, the second person's entry is compared and the
 * disagreements resolved on /paper/:code/resolve.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { oneValue, readForm, type FieldError, type FormValues } from "../../../core/http/form.ts";
import { badRequest, notFound } from "../../../core/http/http-error.ts";
import { requireUser, staffState, type SignedIn, type StaffEnv } from "../../accounts/staff-area.ts";
import { allQuestions } from "../domain/definition.ts";
import { changeDoubleEntry } from "./commands/manage-survey.ts";
import { keyPaperEntry, resolvePaperEntry } from "./commands/responses.ts";
import { CODE_READING_MESSAGES, readCode } from "./domain/answer-code.ts";
import { answerProblems, disagreements, fromRows } from "./domain/answers.ts";
import { paperInputId, readPaperEntry } from "./domain/paper-entry.ts";
import { findCodeHolder, paperEntriesOf, paperStatuses, responsesOfMember, type CodeHolder } from "./repository/response-queries.ts";
import { latestDefinition, type SurveyRecord } from "./repository/survey-queries.ts";
import { auditContext, staffOf, SURVEY, surveyOf, WRITERS, type FieldworkDeps } from "./route-support.ts";
import { PAPER_CODE_ID, PaperEntryPage, PaperHomePage, PaperResolvePage } from "./views/paper-pages.tsx";
import { surveyPath } from "./views/paths.ts";

const CODE = ":code{[0-9A-HJKMNP-TV-Y]{12}}";

const NOTICES: Record<string, string> = {
  recorded: "入力を確定しました。次の調査票のコードを入力してください。",
  first_entry: "1回目の入力を保存しました。2回目は別の人が入力してください。",
  matched: "2回の入力が一致したので確定しました。",
  resolved: "食い違いを調査票と照合して確定しました。",
  double_on: "二重入力にしました。",
  double_off: "一人入力にしました。",
};

function typedValues(form: FormValues): Record<string, string> {
  return Object.fromEntries(Object.entries(form).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
}

export function paperRoutes({ db, config }: FieldworkDeps): Hono<StaffEnv> {
  const r = new Hono<StaffEnv>();
  const base = (c: Context, survey: SurveyRecord) => `${surveyPath(staffState(c).municipality, survey.code)}/paper`;

  const home = async (c: Context, signedIn: SignedIn, survey: SurveyRecord, extra: { errors?: FieldError[]; code?: string; notice?: string } = {}) =>
    c.html(
      <PaperHomePage municipality={staffState(c).municipality} staff={staffOf(signedIn)} survey={survey} statuses={await paperStatuses(db, survey.id)} {...extra} />,
      extra.errors?.length ? 400 : 200,
    );

  /** The code's member in this survey, its questionnaire, and whether it can still be keyed. */
  const loadCode = async (c: Context, survey: SurveyRecord) => {
    const holder = await findCodeHolder(db, c.req.param("code")!);
    if (!holder || holder.surveyId !== survey.id) throw notFound("この調査の回答用コードではありません。");
    const definition = await latestDefinition(db, survey.id);
    if (!definition || survey.state === "draft") throw badRequest("紙の調査票は、実査を始めてから入力できます。");
    return { holder, definition };
  };

  r.get(`${SURVEY}/paper`, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const survey = await surveyOf(db, c);
    return home(c, signedIn, survey, { notice: NOTICES[c.req.query("done") ?? ""] });
  });

  r.post(`${SURVEY}/paper`, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const form = await readForm(c);
    const survey = await surveyOf(db, c);
    const typed = oneValue(form, "code") ?? "";
    const reading = readCode(typed);
    if (!reading.ok) return home(c, signedIn, survey, { code: typed, errors: [{ field: PAPER_CODE_ID, message: CODE_READING_MESSAGES[reading.reason] }] });
    const holder = await findCodeHolder(db, reading.code);
    if (!holder || holder.surveyId !== survey.id) return home(c, signedIn, survey, { code: typed, errors: [{ field: PAPER_CODE_ID, message: "この調査の回答用コードではありません。調査票のコードをご確認ください" }] });
    if ((await responsesOfMember(db, holder.memberId)).some((x) => x.channel === "paper")) {
      return home(c, signedIn, survey, { code: typed, errors: [{ field: PAPER_CODE_ID, message: "このコードの調査票は入力済みです（確定）" }] });
    }
    const entries = await paperEntriesOf(db, holder.memberId);
    return c.redirect(`${base(c, survey)}/${holder.code}${entries.length >= 2 ? "/resolve" : ""}`, 303);
  });

  r.post(`${SURVEY}/paper/double-entry`, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const on = oneValue(await readForm(c), "on") === "on";
    const survey = await surveyOf(db, c);
    await changeDoubleEntry(db, auditContext(c, signedIn, config.trustProxy), survey.id, on);
    return c.redirect(`${base(c, survey)}?done=${on ? "double_on" : "double_off"}`, 303);
  });

  const entryPage = async (c: Context, signedIn: SignedIn, survey: SurveyRecord, holder: CodeHolder, questions: ReturnType<typeof allQuestions>, values: Record<string, string>, errors?: FieldError[]) => {
    const entries = await paperEntriesOf(db, holder.memberId);
    const responses = await responsesOfMember(db, holder.memberId);
    return c.html(
      <PaperEntryPage
        municipality={staffState(c).municipality}
        staff={staffOf(signedIn)}
        survey={survey}
        code={holder.code}
        entryNo={survey.doubleEntry && entries.length === 1 ? 2 : 1}
        questions={questions}
        values={values}
        alsoOnline={responses.some((x) => x.channel === "online" && x.state === "submitted")}
        errors={errors}
      />,
      errors?.length ? 400 : 200,
    );
  };

  r.get(`${SURVEY}/paper/${CODE}`, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const survey = await surveyOf(db, c);
    const { holder, definition } = await loadCode(c, survey);
    return entryPage(c, signedIn, survey, holder, allQuestions(definition.definition), {});
  });

  r.post(`${SURVEY}/paper/${CODE}`, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const form = await readForm(c);
    const survey = await surveyOf(db, c);
    const { holder, definition } = await loadCode(c, survey);
    const questions = allQuestions(definition.definition);
    const read = readPaperEntry(definition.definition, form);
    const problems = [
      ...read.problems.map((p) => ({ field: p.field, message: p.message })),
      ...answerProblems(definition.definition, read.answers).map((p) => ({ field: paperInputId({ code: p.questionCode }), message: p.message })),
    ];
    if (problems.length > 0) return entryPage(c, signedIn, survey, holder, questions, typedValues(form), problems);
    const result = await keyPaperEntry(db, auditContext(c, signedIn, config.trustProxy), {
      holder,
      definition: definition.definition,
      version: definition.version,
      doubleEntry: survey.doubleEntry,
      answers: read.answers,
    });
    if (!result.ok) return home(c, signedIn, survey, { errors: [{ field: PAPER_CODE_ID, message: result.message }] });
    if (result.outcome === "disagree") return c.redirect(`${base(c, survey)}/${holder.code}/resolve`, 303);
    return c.redirect(`${base(c, survey)}?done=${result.outcome}`, 303);
  });

  const resolvePage = async (c: Context, signedIn: SignedIn, survey: SurveyRecord, holder: CodeHolder, values: Record<string, string>, errors?: FieldError[]) => {
    const definition = (await latestDefinition(db, survey.id))!;
    const entries = await paperEntriesOf(db, holder.memberId);
    if (entries.length < 2) throw badRequest("2回の入力がそろっていません。");
    const first = fromRows(entries[0]!.answers);
    const second = fromRows(entries[1]!.answers);
    const items = disagreements(definition.definition, first, second).map((q) => ({
      q,
      first: first.get(q.code),
      second: second.get(q.code),
      firstBy: entries[0]!.enteredByName,
      secondBy: entries[1]!.enteredByName,
    }));
    return c.html(
      <PaperResolvePage municipality={staffState(c).municipality} staff={staffOf(signedIn)} survey={survey} code={holder.code} items={items} values={values} errors={errors} />,
      errors?.length ? 400 : 200,
    );
  };

  r.get(`${SURVEY}/paper/${CODE}/resolve`, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const survey = await surveyOf(db, c);
    const { holder } = await loadCode(c, survey);
    return resolvePage(c, signedIn, survey, holder, {});
  });

  r.post(`${SURVEY}/paper/${CODE}/resolve`, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const form = await readForm(c);
    const survey = await surveyOf(db, c);
    const { holder, definition } = await loadCode(c, survey);
    const entries = await paperEntriesOf(db, holder.memberId);
    if (entries.length < 2) throw badRequest("2回の入力がそろっていません。");
    const differ = disagreements(definition.definition, fromRows(entries[0]!.answers), fromRows(entries[1]!.answers));
    // Only the disagreeing questions are on the form: read them as a questionnaire of their own.
    const partial = { sections: [{ code: "resolve", title: "resolve", questions: differ }] } as typeof definition.definition;
    const read = readPaperEntry(partial, form);
    const problems = [
      ...read.problems.map((p) => ({ field: p.field, message: p.message })),
      ...answerProblems(partial, read.answers).map((p) => ({ field: paperInputId({ code: p.questionCode }), message: p.message })),
    ];
    if (problems.length > 0) return resolvePage(c, signedIn, survey, holder, typedValues(form), problems);
    const result = await resolvePaperEntry(db, auditContext(c, signedIn, config.trustProxy), { holder, definition: definition.definition, version: definition.version, resolved: read.answers });
    if (!result.ok) return home(c, signedIn, survey, { errors: [{ field: PAPER_CODE_ID, message: result.message }] });
    return c.redirect(`${base(c, survey)}?done=resolved`, 303);
  });

  return r;
}

