/**
 * Cross-site request forgery protection for state-changing requests
 * (POST, PUT, PATCH, DELETE), in two layers:
 *
 * 1. Same origin. Browsers say where a request comes from: Sec-Fetch-Site
 *    (all current browsers), else Origin (sent on every cross-origin POST).
 *    A request that a browser marks as coming from another site is refused.
 *    A request with neither header did not come from a current browser's
 *    cross-site form, so this layer lets it through (the approach of Go's
 *    net/http CrossOriginProtection). This layer alone protects forms shown
 *    before there is a session (sign-in).
 * 2. Synchronizer token. When the request carries a session, its form must
 *    also carry that session's token as the hidden field `_csrf`.
 *
 * See docs/decisions/008-authentication.md.
 */
import { timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { HttpError } from "./http-error.ts";

export const CSRF_FIELD = "_csrf";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type CsrfOptions = {
  /** The token the request's session expects, or undefined when there is no session. */
  expectedToken: (c: Context) => string | undefined;
  /** Public addresses of the site besides the request's own host (SITE_URL behind a proxy). */
  trustedOrigins?: readonly string[];
};

export const csrfRefused = () =>
  new HttpError(
    403,
    "この操作を受け付けられませんでした",
    "ページの有効期限が切れたか、別のサイトから送信された可能性があります。前のページに戻って再読み込みし、もう一度操作してください。",
  );

export function csrfProtection(options: CsrfOptions): MiddlewareHandler {
  const trusted = new Set((options.trustedOrigins ?? []).map((o) => new URL(o).origin));
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    if (!isSameOrigin(c, trusted)) throw csrfRefused();
    const expected = options.expectedToken(c);
    if (expected !== undefined) {
      const body = await c.req.parseBody();
      const sent = body[CSRF_FIELD];
      if (typeof sent !== "string" || !tokensEqual(sent, expected)) throw csrfRefused();
    }
    return next();
  };
}

function isSameOrigin(c: Context, trusted: ReadonlySet<string>): boolean {
  const site = c.req.header("Sec-Fetch-Site");
  if (site !== undefined) return site === "same-origin";
  const origin = c.req.header("Origin");
  if (origin === undefined) return true;
  if (origin === "null") return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  // Host, not scheme: behind a TLS-terminating proxy the app sees http:// for an https:// page.
  return parsed.host === new URL(c.req.url).host || trusted.has(parsed.origin);
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
