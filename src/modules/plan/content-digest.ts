/**
 * The version key of a plan's content: SHA-256 of the validated plan file.
 * Importing or publishing content whose digest equals the plan's stored one
 * changes nothing, so formatting-only edits of a file count as unchanged.
 */
import { createHash } from "node:crypto";
import type { PlanFile } from "./plan-file-schema.ts";

export function contentDigest(plan: PlanFile): string {
  return createHash("sha256").update(JSON.stringify(plan)).digest("hex");
}
