import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * JSON with its charset stated (Hono's c.json says only application/json):
 * some consumers, and the open data guidelines, expect the encoding named.
 */
export function jsonResponse(c: Context, body: unknown, status: ContentfulStatusCode = 200): Response {
  return c.body(JSON.stringify(body), status, { "Content-Type": "application/json; charset=utf-8" });
}
