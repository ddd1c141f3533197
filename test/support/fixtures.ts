/**
 * The Tokushima plan file, read once per test file, and helpers to load it or
 * a variant of it into a test database.
 */
import { readFileSync } from "node:fs";
import type { Database } from "../../src/core/db/database.ts";
import { importPlan } from "../../src/modules/plan/commands/import-plan.ts";
import type { PlanFile } from "../../src/modules/plan/plan-file-schema.ts";
import { parsePlanText } from "../../src/modules/plan/read-plan-file.ts";

export const TOKUSHIMA_FILE = new URL("../../plan-data/362018-dx-2022.yaml", import.meta.url).pathname;

let cached: PlanFile | undefined;

export function tokushimaPlan(): PlanFile {
  if (!cached) {
    const result = parsePlanText(readFileSync(TOKUSHIMA_FILE, "utf8"), TOKUSHIMA_FILE);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    cached = result.plan;
  }
  return structuredClone(cached);
}

export async function loadTokushima(db: Database): Promise<number> {
  const result = await importPlan(db, { lgCode: "362018", municipalityName: "徳島市", plan: tokushimaPlan() });
  if (!result.ok) throw new Error(result.message);
  return result.planId;
}
