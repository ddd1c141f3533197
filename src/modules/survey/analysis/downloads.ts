/**
 * The files the analysis pages offer: a crosstab as CSV and xlsx (the same
 * long table, crosstab-table.ts), and the respondent-level export. CSV goes
 * through the product's one CSV writer (core/tables/csv.ts: BOM, CRLF, text
 * quoted and formula-safe); xlsx through core/spreadsheet (decision 023).
 */
import { WorkbookBuilder } from "../../../core/spreadsheet/write.ts";
import { encodeCsv } from "../../../core/tables/csv.ts";
import type { Column, Row } from "../../../core/tables/table.ts";
import type { SurveyDefinition } from "../domain/definition.ts";
import type { Crosstab } from "./domain/crosstab.ts";
import { CROSSTAB_COLUMNS, crosstabRecords } from "./domain/crosstab-table.ts";
import { respondentRows, type ExportResponse } from "./domain/respondent-export.ts";
import type { RespondentAnswerRow } from "./repository/analysis-queries.ts";

export const crosstabCsv = (t: Crosstab) => encodeCsv(CROSSTAB_COLUMNS, crosstabRecords(t));

export async function crosstabXlsx(t: Crosstab, title: string): Promise<Buffer> {
  return tableXlsx(title, "クロス集計", CROSSTAB_COLUMNS, crosstabRecords(t));
}

/** One data sheet (header on row 1, one value per cell), no input cells. */
async function tableXlsx(title: string, sheetName: string, columns: readonly Column[], rows: readonly Row[]): Promise<Buffer> {
  return new WorkbookBuilder({ creator: "DX推進計画システム", title })
    .dataSheet({
      name: sheetName,
      printTitle: title,
      columns: columns.map((c) => ({ key: c.name, header: c.label, width: Math.max(10, Math.min(40, [...c.label].length * 2 + 2)) })),
      rows: rows.map((r) => Object.fromEntries(columns.map((c) => [c.name, (r[c.name] ?? null) as string | number | null]))),
    })
    .toBuffer();
}

/** Answer rows (ordered by response) grouped into respondents; the id is the import's, else R + the response number. */
export function groupResponses(rows: readonly RespondentAnswerRow[]): ExportResponse[] {
  const responses: ExportResponse[] = [];
  let current: ExportResponse | undefined;
  let currentId = "";
  for (const row of rows) {
    if (!current || currentId !== row.responseId) {
      currentId = row.responseId;
      current = { externalId: row.externalId ?? `R${row.responseId}`, weight: row.weight, choices: new Map(), numbers: new Map() };
      responses.push(current);
    }
    if (row.questionCode === null) continue;
    if (row.numericValue !== null) current.numbers.set(row.questionCode, row.numericValue);
    else if (row.optionCode) current.choices.set(row.questionCode, [...(current.choices.get(row.questionCode) ?? []), row.optionCode]);
  }
  return responses;
}

export function respondentCsv(definition: SurveyDefinition, columns: readonly Column[], rows: readonly RespondentAnswerRow[]): string {
  return encodeCsv(columns, respondentRows(definition, groupResponses(rows)));
}
