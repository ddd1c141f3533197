/**
 * The survey_letters job: prints every sampled resident's letter into one
 * PDF and keeps it (decision 029). Measured on this project's shared 2-core
 * machine under load: 300 letters in 43 s, so 1,300 would hold a request for
 * minutes — a background job, as the reports module does for its PDFs.
 */
import type { Database } from "../../../../core/db/database.ts";
import type { JobHandler } from "../../../../core/jobs/job.ts";
import { findMunicipality } from "../../../tenancy/repository/municipality-queries.ts";
import { listRecipients } from "../repository/sample-queries.ts";
import { saveLetters } from "../repository/letters-queries.ts";
import { findSurveyById } from "../repository/survey-queries.ts";
import { answerPageUrl } from "../answer-url.ts";
import { lettersHtml } from "./letters-html.ts";
import { printLetters } from "./letters-pdf.ts";

export const LETTERS_JOB = "survey_letters";

export function surveyLetterJobHandlers(db: Database, siteUrl?: string): Record<string, JobHandler> {
  return {
    [LETTERS_JOB]: async (job, progress) => {
      const surveyId = Number(job.payload.surveyId);
      const origin = String(job.payload.origin ?? siteUrl ?? "");
      const survey = await findSurveyById(db, surveyId);
      if (!survey) return; // deleted meanwhile: nothing to print
      const [m] = await db.query<{ lg_code: string }>("select lg_code from municipality where id = $1", [survey.municipalityId]);
      const municipality = await findMunicipality(db, m!.lg_code);
      const recipients = await listRecipients(db, surveyId);
      await progress(10, `${recipients.length}通の依頼状を組版しています`);
      const html = await lettersHtml(
        {
          municipalityName: municipality!.name,
          surveyTitle: survey.title,
          // The answer deadline; without one, the last day of the survey period.
          deadline: survey.answerDeadline ?? survey.periodEnd,
          contact: survey.contact,
          answerUrl: (code) => answerPageUrl(origin, municipality!.lgCode, code),
          answerPage: answerPageUrl(origin, municipality!.lgCode),
        },
        recipients.map((r) => r.code),
      );
      await progress(30, "PDFに印刷しています");
      const pdf = await printLetters(html);
      await saveLetters(db, surveyId, pdf, recipients.length, job.id);
    },
  };
}
