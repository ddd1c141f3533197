/**
 * setRakingWeights: raking weights to the population totals the secretariat
 * entered (per category of age band, sex and area), stored as
 * survey_response.weight in one transaction with its audit record;
 * clearRakingWeights returns the survey to unweighted figures.
 */
import type { AuditContext } from "../../../../core/audit/audit.ts";
import { withAudit } from "../../../../core/audit/audit.ts";
import type { Database } from "../../../../core/db/database.ts";
import { rake, type RakingMargin } from "../domain/raking.ts";
import { kishDesignEffect } from "../domain/statistics.ts";
import { respondentCategories, type AnalysisSurvey } from "../repository/analysis-queries.ts";
import { clearWeights, replaceWeights } from "../repository/analysis-writes.ts";

export type WeightResult = { ok: true; respondents: number; designEffect: number; iterations: number } | { ok: false; message: string };

/** `margins`: one per attribute question, named by the question's code. */
export async function setRakingWeights(db: Database, context: AuditContext, survey: AnalysisSurvey, margins: readonly RakingMargin[]): Promise<WeightResult> {
  const respondents = await respondentCategories(db, survey.id, margins.map((m) => m.name));
  const result = rake(respondents, margins);
  if (!result.ok) return result;
  const designEffect = kishDesignEffect(result.weights)!;
  await withAudit(db, context, async (tx, audit) => {
    await replaceWeights(tx, survey.id, respondents.map((r) => r.responseId), result.weights);
    await audit({
      action: "survey.weights_set",
      entityType: "survey",
      entityId: survey.id,
      after: {
        method: "raking",
        margins: margins.map((m) => ({ question: m.name, totals: Object.fromEntries(m.totals) })),
        respondents: respondents.length,
        iterations: result.iterations,
        designEffect: Number(designEffect.toFixed(4)),
      },
    });
  });
  return { ok: true, respondents: respondents.length, designEffect, iterations: result.iterations };
}

export async function clearRakingWeights(db: Database, context: AuditContext, survey: AnalysisSurvey): Promise<number> {
  return withAudit(db, context, async (tx, audit) => {
    const cleared = await clearWeights(tx, survey.id);
    await audit({ action: "survey.weights_clear", entityType: "survey", entityId: survey.id, after: { cleared } });
    return cleared;
  });
}
