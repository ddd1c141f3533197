/**
 * saveAndTransition: a workflow step pressed in the report form with edits
 * typed above it (decision 025). The edits are saved and the step taken in
 * one transaction, each with its audit record (report.save, then the step):
 * the head who corrects 評価の理由 and presses 「課長として承認する」 approves
 * what they typed. If the step is refused after the save (say, no grade),
 * the save is undone too: the step and its edits happen together or not at all.
 */
import { withAudit } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import { auditContext, type CommandRefusal, type CycleCommandContext } from "./context.ts";
import { applyReportSave, type SaveReportInput } from "./save-report.ts";
import { applyTransition, type TransitionInput, type TransitionReportResult } from "./transition-report.ts";

class StepRefused extends Error {
  constructor(readonly refusal: CommandRefusal) {
    super(refusal.message);
  }
}

export type SaveAndTransitionResult = (TransitionReportResult & { ok: true; saved: boolean }) | CommandRefusal;

export async function saveAndTransition(
  db: Database,
  ctx: CycleCommandContext,
  input: { save: SaveReportInput; step: Omit<TransitionInput, "lockVersion"> },
): Promise<SaveAndTransitionResult> {
  try {
    return await withAudit(db, auditContext(ctx), async (tx, audit) => {
      const saved = await applyReportSave(tx, ctx, audit, input.save);
      if (!saved.ok) return saved;
      // A save moves the report's version on by one; the step is based on what was just saved.
      const lockVersion = saved.changed ? input.save.lockVersion + 1 : input.save.lockVersion;
      const moved = await applyTransition(tx, ctx, audit, { ...input.step, lockVersion });
      if (!moved.ok) throw new StepRefused(moved);
      return { ...moved, saved: saved.changed };
    });
  } catch (error) {
    if (error instanceof StepRefused) return error.refusal;
    throw error;
  }
}
