/**
 * importPlan: loads a validated plan file into a municipality, in one
 * transaction, and records the result as a published revision (第1版 on the
 * first import, a new revision for each changed re-import). Importing the
 * same content twice changes nothing and records nothing. The plan's tables
 * are synchronised in place, so initiatives and KPIs keep their ids.
 */
import { recordAudit } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import { isValidLgCode } from "../../../core/lg-code.ts";
import { contentDigest } from "../content-digest.ts";
import type { PlanFile } from "../plan-file-schema.ts";
import {
  ensureMunicipality,
  hasCurrentPlan,
  insertPlanRow,
  lockPlanByCode,
  syncPlanContent,
} from "../repository/plan-writes.ts";
import { ensureBaseline, materialise } from "../revisions/commands/publishing.ts";
import { findDraft, nextRevisionNumber } from "../revisions/repository/revision-queries.ts";
import { insertPublished } from "../revisions/repository/revision-writes.ts";
import { SYSTEM_ACTOR, type Actor } from "../revisions/revision.ts";
import { describeReportedRemovals, findReportedRemovals } from "../repository/reported-items.ts";

export { contentDigest };

export type ImportPlanInput = { lgCode: string; municipalityName?: string; plan: PlanFile; actor?: Actor };

export type ImportPlanResult =
  | { ok: true; status: "created" | "updated" | "unchanged"; planId: number; revisionNumber: number | null }
  | { ok: false; message: string };

export const FIRST_IMPORT_REASON = (code: string) => `計画ファイルの読み込み（${code}）`;
export const REIMPORT_REASON = "計画ファイルの再読み込み";

export async function importPlan(db: Database, input: ImportPlanInput): Promise<ImportPlanResult> {
  if (!isValidLgCode(input.lgCode)) {
    return {
      ok: false,
      message: `全国地方公共団体コード「${input.lgCode}」が正しくありません（6桁の数字で、末尾の検査数字が合う必要があります。例: 徳島市は362018）`,
    };
  }
  const actor = input.actor ?? SYSTEM_ACTOR;
  const digest = contentDigest(input.plan);
  return db.transaction(async (tx): Promise<ImportPlanResult> => {
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
    const existing = await lockPlanByCode(tx, municipality.id, input.plan.code);
    if (existing && existing.digest === digest) {
      return { ok: true, status: "unchanged", planId: existing.id, revisionNumber: null };
    }

    let planId: number;
    let reason: string;
    if (existing) {
      // Publishing that draft later would silently undo this import: the two must not cross.
      const draft = await findDraft(tx, existing.id);
      if (draft) {
        return {
          ok: false,
          message: `計画 ${existing.code} には編集中の下書き（第${draft.number}版）があります。下書きを公開するか破棄してから読み込んでください`,
        };
      }
      const reported = await findReportedRemovals(tx, existing.id, input.plan);
      if (reported.length > 0) return { ok: false, message: describeReportedRemovals(reported) };
      await ensureBaseline(tx, existing);
      await materialise(tx, existing, input.plan);
      planId = existing.id;
      reason = existing.digest === "" ? FIRST_IMPORT_REASON(input.plan.code) : REIMPORT_REASON;
    } else {
      planId = await insertPlanRow(tx, municipality.id, input.plan, digest, !(await hasCurrentPlan(tx, municipality.id)));
      await syncPlanContent(tx, municipality.id, planId, input.plan);
      reason = FIRST_IMPORT_REASON(input.plan.code);
    }
    const revisionNumber = await nextRevisionNumber(tx, planId);
    await insertPublished(tx, planId, revisionNumber, input.plan, reason, actor);
    const status = existing ? "updated" : "created";
    await recordAudit(tx, {
      municipalityId: municipality.id,
      actor,
      ip: actor.ip,
      action: "plan.import",
      entityType: "plan",
      entityId: planId,
      after: { code: input.plan.code, status, revisionNumber, digest },
    });
    return { ok: true, status, planId, revisionNumber };
  });
}
