/**
 * First start: an empty database gets the configured plan (by default the
 * Tokushima plan shipped in plan-data/), so `npm start` shows a real portal.
 * A database that already holds any municipality is left as it is. The
 * plan's surveys (data files beside it) follow the plan.
 */
import type { Config } from "./config.ts";
import type { Database } from "./core/db/database.ts";
import { importPlan } from "./modules/plan/commands/import-plan.ts";
import { formatProblems, readPlanFile } from "./modules/plan/read-plan-file.ts";
import { bootstrapSurveys } from "./modules/survey/evidence/commands/bootstrap-surveys.ts";

export async function bootstrapPlan(db: Database, config: Pick<Config, "bootstrapPlan">): Promise<string | undefined> {
  const plan = config.bootstrapPlan;
  if (!plan) return undefined;
  const [row] = await db.query<{ n: number }>("select count(*) as n from municipality");
  if (row!.n > 0) return undefined;
  const file = await readPlanFile(plan.file);
  if (!file.ok) throw new Error(`初期計画ファイルを読み込めません。\n${formatProblems(file.problems)}`);
  const result = await importPlan(db, { lgCode: plan.lgCode, municipalityName: plan.name, plan: file.plan });
  if (!result.ok) throw new Error(result.message);
  const surveys = await bootstrapSurveys(db, plan.file, plan.lgCode); // the plan's surveys (<lgCode>-survey-*.yaml beside it)
  return [`${plan.name}（${plan.lgCode}）の「${file.plan.title}」を読み込みました`, ...surveys].join("\n");
}
