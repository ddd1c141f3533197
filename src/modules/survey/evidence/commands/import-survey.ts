/**
 * importSurvey: loads a validated survey data file (a survey as a report
 * published it) into its municipality, in one transaction with its audit
 * record. Idempotent by content digest, like importPlan: the same content
 * again changes nothing and records nothing. The plan must already be
 * there, since the findings link to its initiatives.
 */
import { createHash } from "node:crypto";
import { recordAudit } from "../../../../core/audit/audit.ts";
import type { Database } from "../../../../core/db/database.ts";
import { markPublicContentChanged } from "../../../tenancy/repository/municipality-queries.ts";
import { SYSTEM_ACTOR, type Actor } from "../../../plan/revisions/revision.ts";
import { findQuestion } from "../../domain/definition.ts";
import { findingLabel, linkReadingKey } from "../domain/survey-evidence.ts";
import type { SurveyFile, SurveyFileTable } from "../domain/survey-file-schema.ts";
import {
  clearPrintedContent,
  ensureDefinition,
  findMunicipalityAndPlan,
  insertFinding,
  insertHeadline,
  insertQuestionGroups,
  lockSurvey,
  syncReadings,
  upsertSource,
  upsertSurveyRow,
  writePublishedTable,
  type TableToWrite,
} from "../repository/evidence-writes.ts";

export type ImportSurveyResult = { ok: true; status: "created" | "updated" | "unchanged"; surveyId: number } | { ok: false; message: string };

export const surveyDigest = (file: SurveyFile) => createHash("sha256").update(JSON.stringify(file)).digest("hex");

export async function importSurvey(db: Database, file: SurveyFile, actor: Actor = SYSTEM_ACTOR): Promise<ImportSurveyResult> {
  const digest = surveyDigest(file);
  return db.transaction(async (tx): Promise<ImportSurveyResult> => {
    const { municipalityId, planId } = await findMunicipalityAndPlan(tx, file.lgCode, file.plan);
    if (municipalityId === null) return { ok: false, message: `団体コード ${file.lgCode} の地方公共団体は登録されていません。先に計画を読み込んでください（import-plan）` };
    if (planId === null) return { ok: false, message: `団体コード ${file.lgCode} に計画「${file.plan}」がありません。先に計画を読み込んでください（import-plan）` };
    const existing = await lockSurvey(tx, municipalityId, file.code);
    if (existing?.digest === digest) return { ok: true, status: "unchanged", surveyId: existing.id };

    const surveyId = await upsertSurveyRow(tx, municipalityId, file, existing?.id);
    const version = await ensureDefinition(tx, surveyId, file.definition);
    await clearPrintedContent(tx, surveyId);
    await insertQuestionGroups(tx, surveyId, file.questionGroups);
    const tableIds = new Map<string, number>();
    for (const [position, table] of file.tables.entries()) {
      tableIds.set(table.key, await writePublishedTable(tx, surveyId, printedTable(file, table, position, version)));
    }
    for (const [position, h] of file.headlines.entries()) {
      await insertHeadline(tx, surveyId, position, { tableId: tableIds.get(h.table)!, row: h.row, column: h.column ?? null, label: h.label, statedPercent: h.statedPercent ?? null });
    }
    for (const finding of file.findings) await insertFinding(tx, surveyId, planId, finding, finding.tables.map((key) => tableIds.get(key)!));
    await syncReadings(tx, surveyId, [...file.readings, ...linkReadings(file)]);
    await upsertSource(tx, surveyId, planId, file.place ?? null, digest);
    await markPublicContentChanged(tx, municipalityId);
    const status = existing ? "updated" : "created";
    await recordAudit(tx, {
      municipalityId,
      actor,
      ip: actor.ip,
      action: "survey.import",
      entityType: "survey",
      entityId: surveyId,
      after: { code: file.code, status, digest, definitionVersion: version, tables: file.tables.length },
    });
    return { ok: true, status, surveyId };
  });
}

/** Each assumed finding ↔ initiative link is a reading too, so the secretariat confirms it in the same list. */
function linkReadings(file: SurveyFile): SurveyFile["readings"] {
  return file.findings.flatMap((f) =>
    f.initiatives
      .filter((link) => link.assumed)
      .map((link) => ({
        key: linkReadingKey(f.number, link.number),
        place: `${findingLabel(f.number)}と取組項目${link.number}の対応`,
        printed: "（計画書に対応の記載なし）",
        reading: `${findingLabel(f.number)}「${f.title}」に取組項目${link.number}が対応する`,
        note: link.note,
      })),
  );
}

/** A printed table as stored: its cells, and its totals as printed under the null (合計) codes. */
function printedTable(file: SurveyFile, table: SurveyFileTable, position: number, version: number): TableToWrite {
  const question = table.question ? findQuestion(file.definition, table.question) : undefined;
  const columns = table.columns ?? [];
  const cells: TableToWrite["cells"] = [];
  for (const row of table.rows ?? []) {
    columns.forEach((column, c) => cells.push({ row: row.code, column: column.code, count: row.counts[c]! }));
    cells.push({ row: row.code, column: null, count: row.total });
  }
  if (table.rows) {
    columns.forEach((column, c) => cells.push({ row: null, column: column.code, count: table.columnTotals![c]! }));
    cells.push({ row: null, column: null, count: table.grandTotal! });
  }
  return {
    key: table.key,
    position,
    number: table.number ?? null,
    title: table.title,
    questionCode: table.question ?? null,
    questionText: question?.text ?? table.title,
    kind: table.kind,
    rowTitle: null,
    columnAttribute: table.columnAttribute ?? null,
    columnQuestionCode: null,
    columnTitle: table.columnTitle ?? null,
    unit: table.unit ?? "人",
    weighted: false,
    source: "printed",
    definitionVersion: table.question ? version : null,
    note: table.note ?? null,
    rows: (table.rows ?? []).map((r) => ({ code: r.code, label: r.label, n: table.kind === "single" ? r.total : null })),
    columns: columns.map((c, i) => ({ code: c.code, label: c.label, n: table.columnTotals?.[i] ?? null })),
    cells,
  };
}
