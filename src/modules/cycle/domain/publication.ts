/**
 * Publishing a cycle's results is a deliberate act: the secretariat sees a
 * preview of exactly what will be published, then confirms it. The preview
 * carries a fingerprint of what it showed (each finalised report and its
 * lock_version, bumped by every save and change of state), so a report
 * finalised or changed after the preview is never published unseen.
 */
import { createHash } from "node:crypto";
import type { Report } from "../cycle.ts";

export type PublicationCounts = {
  /** Reports of the cycle (one per initiative). */
  total: number;
  /** Finalised now: these are published. */
  finalised: number;
  /** Already published earlier: they stay as they are. */
  published: number;
  /** Not yet finalised: not published. */
  unfinished: number;
};

export function publicationCounts(reports: readonly Pick<Report, "state">[]): PublicationCounts {
  const finalised = reports.filter((r) => r.state === "finalised").length;
  const published = reports.filter((r) => r.state === "published").length;
  return { total: reports.length, finalised, published, unfinished: reports.length - finalised - published };
}

/** What the preview showed: the finalised reports and their versions, in id order. */
export function publicationFingerprint(reports: readonly Pick<Report, "id" | "state" | "lockVersion">[]): string {
  const shown = reports
    .filter((r) => r.state === "finalised")
    .map((r) => `${r.id}:${r.lockVersion}`)
    .sort();
  return createHash("sha256").update(shown.join(",")).digest("hex").slice(0, 32);
}

/** 「37項目中n項目を公表します（確定済みn件、未確定m件は公表されません）」 */
export function publicationSummary(c: PublicationCounts): string {
  const already = c.published > 0 ? `。公表済みの${c.published}件はそのまま掲載されます` : "";
  return `${c.total}項目中${c.finalised}項目を公表します（確定済み${c.finalised}件、未確定${c.unfinished}件は公表されません${already}）`;
}
