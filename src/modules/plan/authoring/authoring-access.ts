/**
 * What every authoring handler starts with: the signed-in secretariat (or
 * administrator) of this municipality, and the draft named in the URL looked
 * up within that municipality — another municipality's draft is answered
 * exactly like a missing one (404).
 */
import type { Context } from "hono";
import type { Config } from "../../../config.ts";
import type { Database } from "../../../core/db/database.ts";
import { clientIp } from "../../../core/http/client-ip.ts";
import { notFound } from "../../../core/http/http-error.ts";
import { userActor } from "../../accounts/commands/actor.ts";
import type { Role } from "../../tenancy/roles.ts";
import { requireUser, staffState, type SignedIn } from "../../accounts/staff-area.ts";
import { findRevision } from "../revisions/repository/revision-queries.ts";
import type { Actor, Revision } from "../revisions/revision.ts";
import { planBase } from "./paths.ts";
import type { Staff } from "./views/authoring-page.tsx";

export type AuthoringDeps = {
  db: Database;
  config: Partial<Pick<Config, "siteUrl">> & { trustProxy?: boolean };
  /** The portal's plan cache: told when a publication changes what citizens see, so they see it at once. */
  plans?: { invalidate(lgCode?: string): void };
};

/** Revising the plan is the secretariat's work (デジタル推進課); administrators may stand in. */
export const AUTHORING_ROLES: readonly Role[] = ["secretariat", "administrator"];

export const requireAuthor = (c: Context): SignedIn | Response => requireUser(c, { roles: AUTHORING_ROLES });

export const staffOf = (s: SignedIn): Staff => ({ user: s.user, csrfToken: s.csrfToken });

export const actorOf = (c: Context, s: SignedIn, trustProxy?: boolean): Actor => ({ ...userActor(s.user), ip: clientIp(c, trustProxy) });

/** The revision of the URL's :draftId, within the URL's municipality; draft or not, the caller decides. */
export async function loadRevision(db: Database, c: Context): Promise<Revision> {
  const revision = await findRevision(db, Number(c.req.param("draftId")));
  if (!revision || revision.municipalityId !== staffState(c).municipality.id) throw notFound("この下書きは見つかりません。");
  return revision;
}

/** A page of a draft that was published or discarded meanwhile leads back to the overview, which says so. */
export const draftClosed = (c: Context): Response => c.redirect(`${planBase(staffState(c).municipality)}?notice=draft_closed`, 303);
