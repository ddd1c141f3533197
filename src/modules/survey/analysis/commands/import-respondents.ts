/**
 * importRespondents: a respondent-level CSV (a survey run elsewhere) checked
 * against the questionnaire and, only if every value is right, stored as
 * imported responses in one transaction with its audit record. Any problem
 * (encoding, header, unknown code, duplicate respondent id) comes back as the
 * full list of messages, each naming its row and column; nothing is applied.
 */
import type { AuditContext } from "../../../../core/audit/audit.ts";
import { withAudit } from "../../../../core/audit/audit.ts";
import { readCsvUpload } from "../../../../core/csv/read-csv-upload.ts";
import type { Database } from "../../../../core/db/database.ts";
import { checkRespondentRecords, MAX_RESPONDENTS, RESPONDENT_ID, respondentFileColumns } from "../domain/respondent-file.ts";
import { existingExternalIds, type AnalysisSurvey } from "../repository/analysis-queries.ts";
import { insertImportedResponses } from "../repository/analysis-writes.ts";

export type ImportResult = { ok: true; imported: number } | { ok: false; messages: string[] };

export async function importRespondents(db: Database, context: AuditContext, survey: AnalysisSurvey, bytes: Uint8Array, fileName: string): Promise<ImportResult> {
  const upload = readCsvUpload(bytes, { ...respondentFileColumns(survey.definition), maxRecords: MAX_RESPONDENTS });
  if (!upload.ok) return upload;
  if (upload.records.length === 0) return { ok: false, messages: ["データの行がありません。2行目から回答者ごとに1行ずつ書いてください。"] };
  const ids = upload.records.map((r) => r.values[RESPONDENT_ID] ?? "").filter((id) => id !== "");
  const checked = checkRespondentRecords(survey.definition, upload.header, upload.records, await existingExternalIds(db, survey.id, ids));
  if (!checked.ok) return checked;
  const imported = await withAudit(db, context, async (tx, audit) => {
    const count = await insertImportedResponses(tx, survey.id, survey.definitionVersion, checked.respondents);
    await audit({
      action: "survey.respondents_import",
      entityType: "survey",
      entityId: survey.id,
      after: { fileName, encoding: upload.encoding, respondents: count, definitionVersion: survey.definitionVersion },
    });
    return count;
  });
  return { ok: true, imported };
}
