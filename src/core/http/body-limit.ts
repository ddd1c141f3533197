/**
 * Request bodies end at their route's limit, before anyone reads them: a
 * handler that parses a form holds the whole body in memory, so without a
 * limit one large POST (to the sign-in page, which anyone may reach) costs
 * the server its memory. A declared Content-Length over the limit is refused
 * at once with 413, the body unread, and the connection closed after the
 * answer (Node would otherwise read the rest to keep it alive). A body
 * without a length (chunked) is counted as it streams through, never
 * buffered here, and cut where it passes the limit: the handler's read
 * fails with the same 413 (the rest is read and discarded by Node, within
 * its request timeout, so that the client receives the answer). Limits per route: see app.ts and decision 020.
 */
import type { MiddlewareHandler } from "hono";
import { payloadTooLarge } from "./http-error.ts";

/** The first rule whose pattern matches the path decides; else the fallback. */
export type BodyLimitRule = { path: RegExp; maxBytes: number };

export function bodyLimits(rules: readonly BodyLimitRule[], fallbackBytes: number): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const maxBytes = rules.find((r) => r.path.test(c.req.path))?.maxBytes ?? fallbackBytes;
    const declared = c.req.header("Content-Length");
    if (declared !== undefined && c.req.header("Transfer-Encoding") === undefined) {
      // Node's parser has checked the header's form, and ends the body at the declared length.
      if (Number(declared) > maxBytes) {
        c.header("Connection", "close");
        throw payloadTooLarge(maxBytes);
      }
      return next();
    }
    let size = 0;
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          size += chunk.byteLength;
          // Reaches the handler's form read, which rethrows it to the app's error page.
          if (size > maxBytes) controller.error(payloadTooLarge(maxBytes));
          else controller.enqueue(chunk);
        },
      }),
      // Cancelling the source would destroy the request, and its socket with it, before the 413 is written.
      { preventCancel: true },
    );
    c.req.raw = new Request(c.req.raw, { body: counted, duplex: "half" } as RequestInit);
    return next();
  };
}
