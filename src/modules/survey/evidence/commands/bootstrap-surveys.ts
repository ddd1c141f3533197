/**
 * First start: the surveys published with the configured plan — data files
 * named `<lgCode>-survey-*.yaml` beside the plan file — are loaded after it,
 * so the portal shows the plan's survey as evidence from the start.
 */
import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Database } from "../../../../core/db/database.ts";
import { formatProblems } from "../../../plan/read-plan-file.ts";
import { readSurveyFile } from "../read-survey-file.ts";
import { importSurvey } from "./import-survey.ts";

export async function bootstrapSurveys(db: Database, planFile: string, lgCode: string): Promise<string[]> {
  const dir = dirname(planFile);
  const files = (await readdir(dir)).filter((name) => name.startsWith(`${lgCode}-survey-`) && /\.ya?ml$/.test(name)).sort();
  const loaded: string[] = [];
  for (const name of files) {
    const file = await readSurveyFile(join(dir, name));
    if (!file.ok) throw new Error(`調査データファイルを読み込めません。\n${formatProblems(file.problems)}`);
    const result = await importSurvey(db, file.survey);
    if (!result.ok) throw new Error(result.message);
    loaded.push(`「${file.survey.title}」を読み込みました`);
  }
  return loaded;
}
