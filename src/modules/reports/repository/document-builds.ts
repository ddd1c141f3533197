/**
 * SQL of the kept PDFs (document_build): one per document, replaced by its
 * next build. Listing reads everything but the PDF itself.
 */
import type { Queryable } from "../../../core/db/database.ts";
import type { DocumentRef } from "../document-ref.ts";

export type StoredBuild = {
  id: number;
  contentDigest: string;
  pageCount: number;
  byteSize: number;
  buildMs: number;
  builtAt: Date;
  jobId: number | null;
};

type BuildRow = {
  id: number;
  content_digest: string;
  page_count: number;
  byte_size: number;
  build_ms: number;
  built_at: Date;
  job_id: string | number | null;
};

const toBuild = (r: BuildRow): StoredBuild => ({
  id: r.id,
  contentDigest: r.content_digest,
  pageCount: r.page_count,
  byteSize: r.byte_size,
  buildMs: r.build_ms,
  builtAt: new Date(r.built_at),
  jobId: r.job_id === null ? null : Number(r.job_id),
});

const COLUMNS = "id, content_digest, page_count, byte_size, build_ms, built_at, job_id";
const WHERE = "municipality_id = $1 and plan_id = $2 and kind = $3 and coalesce(fiscal_year, 0) = coalesce($4::int, 0) and draft = $5";
const params = (municipalityId: number, ref: DocumentRef) => [municipalityId, ref.planId, ref.kind, ref.fiscalYear, ref.draft];

export async function findBuild(db: Queryable, municipalityId: number, ref: DocumentRef): Promise<StoredBuild | undefined> {
  const [row] = await db.query<BuildRow>(`select ${COLUMNS} from document_build where ${WHERE}`, params(municipalityId, ref));
  return row && toBuild(row);
}

export async function findBuildPdf(db: Queryable, municipalityId: number, ref: DocumentRef): Promise<(StoredBuild & { pdf: Uint8Array }) | undefined> {
  const [row] = await db.query<BuildRow & { pdf: Uint8Array }>(`select ${COLUMNS}, pdf from document_build where ${WHERE}`, params(municipalityId, ref));
  return row && { ...toBuild(row), pdf: new Uint8Array(row.pdf) };
}

/** Keeps a finished PDF in place of the document's previous one. */
export async function saveBuild(
  tx: Queryable,
  municipalityId: number,
  ref: DocumentRef,
  build: { contentDigest: string; pdf: Uint8Array; pageCount: number; buildMs: number; jobId: number | null },
): Promise<void> {
  await tx.query(`delete from document_build where ${WHERE}`, params(municipalityId, ref));
  await tx.query(
    `insert into document_build (municipality_id, plan_id, kind, fiscal_year, draft, content_digest, pdf, page_count, byte_size, build_ms, job_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [...params(municipalityId, ref), build.contentDigest, build.pdf, build.pageCount, build.pdf.byteLength, build.buildMs, build.jobId],
  );
}
