/** What the fieldwork staff routes share: roles, the survey of the address, the audit context. */
import type { Context } from "hono";
import { clientIp } from "../../../core/http/client-ip.ts";
import { notFound } from "../../../core/http/http-error.ts";
import type { Database } from "../../../core/db/database.ts";
import { userActor } from "../../accounts/commands/actor.ts";
import type { Role } from "../../tenancy/roles.ts";
import { staffState, type SignedIn } from "../../accounts/staff-area.ts";
import { hasRole } from "../../accounts/user.ts";
import { findSurvey, type SurveyRecord } from "./repository/survey-queries.ts";

/** The secretariat runs surveys; the committee and the CIO may read them (state, codebook, response rates). */
export const WRITERS: readonly Role[] = ["secretariat"];
export const READERS: readonly Role[] = ["secretariat", "committee_member", "cio"];
export const canWrite = (signedIn: SignedIn) => hasRole(signedIn.user, "secretariat");

export const SURVEYS = "/:lgCode{[0-9]{6}}/staff/surveys";
export const SURVEY = `${SURVEYS}/:survey{[a-z0-9][a-z0-9-]{1,62}}`;

export type FieldworkDeps = { db: Database; config: { trustProxy?: boolean; siteUrl?: string }; jobs?: { wake(): void } };

/** The survey named in the address, of the signed-in municipality only (another's is simply not found). */
export async function surveyOf(db: Database, c: Context): Promise<SurveyRecord> {
  const { municipality } = staffState(c);
  const survey = await findSurvey(db, municipality.id, c.req.param("survey")!);
  if (!survey) throw notFound("この調査は見つかりません。");
  return survey;
}

export function auditContext(c: Context, signedIn: SignedIn, trustProxy?: boolean) {
  return { municipalityId: staffState(c).municipality.id, actor: userActor(signedIn.user), ip: clientIp(c, trustProxy), userId: signedIn.user.id };
}

export const staffOf = (signedIn: SignedIn) => ({ user: signedIn.user, csrfToken: signedIn.csrfToken });

/** The site's public origin for addresses printed on letters: SITE_URL, else the address this request came to. */
export const originOf = (c: Context, siteUrl?: string) => siteUrl ?? new URL(c.req.url).origin;
