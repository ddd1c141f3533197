/**
 * A CKAN-compatible view of the datasets (the catalogue software behind
 * most Japanese open data sites), so a prefecture's or the national catalog
 * can harvest them. One CKAN package per municipality × dataset; its id
 * carries the lgCode ("362018-kpi-targets") so ids stay unique when several
 * municipalities share the site. Pure functions; ckan-routes.ts does HTTP.
 */
import type { License } from "../../config.ts";
import type { Plan } from "../plan/plan.ts";
import { siteNameOf } from "../tenancy/views/portal-page.tsx";
import { type Dataset, datasetUpdatedAt } from "./dataset.ts";
import { datasetPath, publicUrl } from "./dataset-document.ts";
import { DATASETS, findDataset } from "./datasets.ts";
import type { PublishedResults } from "./published-results.ts";

/** A municipality's current plan with its published results: what its packages are made of. */
export type PackageSource = { plan: Plan; results: PublishedResults };

export function packageId(lgCode: string, datasetId: string): string {
  return `${lgCode}-${datasetId}`;
}

export function parsePackageId(id: string): { lgCode: string; dataset: Dataset } | undefined {
  const match = /^(\d{6})-([a-z0-9-]+)$/.exec(id);
  const dataset = match ? findDataset(match[2]!) : undefined;
  return dataset ? { lgCode: match![1]!, dataset } : undefined;
}

export function ckanPackage(dataset: Dataset, { plan, results }: PackageSource, license: License, siteUrl: string | undefined) {
  const { lgCode, name } = plan.municipality;
  const id = packageId(lgCode, dataset.id);
  const modified = datasetUpdatedAt(dataset, plan, results).toISOString();
  const resource = (key: string, title: string, path: string, format: "CSV" | "JSON", description: string, position: number) => ({
    id: `${id}-${key}`,
    package_id: id,
    name: title,
    description,
    url: publicUrl(siteUrl, path),
    format,
    mimetype: format === "CSV" ? "text/csv" : "application/json",
    last_modified: modified,
    position,
    state: "active",
  });
  return {
    id,
    name: id,
    title: `${name} ${dataset.title}`,
    notes: `${dataset.description}（出典：${siteNameOf(plan.municipality)}）`,
    type: "dataset",
    state: "active",
    private: false,
    license_id: license.id,
    license_title: license.title,
    license_url: license.url,
    organization: { id: lgCode, name: lgCode, title: name, type: "organization", is_organization: true, state: "active" },
    owner_org: lgCode,
    metadata_created: modified,
    metadata_modified: modified,
    url: publicUrl(siteUrl, datasetPath(lgCode, dataset.id)),
    num_resources: 3,
    resources: [
      resource("csv", `${dataset.title}（CSV）`, datasetPath(lgCode, dataset.id, "csv"), "CSV", "UTF-8（BOM付き）、改行コードCRLF", 0),
      resource("json", `${dataset.title}（JSON）`, datasetPath(lgCode, dataset.id, "json"), "JSON", "UTF-8", 1),
      resource("codebook", `${dataset.title} コードブック（CSV）`, datasetPath(lgCode, dataset.id, "codebook.csv"), "CSV", "各列の項目名・定義・型・単位", 2),
    ],
    num_tags: 2,
    tags: [{ name: "DX推進計画" }, { name }],
    extras: [
      { key: "lg_code", value: lgCode },
      { key: "record_count", value: String(dataset.rows(plan, {}, results).length) },
      { key: "character_encoding", value: "UTF-8 (BOM)" },
    ],
  };
}

export type CkanPackage = ReturnType<typeof ckanPackage>;

export function allPackages(sources: PackageSource[], license: License, siteUrl: string | undefined): CkanPackage[] {
  return sources.flatMap((source) => DATASETS.map((d) => ckanPackage(d, source, license, siteUrl)));
}

export type SearchParams = { q: string; rows: number; start: number };

const MAX_ROWS = 1000;

/** rows and start as CKAN reads them; messages name the parameter. */
export function parseSearchParams(raw: Record<string, string | undefined>): { ok: true; params: SearchParams } | { ok: false; message: string } {
  const int = (name: string, fallback: number, max: number): number | string => {
    const value = raw[name]?.trim();
    if (value === undefined || value === "") return fallback;
    if (!/^\d{1,7}$/.test(value)) return `${name} は0以上の整数で指定してください`;
    const n = Number(value);
    return n > max ? `${name} は${max}以下で指定してください` : n;
  };
  const rows = int("rows", 10, MAX_ROWS);
  const start = int("start", 0, Number.MAX_SAFE_INTEGER);
  if (typeof rows === "string") return { ok: false, message: rows };
  if (typeof start === "string") return { ok: false, message: start };
  const q = raw.q ?? "";
  if (q.length > 200) return { ok: false, message: "q は200文字以内で指定してください" };
  return { ok: true, params: { q, rows, start } };
}

/**
 * A plain word search over name, title, description, organisation and tags
 * (every word must match). CKAN's Solr syntax is not supported, except the
 * match-all "*:*" that harvesters send.
 */
export function searchPackages(packages: CkanPackage[], params: SearchParams) {
  const q = params.q.trim() === "*:*" ? "" : params.q;
  const words = q.normalize("NFKC").toLowerCase().split(/\s+/).filter(Boolean);
  const matches = packages.filter((p) => {
    const haystack = [p.name, p.title, p.notes, p.organization.title, ...p.tags.map((t) => t.name)]
      .join("\n")
      .normalize("NFKC")
      .toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
  return {
    count: matches.length,
    sort: "name asc",
    results: matches.slice(params.start, params.start + params.rows),
    facets: {},
    search_facets: {},
  };
}
