/**
 * Whether the browser reached us over HTTPS, which decides the session
 * cookie's Secure attribute. Behind a TLS-terminating reverse proxy every
 * request arrives over plain HTTP, so the socket cannot tell; only when the
 * operator says a proxy is trusted (TRUST_PROXY) is its X-Forwarded-Proto
 * believed (its last entry: the one the proxy itself added, as for
 * X-Forwarded-For in client-ip.ts). COOKIE_SECURE=always settles it whatever
 * the request says (a proxy that sends no X-Forwarded-Proto); never is for
 * plain-HTTP development on another machine than the browser's.
 */
import type { Context, MiddlewareHandler } from "hono";

export const COOKIE_SECURE_MODES = ["auto", "always", "never"] as const;
export type CookieSecure = (typeof COOKIE_SECURE_MODES)[number];

declare module "hono" {
  interface ContextVariableMap {
    secureCookies: boolean;
  }
}

export function isHttpsRequest(c: Context, trustProxy = false): boolean {
  if (new URL(c.req.url).protocol === "https:") return true;
  if (!trustProxy) return false;
  const forwarded = c.req.header("X-Forwarded-Proto")?.split(",").at(-1)?.trim().toLowerCase();
  return forwarded === "https";
}

/** Decides once per request, early, so every cookie set on the way agrees. */
export function requestScheme(settings: { trustProxy?: boolean; cookieSecure?: CookieSecure }): MiddlewareHandler {
  const mode = settings.cookieSecure ?? "auto";
  return async (c, next) => {
    c.set("secureCookies", mode === "always" || (mode === "auto" && isHttpsRequest(c, settings.trustProxy)));
    await next();
  };
}

/** Cookies set for this request carry Secure (the URL's scheme where the middleware is not mounted). */
export function secureCookies(c: Context): boolean {
  return c.get("secureCookies") ?? isHttpsRequest(c);
}
