/**
 * The division workbook's two writes: keeping an uploaded file for its
 * preview (storeUpload), and applying it (applyWorkbook) — every change in
 * one transaction or none. Applying goes through the report page's own
 * commands (saveReport, saveContribution), so the workflow's rules, the
 * optimistic check and the per-report audit records are the same as on the
 * page; one more audit record names the file by its SHA-256.
 */
import { createHash } from "node:crypto";
import { withAudit } from "../../../../core/audit/audit.ts";
import type { Database, Queryable } from "../../../../core/db/database.ts";
import { auditContext, type CommandRefusal, type CycleCommandContext } from "../../commands/context.ts";
import { saveContribution } from "../../commands/report-entries.ts";
import { saveReport } from "../../commands/save-report.ts";
import type { PlannedReport } from "../domain/plan-changes.ts";
import type { DivisionReport } from "../load.ts";
import { insertUpload, markApplied, type WorkbookUpload } from "../repository/upload-queries.ts";

const UPLOAD_LIFETIME_MS = 24 * 60 * 60 * 1000;

export const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export async function storeUpload(
  db: Database,
  ctx: CycleCommandContext,
  input: { cycleId: number; divisionId: number; userId: number; fileName: string; bytes: Uint8Array },
): Promise<number> {
  const sha256 = sha256Of(input.bytes);
  return withAudit(db, auditContext(ctx), async (tx, audit) => {
    const id = await insertUpload(tx, {
      municipalityId: ctx.municipality.id,
      ...input,
      sha256,
      expiresAt: new Date(Date.now() + UPLOAD_LIFETIME_MS),
    });
    await audit({
      action: "workbook.upload",
      entityType: "evaluation_cycle",
      entityId: input.cycleId,
      after: { uploadId: id, fileName: input.fileName, byteSize: input.bytes.byteLength, sha256, divisionId: input.divisionId },
    });
    return id;
  });
}

/** Per conflicting report, which side stays. */
export type ConflictChoice = "workbook" | "system";

export type ApplyResult = { ok: true; applied: number[]; kept: number[] } | CommandRefusal;

/** A refusal inside the transaction: thrown so that everything written before it is rolled back. */
class Rollback extends Error {
  constructor(readonly refusal: CommandRefusal) {
    super(refusal.message);
  }
}

/**
 * The existing commands open their transaction through db.transaction: given
 * this, they run inside the apply's transaction instead (no nesting, no
 * savepoints), so a refusal of the fifth report undoes the first four.
 */
function within(tx: Queryable, kind: Database["kind"]): Database {
  return { kind, query: (sql, params) => tx.query(sql, params), exec: (sql) => tx.exec(sql), transaction: (work) => work(tx), close: async () => {} };
}

export async function applyWorkbook(
  db: Database,
  ctx: CycleCommandContext,
  input: { upload: WorkbookUpload; items: readonly PlannedReport[]; reports: readonly DivisionReport[]; choices: ReadonlyMap<number, ConflictChoice> },
): Promise<ApplyResult> {
  try {
    return await withAudit(db, auditContext(ctx), async (tx, audit) => {
      if (!(await markApplied(tx, input.upload.id))) {
        throw new Rollback({ ok: false, reason: "state", message: "このファイルは既に反映しています。もう一度反映する場合は、ファイルをアップロードし直してください。" });
      }
      const inner = within(tx, db.kind);
      const applied: number[] = [];
      const kept: number[] = [];
      for (const item of input.items) {
        if (item.status === "conflict" && input.choices.get(item.number) !== "workbook") {
          kept.push(item.number);
          continue;
        }
        if (item.status !== "changed" && item.status !== "conflict") continue;
        const report = input.reports.find((r) => r.report.id === item.reportId)!;
        if (item.save) {
          const saved = await saveReport(inner, ctx, { reportId: item.reportId, ...item.save, actor: report.actor });
          if (!saved.ok) throw new Rollback(withNumber(item.number, saved));
        }
        if (item.contribution) {
          const saved = await saveContribution(inner, ctx, {
            reportId: item.reportId,
            divisionId: input.upload.divisionId,
            ...item.contribution,
            actor: report.actor,
          });
          if (!saved.ok) throw new Rollback(withNumber(item.number, saved));
        }
        applied.push(item.number);
      }
      await audit({
        action: "workbook.apply",
        entityType: "evaluation_cycle",
        entityId: input.upload.cycleId,
        after: {
          uploadId: input.upload.id,
          fileName: input.upload.fileName,
          sha256: input.upload.sha256,
          divisionId: input.upload.divisionId,
          applied,
          keptSystem: kept,
          notEditable: input.items.filter((i) => i.status === "not_editable").map((i) => i.number),
        },
      });
      return { ok: true as const, applied, kept };
    });
  } catch (error) {
    if (error instanceof Rollback) return error.refusal;
    throw error;
  }
}

const withNumber = (number: number, refusal: CommandRefusal): CommandRefusal => ({
  ...refusal,
  message: `取組項目 ${number}: ${refusal.message}。何も反映していません。確認画面をもう一度表示して確かめてください。`,
});
