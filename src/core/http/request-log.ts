/**
 * One structured JSON line per request (issue #9 §1), for a log collector
 * rather than a person: time, request id, method, path, status, duration.
 * The request id is taken from the reverse proxy's X-Request-Id when it is
 * a plausible id, else made here, and is sent back in the response so a
 * citizen's report of an error page can be matched to the log line.
 * Query strings are left out: they may carry search words or tokens.
 */
import type { MiddlewareHandler } from "hono";
import { randomUUID } from "node:crypto";

export type LogEntry = Record<string, string | number | boolean | undefined>;
export type LogSink = (entry: LogEntry) => void;

/** Writes each entry as one JSON line on stdout. */
export const jsonLines: LogSink = (entry) => process.stdout.write(`${JSON.stringify(entry)}\n`);

const PLAUSIBLE_ID = /^[A-Za-z0-9._-]{8,128}$/;

export function requestLog(sink: LogSink): MiddlewareHandler {
  return async (c, next) => {
    const incoming = c.req.header("X-Request-Id");
    const id = incoming && PLAUSIBLE_ID.test(incoming) ? incoming : randomUUID();
    c.header("X-Request-Id", id);
    const started = performance.now();
    try {
      await next();
    } finally {
      sink({
        time: new Date().toISOString(),
        level: c.res.status >= 500 ? "error" : "info",
        requestId: id,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    }
  };
}
