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

export function readSessionToken(c: Context): string | undefined {
  const token = getCookie(c, SESSION_COOKIE);
  // Our tokens are 43 base64url characters; anything else is not worth a query.
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
}

export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: "Lax", path: "/", secure: secureCookies(c) });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: "Lax", path: "/", secure: secureCookies(c) });
}
