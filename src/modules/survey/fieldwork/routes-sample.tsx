/**
 * /:lgCode/staff/surveys/:survey/sample, /letters, /letters.pdf, /mailing.csv:
 * the secretariat imports the sample frame, has the letters printed and
 * downloads the contractor's list. Secretariat only: these link codes to people.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { csvText } from "../../../core/format/csv-cell.ts";
import { oneValue, readForm } from "../../../core/http/form.ts";
import { badRequest, notFound } from "../../../core/http/http-error.ts";
import { latestJobsByKey } from "../../../core/jobs/job-queries.ts";
import { requireUser, staffState, type SignedIn, type StaffEnv } from "../../accounts/staff-area.ts";
import { answerPageUrl } from "./answer-url.ts";
import { lettersKey, recordSampleExport, requestLetters } from "./commands/letters.ts";
import { importSample, recordStrata } from "./commands/sample.ts";
import { formatCode } from "./domain/answer-code.ts";
import { FRAME_ID_COLUMN, readSampleFrame } from "./domain/sample-frame.ts";
import { readStrataCounts, strataGrid, stratumKey } from "./domain/strata.ts";
import { LETTERS_JOB } from "./letters/letters-job.ts";
import { findLettersInfo, findLettersPdf } from "./repository/letters-queries.ts";
import { countIdentities, countMembers, listRecipients, recordedStrata } from "./repository/sample-queries.ts";
import { latestDefinition, type SurveyRecord } from "./repository/survey-queries.ts";
import { auditContext, originOf, staffOf, SURVEY, surveyOf, WRITERS, type FieldworkDeps } from "./route-support.ts";
import { surveyPath } from "./views/paths.ts";
import { SAMPLE_FILE_ID, SamplePage, strataInputId } from "./views/sample-page.tsx";

/** A frame of 20,000 residents with three short attributes is well under 1 MB. */
export const SAMPLE_UPLOAD_MAX_BYTES = 2 * 1024 * 1024;

export function sampleRoutes({ db, config, jobs }: FieldworkDeps): Hono<StaffEnv> {
  const r = new Hono<StaffEnv>();

  const render = async (
    c: Context,
    signedIn: SignedIn,
    survey: SurveyRecord,
    extra: { messages?: string[]; notice?: string; strataErrors?: { field: string; message: string }[]; strataTyped?: Record<string, string> } = {},
  ) => {
    const { municipality } = staffState(c);
    const definition = await latestDefinition(db, survey.id);
    const recorded = new Map((await recordedStrata(db, survey.id)).map((r) => [stratumKey(r.stratum), r.sampled]));
    const errors = [...(extra.messages?.map((message) => ({ field: SAMPLE_FILE_ID, message })) ?? []), ...(extra.strataErrors ?? [])];
    const job = (await latestJobsByKey(db, municipality.id, LETTERS_JOB, [lettersKey(survey.id)])).get(lettersKey(survey.id));
    return c.html(
      <SamplePage
        municipality={municipality}
        staff={staffOf(signedIn)}
        survey={survey}
        members={await countMembers(db, survey.id)}
        identities={await countIdentities(db, survey.id)}
        letters={await findLettersInfo(db, survey.id)}
        job={job}
        errors={errors}
        notice={extra.notice}
        strata={definition ? { grid: strataGrid(definition.definition), recorded, typed: extra.strataTyped } : undefined}
      />,
      errors.length ? 400 : 200,
    );
  };

  r.get(`${SURVEY}/sample`, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const survey = await surveyOf(db, c);
    const added = c.req.query("added");
    const unchanged = c.req.query("unchanged");
    const notice =
      added !== undefined
        ? `標本を取り込みました（新しく ${Number(added).toLocaleString("ja-JP")}人、取り込み済み ${Number(unchanged ?? 0).toLocaleString("ja-JP")}人）。`
        : c.req.query("letters") === "queued"
          ? "依頼状の作成を受け付けました。できあがるとこのページにリンクが出ます。"
          : c.req.query("strata") !== undefined
            ? `層別の送付数を記録しました（新しく ${Number(c.req.query("strata")).toLocaleString("ja-JP")}人分の回答用コードを作りました）。`
            : undefined;
    return render(c, signedIn, survey, { notice });
  });

  r.post(`${SURVEY}/sample`, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const body = await c.req.parseBody();
    const file = body.file;
    const survey = await surveyOf(db, c);
    if (!(file instanceof File) || file.size === 0) return render(c, signedIn, survey, { messages: ["CSVファイルを選んでください。"] });
    if (file.size > SAMPLE_UPLOAD_MAX_BYTES) return render(c, signedIn, survey, { messages: ["ファイルが大きすぎます（2 MBまで）。"] });
    const definition = await latestDefinition(db, survey.id);
    if (!definition) return render(c, signedIn, survey, { messages: ["先に調査票（年齢区分・性別・地区の回答者属性の設問）を作成してください。"] });
    const frame = readSampleFrame(new Uint8Array(await file.arrayBuffer()), definition.definition);
    if (!frame.ok) return render(c, signedIn, survey, { messages: frame.messages });
    const result = await importSample(db, auditContext(c, signedIn, config.trustProxy), { surveyId: survey.id, members: frame.members });
    if (!result.ok) return render(c, signedIn, survey, { messages: result.messages });
    return c.redirect(`${surveyPath(staffState(c).municipality, survey.code)}/sample?added=${result.added}&unchanged=${result.unchanged}`, 303);
  });

  r.post(`${SURVEY}/strata`, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const form = await readForm(c);
    const survey = await surveyOf(db, c);
    const definition = await latestDefinition(db, survey.id);
    const grid = definition && strataGrid(definition.definition);
    if (!grid) return render(c, signedIn, survey, { messages: ["先に調査票に回答者属性（年齢区分・地区・性別）の設問を作成してください。"] });
    const typed = Object.fromEntries(grid.cells.map((cell) => [cell.name, oneValue(form, cell.name) ?? ""]));
    const recorded = new Map((await recordedStrata(db, survey.id)).map((r) => [stratumKey(r.stratum), r.sampled]));
    const read = readStrataCounts(grid, form, recorded, strataInputId);
    if (!read.ok) return render(c, signedIn, survey, { strataErrors: read.errors, strataTyped: typed });
    const result = await recordStrata(db, auditContext(c, signedIn, config.trustProxy), { surveyId: survey.id, counts: read.counts });
    if (!result.ok) return render(c, signedIn, survey, { strataErrors: [{ field: strataInputId(grid.cells[0]!), message: result.message }], strataTyped: typed });
    return c.redirect(`${surveyPath(staffState(c).municipality, survey.code)}/sample?strata=${result.added}`, 303);
  });

  r.post(`${SURVEY}/letters`, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const survey = await surveyOf(db, c);
    if (survey.linkDestroyedAt) throw badRequest("対応表を消去した調査の依頼状は作れません。");
    if ((await countMembers(db, survey.id)) === 0) throw badRequest("標本がまだありません。先に標本を取り込んでください。");
    await requestLetters(db, auditContext(c, signedIn, config.trustProxy), { surveyId: survey.id, origin: originOf(c, config.siteUrl) });
    jobs?.wake();
    return c.redirect(`${surveyPath(staffState(c).municipality, survey.code)}/sample?letters=queued`, 303);
  });

  r.get(`${SURVEY}/letters.pdf`, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const survey = await surveyOf(db, c);
    const pdf = await findLettersPdf(db, survey.id);
    if (!pdf) throw notFound("依頼状のPDFはまだ作成されていません。");
    await recordSampleExport(db, auditContext(c, signedIn, config.trustProxy), { surveyId: survey.id, file: "letters_pdf", rows: (await findLettersInfo(db, survey.id))!.letterCount });
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${survey.code}_letters.pdf"`,
    });
  });

  r.get(`${SURVEY}/mailing.csv`, async (c) => {
    const signedIn = requireUser(c, { roles: WRITERS });
    if (signedIn instanceof Response) return signedIn;
    const survey = await surveyOf(db, c);
    if (survey.linkDestroyedAt) throw notFound("対応表は消去済みです。");
    const { municipality } = staffState(c);
    const recipients = (await listRecipients(db, survey.id)).filter((r) => r.frameId !== null);
    await recordSampleExport(db, auditContext(c, signedIn, config.trustProxy), { surveyId: survey.id, file: "mailing_csv", rows: recipients.length });
    const origin = originOf(c, config.siteUrl);
    const lines = [
      [FRAME_ID_COLUMN, "回答用コード", "回答ページ"].map(csvText).join(","),
      ...recipients.map((r) => [r.frameId!, formatCode(r.code), answerPageUrl(origin, municipality.lgCode, r.code)].map(csvText).join(",")),
    ];
    // BOM: Excel, which contractors open these in, reads UTF-8 only with it.
    return c.body(`\uFEFF${lines.join("\r\n")}\r\n`, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${survey.code}_mailing.csv"`,
    });
  });

  return r;
}
