/**
 * The catalogue of open datasets, in the order the catalog page lists them:
 * the plan's structure first, then its numbers and the published yearly
 * results, then reference tables.
 */
import { codeTablesDataset } from "./code-tables.ts";
import type { Dataset } from "./dataset.ts";
import { initiativeDatasets } from "./datasets/initiative-datasets.ts";
import { kpiDatasets } from "./datasets/kpi-datasets.ts";
import { referenceDatasets } from "./datasets/reference-datasets.ts";
import { resultDatasets } from "./datasets/result-datasets.ts";
import { surveyTables } from "./survey-tables-dataset.ts";

export const DATASETS: readonly Dataset[] = [
  ...initiativeDatasets,
  ...kpiDatasets,
  ...resultDatasets,
  surveyTables, // the published citizen-survey tables (survey module)
  ...referenceDatasets,
  codeTablesDataset,
];

const byId = new Map(DATASETS.map((d) => [d.id, d]));

export function findDataset(id: string): Dataset | undefined {
  return byId.get(id);
}
