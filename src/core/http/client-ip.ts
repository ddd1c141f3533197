/**
 * The address a request came from, for sign-in throttling and the audit log.
 * Behind a reverse proxy every request arrives from the proxy; only when the
 * operator says a proxy is trusted is its X-Forwarded-For believed (its last
 * entry: the one the proxy itself added; earlier entries are client-supplied).
 */
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

export function clientIp(c: Context, trustProxy = false): string {
  if (trustProxy) {
    const forwarded = c.req.header("X-Forwarded-For")?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // app.request() in tests without a socket
  }
}
