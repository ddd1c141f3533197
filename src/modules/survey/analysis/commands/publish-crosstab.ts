/**
 * publishCrosstab: the secretariat publishes a crosstab as a published
 * table (aggregate counts, small cells suppressed, never free text) in the
 * tables the public survey page and open data read (migration 0019), in one
 * transaction with its audit record.
 */
import type { AuditContext } from "../../../../core/audit/audit.ts";
import { withAudit } from "../../../../core/audit/audit.ts";
import type { Database } from "../../../../core/db/database.ts";
import { markPublicContentChanged } from "../../../tenancy/repository/municipality-queries.ts";
import type { Crosstab } from "../domain/crosstab.ts";
import { publishedCrosstab } from "../domain/publication.ts";
import type { AnalysisSurvey } from "../repository/analysis-queries.ts";
import { replacePublishedTable } from "../repository/analysis-writes.ts";

export async function publishCrosstab(db: Database, context: AuditContext, survey: AnalysisSurvey, crosstab: Crosstab): Promise<{ key: string; suppressedCells: number }> {
  const published = publishedCrosstab(crosstab);
  return withAudit(db, context, async (tx, audit) => {
    const { id, replaced } = await replacePublishedTable(tx, {
      surveyId: survey.id,
      definitionVersion: survey.definitionVersion,
      key: published.key,
      title: published.title,
      questionCode: crosstab.question.code,
      questionText: crosstab.question.text,
      kind: crosstab.question.kind,
      columnAttribute: crosstab.by.kind === "single" ? (crosstab.by.attribute ?? null) : null,
      columnQuestionCode: crosstab.by.code,
      columnTitle: crosstab.by.text,
      weighted: crosstab.weighted,
      categories: published.categories,
      cells: published.cells,
      note: published.note,
    });
    await markPublicContentChanged(tx, context.municipalityId!);
    await audit({
      action: "survey.table_publish",
      entityType: "survey_published_table",
      entityId: id,
      after: { survey: survey.code, key: published.key, weighted: crosstab.weighted, respondents: crosstab.total.count, suppressedCells: published.suppressedCells, replaced },
    });
    return { key: published.key, suppressedCells: published.suppressedCells };
  });
}
