/**
 * Which document: the plan document of a plan, or the annual report of a
 * plan's fiscal year — published or the committee's draft (案). The key
 * names it in the job queue (one build at a time per document) and in
 * document_build (one kept PDF per document).
 */
import { z } from "zod";
import type { DocumentKind } from "./domain/content.ts";

export type DocumentRef =
  | { kind: "plan_document"; planId: number; fiscalYear: null; draft: false }
  | { kind: "annual_report"; planId: number; fiscalYear: number; draft: boolean };

export const DOCUMENT_BUILD_JOB = "document_build";

export const documentKey = (ref: DocumentRef) =>
  `${ref.kind}:${ref.planId}:${ref.fiscalYear ?? "-"}:${ref.draft ? "draft" : "final"}`;

export const planDocumentRef = (planId: number): DocumentRef => ({ kind: "plan_document", planId, fiscalYear: null, draft: false });
export const annualReportRef = (planId: number, fiscalYear: number, draft: boolean): DocumentRef => ({ kind: "annual_report", planId, fiscalYear, draft });

/** A job's payload, checked when the job runs (it is data from the database, not from this code). */
export const documentRefSchema = z.union([
  z.object({ kind: z.literal("plan_document"), planId: z.number().int(), fiscalYear: z.null(), draft: z.literal(false) }),
  z.object({ kind: z.literal("annual_report"), planId: z.number().int(), fiscalYear: z.number().int(), draft: z.boolean() }),
]);

export const DOCUMENT_LABELS: Record<DocumentKind, string> = {
  annual_report: "取組状況報告書",
  plan_document: "計画書",
};
