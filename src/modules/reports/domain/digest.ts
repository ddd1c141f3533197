/**
 * The digest of a document's content: SHA-256 of its content model with the
 * layout's version. A stored PDF whose digest differs from the current
 * content's is out of date (decision 016). The build date is not part of the
 * content, so building again without changes gives the same digest.
 */
import { createHash } from "node:crypto";
import type { ReportDocument } from "./content.ts";

/** Raise when the printed layout changes, so that every stored PDF is built again. */
export const LAYOUT_VERSION = 1;

export function documentDigest(document: ReportDocument): string {
  return createHash("sha256").update(JSON.stringify({ layout: LAYOUT_VERSION, document })).digest("hex");
}
