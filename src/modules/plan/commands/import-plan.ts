/**
 * importPlan: loads a validated plan file into a municipality, in one
 * transaction. Importing the same content twice changes nothing; importing
 * changed content replaces the plan's content and bumps its version.
 */
import { createHash } from "node:crypto";
import type { Database } from "../../../core/db/database.ts";
import { isValidLgCode } from "../../../core/lg-code.ts";
import type { PlanFile } from "../plan-file-schema.ts";
import { ensureMunicipality, findPlanDigest, insertPlanContent, upsertPlanRow } from "../repository/plan-writes.ts";

export type ImportPlanInput = { lgCode: string; municipalityName?: string; plan: PlanFile };

export type ImportPlanResult =
  | { ok: true; status: "created" | "updated" | "unchanged"; planId: number }
  | { ok: false; message: string };

export async function importPlan(db: Database, input: ImportPlanInput): Promise<ImportPlanResult> {
  if (!isValidLgCode(input.lgCode)) {
    return {
      ok: false,
      message: `全国地方公共団体コード「${input.lgCode}」が正しくありません（6桁の数字で、末尾の検査数字が合う必要があります。例: 徳島市は362018）`,
    };
  }
  const digest = contentDigest(input.plan);
  return db.transaction(async (tx) => {
    const municipality = await ensureMunicipality(tx, input.lgCode, input.municipalityName);
    if ("error" in municipality) {
      return {
        ok: false,
        message:
          municipality.error === "missing_name"
            ? `団体コード ${input.lgCode} の地方公共団体はまだ登録されていません。--name で団体名を指定してください`
            : `団体コード ${input.lgCode} は「${municipality.existingName}」として登録済みです（指定された名前と異なります）`,
      };
    }
    const existing = await findPlanDigest(tx, municipality.id, input.plan.code);
    if (existing && existing.digest === digest) return { ok: true, status: "unchanged", planId: existing.id };
    const planId = await upsertPlanRow(tx, municipality.id, existing?.id, input.plan, digest);
    await insertPlanContent(tx, municipality.id, planId, input.plan);
    return { ok: true, status: existing ? "updated" : "created", planId };
  });
}

/** The digest of the validated content, so formatting-only edits of the file count as unchanged. */
export function contentDigest(plan: PlanFile): string {
  return createHash("sha256").update(JSON.stringify(plan)).digest("hex");
}
