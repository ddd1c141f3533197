/**
 * /:lgCode/answer: residents answer without an account (decision 029).
 *   GET  /:lg/answer            the code (pre-filled from the letter's QR code) and the privacy notice
 *   POST /:lg/answer            the code → the form, with any saved answers
 *   POST /:lg/answer/form       action=save keeps the answers; action=submit checks and sends them, once
 *   GET  /:lg/answer/done       thanks
 * Every POST carries the code and is checked again (and throttled per
 * address); nothing is kept in a cookie. Pages are never cached.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { clientIp } from "../../../core/http/client-ip.ts";
import { csrfProtection } from "../../../core/http/csrf.ts";
import { oneValue, readForm } from "../../../core/http/form.ts";
import { notFound } from "../../../core/http/http-error.ts";
import { findMunicipality } from "../../tenancy/repository/municipality-queries.ts";
import type { Municipality } from "../../tenancy/municipality.ts";
import { findQuestion } from "../domain/definition.ts";
import { openByCode, saveOnlineResponse, type OpenResult } from "./commands/responses.ts";
import { CODE_READING_MESSAGES } from "./domain/answer-code.ts";
import { answerProblems, missingRequired, withNoAnswers } from "./domain/answers.ts";
import { questionAnchor, readOnlineForm } from "./domain/online-form.ts";
import type { FieldworkDeps } from "./route-support.ts";
import { AnswerFormPage, CODE_FIELD_ID, MessagePage, StartPage } from "./views/answer-pages.tsx";

const ANSWER = "/:lgCode{[0-9]{6}}/answer";

export function answerRoutes({ db, config }: FieldworkDeps): Hono {
  const r = new Hono();
  // No session here: the same-origin check is the protection against forged posts.
  r.use(`${ANSWER}/*`, csrfProtection({ expectedToken: () => undefined, trustedOrigins: config.siteUrl ? [config.siteUrl] : [] }));
  r.use(ANSWER, csrfProtection({ expectedToken: () => undefined, trustedOrigins: config.siteUrl ? [config.siteUrl] : [] }));
  r.use(ANSWER, async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  });
  r.use(`${ANSWER}/*`, async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  });

  const municipalityOf = async (c: Context): Promise<Municipality> => {
    const m = await findMunicipality(db, c.req.param("lgCode")!);
    if (!m) throw notFound();
    return m;
  };

  const html = (c: Context, page: Child, status: 200 | 400 | 409 | 429 = 200) => c.html(page as never, status);

  /** The page for a code that does not open a form, with the right status. */
  const refused = (c: Context, m: Municipality, typed: string, result: Exclude<OpenResult, { ok: true }>) => {
    switch (result.reason) {
      case "malformed":
        return html(c, <StartPage municipality={m} code={typed} errors={[{ field: CODE_FIELD_ID, message: CODE_READING_MESSAGES[result.reading.reason] }]} />, 400);
      case "unknown":
        return html(c, <StartPage municipality={m} code={typed} errors={[{ field: CODE_FIELD_ID, message: "この回答用コードは見つかりません。お手紙に印刷されたコードをご確認ください" }]} />, 400);
      case "throttled":
        c.header("Retry-After", "900");
        return html(c, <StartPage municipality={m} code={typed} errors={[{ field: CODE_FIELD_ID, message: "コードの誤りが続いたため、この接続元からの入力を一時的に停止しています。15分ほど待ってから、もう一度お試しください" }]} />, 429);
      case "submitted":
        return html(
          c,
          <MessagePage municipality={m} title="この回答用コードの回答は送信済みです">
            <p>回答は1つのコードにつき1回です。ご協力ありがとうございました。送信した回答は変更できません。</p>
          </MessagePage>,
          409,
        );
      case "not_started":
        return html(c, <MessagePage municipality={m} title="このアンケートはまだ始まっていません"><p>お手紙に書かれた回答期間にお越しください。</p></MessagePage>, 400);
      case "closed":
        return html(c, <MessagePage municipality={m} title="このアンケートの受付は終了しました"><p>ご協力ありがとうございました。</p></MessagePage>, 400);
    }
  };

  r.get(ANSWER, async (c) => {
    const m = await municipalityOf(c);
    return html(c, <StartPage municipality={m} code={c.req.query("code")?.slice(0, 40)} />);
  });

  r.post(ANSWER, async (c) => {
    const m = await municipalityOf(c);
    const typed = (oneValue(await readForm(c), "code") ?? "").slice(0, 40);
    const result = await openByCode(db, { municipalityId: m.id, typed, ip: clientIp(c, config.trustProxy) });
    if (!result.ok) return refused(c, m, typed, result);
    const { opened } = result;
    return html(
      c,
      <AnswerFormPage
        municipality={m}
        surveyTitle={opened.survey.title}
        code={opened.holder.code}
        definition={opened.definition}
        answers={opened.saved}
        notice={opened.savedAt ? "保存した回答を読み込みました。続きから回答できます。" : undefined}
      />,
    );
  });

  r.post(`${ANSWER}/form`, async (c) => {
    const m = await municipalityOf(c);
    const form = await readForm(c);
    const typed = (oneValue(form, "code") ?? "").slice(0, 40);
    const result = await openByCode(db, { municipalityId: m.id, typed, ip: clientIp(c, config.trustProxy) });
    if (!result.ok) return refused(c, m, typed, result);
    const { opened } = result;
    const submit = oneValue(form, "action") === "submit";
    const read = readOnlineForm(opened.definition, form);
    const problems = [...read.problems, ...answerProblems(opened.definition, read.answers), ...(submit ? missingRequired(opened.definition, read.answers) : [])];
    const page = (extra: { errors?: { field: string; message: string }[]; notice?: string }) => (
      <AnswerFormPage municipality={m} surveyTitle={opened.survey.title} code={opened.holder.code} definition={opened.definition} answers={read.answers} {...extra} />
    );
    if (problems.length > 0) {
      // One message per question, linking to its first control, in questionnaire order.
      const seen = new Set<string>();
      const errors = problems
        .filter((p) => (seen.has(p.questionCode) ? false : (seen.add(p.questionCode), true)))
        .map((p) => ({ field: questionAnchor(findQuestion(opened.definition, p.questionCode)!), message: p.message }));
      return html(c, page({ errors }), 400);
    }
    const saved = await saveOnlineResponse(db, { ip: clientIp(c, config.trustProxy) }, { opened, answers: submit ? withNoAnswers(opened.definition, read.answers) : read.answers, submit });
    if (!saved.ok) return refused(c, m, typed, { ok: false, reason: "submitted" });
    if (submit) return c.redirect(`/${m.lgCode}/answer/done`, 303);
    return html(c, page({ notice: "回答を一時保存しました。同じ回答用コードで、後から続きを回答できます。最後に「回答を送信する」を押してください。" }));
  });

  r.get(`${ANSWER}/done`, async (c) => {
    const m = await municipalityOf(c);
    return html(
      c,
      <MessagePage municipality={m} title="ご回答ありがとうございました">
        <p>回答を受け付けました。ご協力ありがとうございました。このページは閉じて構いません。</p>
      </MessagePage>,
    );
  });

  return r;
}
