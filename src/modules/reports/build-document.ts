/**
 * Building a document's PDF: load its content now, render the print HTML,
 * print it with Chromium (twice, for the contents' page numbers) and keep the
 * PDF with the digest of the content it shows. Runs as a background job
 * (document_build), never in a request; the job reports its stage.
 */
import type { Database, Queryable } from "../../core/db/database.ts";
import type { JobHandler, ProgressReporter } from "../../core/jobs/job.ts";
import { printWithContents, type PrintedPdf } from "../../core/pdf/print.ts";
import { japanDate } from "../cycle/domain/deadlines.ts";
import { findCycleByYear } from "../cycle/repository/cycle-queries.ts";
import type { Plan } from "../plan/plan.ts";
import { loadPlan } from "../plan/repository/plan-queries.ts";
import type { ReportDocument } from "./domain/content.ts";
import { documentDigest } from "./domain/digest.ts";
import { documentRefSchema, type DocumentRef } from "./document-ref.ts";
import { loadDraftReport, loadPlanDocument, loadPublishedReport } from "./load-content.ts";
import { saveBuild } from "./repository/document-builds.ts";
import { renderAnnualReportHtml } from "./views/annual-report-document.tsx";
import { annualHeadings } from "./views/annual-report-sections.tsx";
import { planHeadings, renderPlanDocumentHtml } from "./views/plan-document.tsx";

/** The document's content as it stands now, or why it cannot be built. */
export async function loadDocumentContent(db: Queryable, plan: Plan, ref: DocumentRef): Promise<ReportDocument | { missing: string }> {
  if (ref.kind === "plan_document") return loadPlanDocument(plan);
  if (ref.draft) {
    const cycle = await findCycleByYear(db, plan.id, ref.fiscalYear);
    if (!cycle) return { missing: "この年度の評価サイクルがありません" };
    return loadDraftReport(db, plan, cycle);
  }
  return (await loadPublishedReport(db, plan, ref.fiscalYear)) ?? { missing: "この年度の評価結果は公表されていません" };
}

/** Renders and prints a document (the part that takes seconds). */
export async function printDocument(document: ReportDocument, builtOn: string, onPass?: (pass: number) => Promise<void> | void): Promise<PrintedPdf> {
  if (document.kind === "plan_document") {
    return printWithContents((pages) => renderPlanDocumentHtml(document, { builtOn, pages }), planHeadings(document).map((h) => h.text), { onPass });
  }
  return printWithContents((pages) => renderAnnualReportHtml(document, { builtOn, pages }), annualHeadings(document).map((h) => h.text), { onPass });
}

const STAGES = 4;
const stage = (n: number, text: string) => `${n} / ${STAGES} 段階：${text}`;

export async function buildDocument(
  db: Database,
  municipalityId: number,
  ref: DocumentRef,
  options: { progress?: ProgressReporter; jobId?: number | null; now?: Date } = {},
): Promise<{ pageCount: number; byteSize: number; buildMs: number; digest: string }> {
  const progress = options.progress ?? (async () => {});
  const started = Date.now();
  await progress(5, stage(1, "内容を読み込んでいます"));
  const plan = await loadPlan(db, ref.planId);
  if (!plan || plan.municipality.id !== municipalityId) throw new Error("計画が見つかりません");
  const content = await loadDocumentContent(db, plan, ref);
  if ("missing" in content) throw new Error(content.missing);
  const digest = documentDigest(content);
  const printed = await printDocument(content, japanDate(options.now ?? new Date()), (pass) =>
    progress(
      10 + Math.min(pass, 3) * 25,
      pass === 1 ? stage(2, "ページ割りを確かめています（1回目の印刷）") : stage(3, `目次にページ番号を入れて印刷しています（${pass}回目の印刷）`),
    ),
  );
  await progress(95, stage(4, "保存しています"));
  const buildMs = Date.now() - started;
  await db.transaction((tx) =>
    saveBuild(tx, municipalityId, ref, { contentDigest: digest, pdf: printed.pdf, pageCount: printed.facts.pageCount, buildMs, jobId: options.jobId ?? null }),
  );
  return { pageCount: printed.facts.pageCount, byteSize: printed.pdf.byteLength, buildMs, digest };
}

/** The job handlers this module contributes to the runner (src/main.ts). */
export function reportJobHandlers(db: Database): Record<string, JobHandler> {
  return {
    document_build: async (job, progress) => {
      const ref = documentRefSchema.parse(job.payload) as DocumentRef;
      if (job.municipalityId === null) throw new Error("地方公共団体の指定がありません");
      await buildDocument(db, job.municipalityId, ref, { progress, jobId: job.id });
    },
  };
}
