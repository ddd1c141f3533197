/**
 * The session cookie: HttpOnly (scripts cannot read it), SameSite=Lax (not
 * sent on cross-site POSTs), Secure whenever the page was served over HTTPS
 * (behind a trusted proxy, by its X-Forwarded-Proto) or COOKIE_SECURE=always
 * (core/http/request-scheme.ts). No Max-Age: it ends with the browser; the
 * server enforces the timeouts.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { secureCookies } from "../../core/http/request-scheme.ts";
import { SESSION_COOKIE } from "./domain/session-policy.ts";

/**
 * A prefecture administrator's session has a cookie of its own (decision
 * 037), so that it and a municipality's session never replace or clear each
 * other in one browser, and neither area ever reads the other's token.
 */
export const PREFECTURE_SESSION_COOKIE = "dxp_prefecture_session";

type CookieName = typeof SESSION_COOKIE | typeof PREFECTURE_SESSION_COOKIE;

export function readSessionToken(c: Context, name: CookieName = SESSION_COOKIE): string | undefined {
  const token = getCookie(c, name);
  // Our tokens are 43 base64url characters; anything else is not worth a query.
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
}

export function setSessionCookie(c: Context, token: string, name: CookieName = SESSION_COOKIE): void {
  setCookie(c, name, token, { httpOnly: true, sameSite: "Lax", path: "/", secure: secureCookies(c) });
}

export function clearSessionCookie(c: Context, name: CookieName = SESSION_COOKIE): void {
  deleteCookie(c, name, { httpOnly: true, sameSite: "Lax", path: "/", secure: secureCookies(c) });
}
