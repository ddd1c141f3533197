/**
 * The staff area, /:lgCode/staff/…: a middleware that finds the
 * municipality and the signed-in session on every request (whichever module
 * serves the page), and `requireUser`, which each handler calls first.
 *
 *   const signedIn = requireUser(c, { roles: ["administrator"] });
 *   if (signedIn instanceof Response) return signedIn; // to sign-in or the next step
 *   signedIn.user …
 *
 * A session belongs to one user and so to one municipality. Presented under
 * another municipality's address it is treated as absent, and pages that
 * need a user answer 404 rather than revealing anything about that place.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { Database } from "../../core/db/database.ts";
import { HttpError, notFound } from "../../core/http/http-error.ts";
import { findMunicipality } from "../tenancy/repository/municipality-queries.ts";
import type { Municipality } from "../tenancy/municipality.ts";
import type { Role } from "../tenancy/roles.ts";
import { isSessionExpired, needsTouch, sessionIdOf, sessionStage, type SessionStage } from "./domain/session-policy.ts";
import { deleteSession, findSession, touchSession } from "./repository/session-repository.ts";
import { clearSessionCookie, readSessionToken } from "./session-cookie.ts";
import type { StaffUser } from "./user.ts";

export type SignedIn = {
  sessionId: string;
  csrfToken: string;
  /** A second factor was verified in this session. */
  mfaVerified: boolean;
  stage: SessionStage;
  user: StaffUser;
};

export type StaffState = {
  municipality: Municipality;
  /** The session of this municipality presented with the request, if any and still valid. */
  session: SignedIn | undefined;
  /** A valid session of another municipality was presented. */
  foreignSession: boolean;
  /** The presented session had just timed out (the sign-in page says so). */
  expired: boolean;
};

export type StaffEnv = { Variables: { staff: StaffState } };

/** Hono's trailing /* also matches /:lgCode/staff itself. */
export const STAFF_PATH = "/:lgCode{[0-9]{6}}/staff/*";

export const staffBase = (m: Pick<Municipality, "lgCode">) => `/${m.lgCode}/staff`;

export function staffArea(db: Database): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const municipality = await findMunicipality(db, c.req.param("lgCode")!);
    if (!municipality) throw notFound();
    const state: StaffState = { municipality, session: undefined, foreignSession: false, expired: false };
    const token = readSessionToken(c);
    if (token) {
      const now = new Date();
      const found = await findSession(db, sessionIdOf(token));
      if (!found) {
        clearSessionCookie(c);
      } else if (isSessionExpired(found, now) || found.user.disabledAt !== null) {
        await deleteSession(db, found.id);
        clearSessionCookie(c);
        state.expired = found.user.disabledAt === null;
      } else if (found.user.municipalityId !== municipality.id) {
        state.foreignSession = true;
      } else {
        if (needsTouch(found, now)) await touchSession(db, found.id, now);
        state.session = {
          sessionId: found.id,
          csrfToken: found.csrfToken,
          mfaVerified: found.mfaVerified,
          stage: sessionStage(found.user, found),
          user: found.user,
        };
      }
    }
    c.set("staff", state);
    await next();
    // Staff pages show personal and unpublished data: never keep them in any cache.
    c.header("Cache-Control", "no-store");
  };
}

export function staffState(c: Context): StaffState {
  const state = c.get("staff") as StaffState | undefined;
  if (!state) throw new Error("staffArea middleware is not mounted for this path");
  return state;
}

/** Where, under a staff area's base path, each unfinished sign-in step is completed (municipal and prefecture areas alike). */
export const STAGE_PATHS: Record<SessionStage, string> = {
  two_factor: "/two-factor",
  two_factor_setup: "/two-factor/setup",
  password_change: "/password",
  ready: "",
};

/**
 * The signed-in user, or the response that takes them where they must go
 * first: the sign-in page (with ?next= for a page they asked for), the
 * second factor, or the password change. A missing role is a 403 page.
 */
export function requireUser(
  c: Context,
  options: { roles?: readonly Role[]; stages?: readonly SessionStage[] } = {},
): SignedIn | Response {
  const { municipality, session, foreignSession, expired } = staffState(c);
  const base = staffBase(municipality);
  const url = new URL(c.req.url);
  // Where to come back to: only a page (GET); a form's target is no place to land.
  const next = c.req.method === "GET" ? url.pathname + url.search : undefined;
  if (!session) {
    if (foreignSession) throw notFound();
    const params = new URLSearchParams();
    if (next) params.set("next", next);
    if (expired) params.set("reason", "expired");
    const query = params.toString();
    return c.redirect(`${base}/sign-in${query ? `?${query}` : ""}`, 303);
  }
  const allowed = options.stages ?? ["ready"];
  if (!allowed.includes(session.stage)) {
    // The code step leads on to the page asked for; enrolment and password change end at the staff home.
    const carry = session.stage === "two_factor" && next && next !== base ? `?${new URLSearchParams({ next })}` : "";
    return c.redirect(`${base}${STAGE_PATHS[session.stage]}${carry}`, 303);
  }
  if (options.roles && !options.roles.some((role) => session.user.roles.includes(role))) {
    throw new HttpError(403, "このページを利用する権限がありません", "この操作に必要な役割が割り当てられていません。必要な場合はシステム管理者に依頼してください。");
  }
  return session;
}
