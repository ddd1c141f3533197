/**
 * Revisions of a plan (計画の見直し): the shapes shared by the commands, the
 * repository and the pages. A revision's content is a whole plan in the
 * plan-file format, so a revision is comparable with any other on its own.
 */
import type { AuditActor } from "../../../core/audit/audit.ts";
import type { PlanFile } from "../plan-file-schema.ts";

/**
 * Who did it: a signed-in user, or the system (a plan file import) with
 * userId null; ip is the request's address, for the audit record.
 */
export type Actor = AuditActor & { ip?: string | null };

export type RevisionStatus = "draft" | "published";

/** A revision without its content: what lists and audit records need. */
export type RevisionHeader = {
  id: number;
  planId: number;
  municipalityId: number;
  number: number;
  status: RevisionStatus;
  reason: string | null;
  lockVersion: number;
  createdBy: { userId: number | null; label: string };
  createdAt: Date;
  publishedBy: { userId: number | null; label: string } | null;
  publishedAt: Date | null;
};

export type Revision = RevisionHeader & { content: PlanFile };

/** A problem found in submitted content, addressed the way the plan file is (initiatives[11].kpis[0]…). */
export type ContentProblem = { path: string; message: string };

/**
 * Why a revision command refused. Every failure carries a Japanese message a
 * form handler can show as is; `conflict` also carries the draft as it now
 * is, so the page can show both versions and nothing the user typed is lost.
 */
export type RevisionFailure =
  | { ok: false; reason: "not_found"; message: string }
  | { ok: false; reason: "not_draft"; message: string }
  | { ok: false; reason: "draft_exists"; message: string; draft: RevisionHeader }
  | { ok: false; reason: "conflict"; message: string; current: Revision }
  | { ok: false; reason: "invalid"; message: string; problems: ContentProblem[] }
  | { ok: false; reason: "reason_required"; message: string }
  | { ok: false; reason: "plan_exists"; message: string };

export const SYSTEM_ACTOR: Actor = { userId: null, label: "システム（計画ファイル）" };

export const REASON_MAX_LENGTH = 2000;
