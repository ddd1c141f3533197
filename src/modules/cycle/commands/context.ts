/**
 * What every cycle command is told about who acts and where: the audit
 * context, and the municipality and public address used in mail.
 */
import type { AuditActor } from "../../../core/audit/audit.ts";
import type { Municipality } from "../../tenancy/municipality.ts";

export type CycleCommandContext = {
  municipality: Pick<Municipality, "id" | "lgCode" | "name">;
  actor: AuditActor;
  ip: string | null;
  /** The site's public address (SITE_URL), for links in mail; undefined: mail names no address. */
  siteUrl?: string;
};

export const auditContext = (ctx: CycleCommandContext) => ({ municipalityId: ctx.municipality.id, actor: ctx.actor, ip: ctx.ip });

export const mailWhere = (ctx: Pick<CycleCommandContext, "municipality" | "siteUrl">) => ({
  municipalityName: ctx.municipality.name,
  staffUrl: ctx.siteUrl ? `${ctx.siteUrl}/${ctx.municipality.lgCode}/staff` : undefined,
});

/** The report page's path below the staff base, for links in mail. */
export const reportPath = (cycleId: number, initiativeNumber: number) => `/cycles/${cycleId}/initiatives/${initiativeNumber}`;

/** A refusal the handler turns into a page: 403 (forbidden), 400 (state, invalid) or 409 (stale). */
export type CommandRefusal =
  | { ok: false; reason: "forbidden"; message: string }
  | { ok: false; reason: "state"; message: string }
  | { ok: false; reason: "stale"; message: string }
  | { ok: false; reason: "invalid"; field: string; message: string };
