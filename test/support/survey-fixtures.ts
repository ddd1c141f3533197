/**
 * The plan's 2021 citizen survey (plan-data/362018-survey-2021.yaml), loaded
 * into the "tokushima" seed after the plan, as the first start does.
 */
import { fileURLToPath } from "node:url";
import type { Database } from "../../src/core/db/database.ts";
import { formatProblems } from "../../src/modules/plan/read-plan-file.ts";
import { importSurvey } from "../../src/modules/survey/evidence/commands/import-survey.ts";
import { readSurveyFile } from "../../src/modules/survey/evidence/read-survey-file.ts";

export const TOKUSHIMA_SURVEY_FILE = fileURLToPath(new URL("../../plan-data/362018-survey-2021.yaml", import.meta.url));
export const TOKUSHIMA_SURVEY_CODE = "dx-2022-citizen-survey-2021";

export async function loadTokushimaSurvey(db: Database): Promise<number> {
  const file = await readSurveyFile(TOKUSHIMA_SURVEY_FILE);
  if (!file.ok) throw new Error(formatProblems(file.problems));
  const result = await importSurvey(db, file.survey);
  if (!result.ok) throw new Error(result.message);
  return result.surveyId;
}
