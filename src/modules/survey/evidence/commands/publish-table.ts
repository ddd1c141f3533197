/**
 * publishSurveyTable: stores a crosstab the analysis module computed as a
 * published table (source 'computed'), in one transaction with its audit
 * record, so it appears on the survey page and in the survey-tables open
 * dataset like the printed ones. A table with the same key is replaced
 * (republishing, in its place). Unweighted single-choice totals must equal their cells,
 * as for printed tables; small cells are published as suppressed (count null).
 */
import { withAudit, type AuditContext } from "../../../../core/audit/audit.ts";
import type { Database } from "../../../../core/db/database.ts";
import { markPublicContentChanged } from "../../../tenancy/repository/municipality-queries.ts";
import { cellKey, totalDiscrepancies, type PublishedTable } from "../domain/published-table.ts";
import { writePublishedTable, type TableToWrite } from "../repository/evidence-writes.ts";

export type PublishTableResult = { ok: true; tableId: number } | { ok: false; message: string };

export async function publishSurveyTable(
  db: Database,
  context: AuditContext & { municipalityId: number },
  surveyId: number,
  table: Omit<TableToWrite, "source" | "position">,
): Promise<PublishTableResult> {
  if (!table.weighted) {
    const asPublished = {
      ...table,
      id: 0,
      source: "computed",
      publishedAt: new Date(),
      rows: table.rows.map((r) => ({ ...r, n: r.n ?? null })),
      columns: table.columns.map((c) => ({ ...c, n: c.n ?? null })),
      cells: new Map(table.cells.map((c) => [cellKey(c.row, c.column), c.count === null ? null : String(c.count)])),
    } as PublishedTable;
    const problems = totalDiscrepancies(asPublished);
    if (problems.length > 0) return { ok: false, message: `表「${table.title}」の合計が各セルの和と合いません（${problems.join("、")}）` };
  }
  return withAudit(db, context, async (tx, audit): Promise<PublishTableResult> => {
    const [survey] = await tx.query<{ id: number; next: number }>(
      `select s.id, coalesce((select t.position from survey_published_table t where t.survey_id = s.id and t.key = $3),
                             (select max(t.position) + 1 from survey_published_table t where t.survey_id = s.id), 0) as next
         from survey s where s.id = $1 and s.municipality_id = $2 for update`,
      [surveyId, context.municipalityId, table.key],
    );
    if (!survey) return { ok: false, message: "この調査はありません" };
    const tableId = await writePublishedTable(tx, surveyId, { ...table, source: "computed", position: survey.next });
    await markPublicContentChanged(tx, context.municipalityId);
    await audit({ action: "survey.table_publish", entityType: "survey_published_table", entityId: tableId, after: { surveyId, key: table.key, cells: table.cells.length } });
    return { ok: true, tableId };
  });
}
