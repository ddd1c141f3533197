/**
 * The prefecture administrator's area, /prefectures/{2桁}/staff/… (decision
 * 037): the middleware that finds the prefecture and the session on every
 * request, and `requirePrefectureAdmin`, which each handler calls first —
 * the prefecture's counterpart of staff-area.ts. A municipality's staff
 * member signed in at their municipality is answered 403 here.
 *
 * The session comes from its own cookie and only ever finds an account of
 * a prefecture (never a municipality's staff); presented under another
 * prefecture's address it is treated as absent and pages answer 404. The
 * second factor is always required here, whatever the account.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { Database } from "../../core/db/database.ts";
import { HttpError, notFound } from "../../core/http/http-error.ts";
import { findPrefecture, type Prefecture } from "../tenancy/prefectures.ts";
import { isSessionExpired, needsTouch, sessionIdOf, sessionStage, type SessionStage } from "./domain/session-policy.ts";
import { findPrefectureSession } from "./repository/prefecture-admin-queries.ts";
import { deleteSession, findSession, touchSession } from "./repository/session-repository.ts";
import { clearSessionCookie, PREFECTURE_SESSION_COOKIE, readSessionToken } from "./session-cookie.ts";
import type { PrefectureAdmin } from "./user.ts";
import { STAGE_PATHS } from "./staff-area.ts";

export type PrefectureSignedIn = {
  sessionId: string;
  csrfToken: string;
  mfaVerified: boolean;
  stage: SessionStage;
  admin: PrefectureAdmin;
};

export type PrefectureStaffState = {
  prefecture: Prefecture;
  session: PrefectureSignedIn | undefined;
  /** A valid session of another prefecture's administrator was presented. */
  foreignSession: boolean;
  /** No prefecture session, but a municipality's staff session: these pages are not theirs (403). */
  municipalStaff: boolean;
  expired: boolean;
};

export type PrefectureStaffEnv = { Variables: { prefectureStaff: PrefectureStaffState } };

export const PREFECTURE_STAFF_PATH = "/prefectures/:prefCode{[0-9]{2}}/staff/*";

export const prefectureStaffBase = (p: Pick<Prefecture, "code">) => `/prefectures/${p.code}/staff`;

/** The stage of a prefecture administrator's session: as a municipal administrator's, the second factor always required. */
export const prefectureStage = (admin: PrefectureAdmin, session: { mfaVerified: boolean }): SessionStage =>
  sessionStage({ roles: [], totpEnabled: admin.totpEnabled, mustChangePassword: admin.mustChangePassword, mustEnrolTotp: true }, session);

export function prefectureStaffArea(db: Database): MiddlewareHandler<PrefectureStaffEnv> {
  return async (c, next) => {
    const prefecture = findPrefecture(c.req.param("prefCode") ?? "");
    if (!prefecture) throw notFound();
    const state: PrefectureStaffState = { prefecture, session: undefined, foreignSession: false, municipalStaff: false, expired: false };
    const token = readSessionToken(c, PREFECTURE_SESSION_COOKIE);
    if (token) {
      const now = new Date();
      const found = await findPrefectureSession(db, sessionIdOf(token));
      if (!found) {
        clearSessionCookie(c, PREFECTURE_SESSION_COOKIE);
      } else if (isSessionExpired(found, now) || found.admin.disabledAt !== null) {
        await deleteSession(db, found.id);
        clearSessionCookie(c, PREFECTURE_SESSION_COOKIE);
        state.expired = found.admin.disabledAt === null;
      } else if (found.admin.prefectureCode !== prefecture.code) {
        state.foreignSession = true;
      } else {
        if (needsTouch(found, now)) await touchSession(db, found.id, now);
        state.session = {
          sessionId: found.id,
          csrfToken: found.csrfToken,
          mfaVerified: found.mfaVerified,
          stage: prefectureStage(found.admin, found),
          admin: found.admin,
        };
      }
    }
    if (!state.session && !state.foreignSession) {
      const staffToken = readSessionToken(c);
      const staff = staffToken ? await findSession(db, sessionIdOf(staffToken)) : undefined;
      state.municipalStaff = staff !== undefined && !isSessionExpired(staff, new Date());
    }
    c.set("prefectureStaff", state);
    await next();
    c.header("Cache-Control", "no-store");
  };
}

export function prefectureStaffState(c: Context): PrefectureStaffState {
  const state = c.get("prefectureStaff") as PrefectureStaffState | undefined;
  if (!state) throw new Error("prefectureStaffArea middleware is not mounted for this path");
  return state;
}

/** The signed-in prefecture administrator, or the response that takes them to sign-in or to the step they must finish first. */
export function requirePrefectureAdmin(c: Context, options: { stages?: readonly SessionStage[] } = {}): PrefectureSignedIn | Response {
  const { prefecture, session, foreignSession, municipalStaff, expired } = prefectureStaffState(c);
  const base = prefectureStaffBase(prefecture);
  if (!session) {
    if (foreignSession) throw notFound();
    if (municipalStaff) {
      throw new HttpError(403, "このページを利用する権限がありません", "都道府県管理者のページです。市町村の職員のアカウントでは利用できません。");
    }
    return c.redirect(`${base}/sign-in${expired ? "?reason=expired" : ""}`, 303);
  }
  const allowed = options.stages ?? ["ready"];
  if (!allowed.includes(session.stage)) return c.redirect(`${base}${STAGE_PATHS[session.stage]}`, 303);
  return session;
}
