/**
 * One dataset of one plan as a published document: the JSON body (the same
 * rows as the CSV, with null for "no value") and the names and addresses of
 * its files. Shared by the downloads, the v1 API and the CKAN API.
 */
import type { License } from "../../config.ts";
import type { Plan } from "../plan/plan.ts";
import { type Dataset, type DatasetParams, datasetUpdatedAt } from "./dataset.ts";
import { type Row } from "../../core/tables/table.ts";
import type { PublishedResults } from "./published-results.ts";

export type DatasetDocument = {
  dataset: string;
  title: string;
  lgCode: string;
  municipality: string;
  license: { id: string; title: string; url: string };
  updatedAt: string;
  columns: { name: string; label: string; definition: string; type: string; unit: string | null; nullable: boolean; codeTable: string | null }[];
  rows: Row[];
};

export function datasetDocument(dataset: Dataset, plan: Plan, results: PublishedResults, params: DatasetParams, license: License): DatasetDocument {
  return {
    dataset: dataset.id,
    title: dataset.title,
    lgCode: plan.municipality.lgCode,
    municipality: plan.municipality.name,
    license: { id: license.id, title: license.title, url: license.url },
    updatedAt: datasetUpdatedAt(dataset, plan, results).toISOString(),
    columns: dataset.columns.map((c) => ({
      name: c.name,
      label: c.label,
      definition: c.definition,
      type: c.type,
      unit: c.unit ?? null,
      nullable: c.nullable ?? false,
      codeTable: c.codes ?? null,
    })),
    rows: dataset.rows(plan, params, results),
  };
}

export type DatasetFile = "csv" | "json" | "codebook.csv";

/** The path of a dataset file: /362018/open-data/kpi-targets.csv */
export function datasetPath(lgCode: string, datasetId: string, file?: DatasetFile): string {
  const base = `/${lgCode}/open-data/${datasetId}`;
  if (!file) return base;
  return file === "codebook.csv" ? `${base}-codebook.csv` : `${base}.${file}`;
}

/** An ASCII file name for Content-Disposition: 362018_kpi-targets.csv */
export function downloadName(lgCode: string, datasetId: string, file: DatasetFile): string {
  return file === "codebook.csv" ? `${lgCode}_${datasetId}-codebook.csv` : `${lgCode}_${datasetId}.${file}`;
}

/** Absolute when the public address is configured; a path otherwise (the APIs say which). */
export function publicUrl(siteUrl: string | undefined, path: string): string {
  return siteUrl ? `${siteUrl}${path}` : path;
}
