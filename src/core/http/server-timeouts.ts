/**
 * Timeouts of the Node HTTP server behind a reverse proxy. nginx keeps idle
 * connections to the app open for reuse (upstream `keepalive`, idle up to its
 * `keepalive_timeout`, 60 s by default). Node closes an idle keep-alive
 * connection after 5 s by default: when nginx sends the next request on a
 * connection in the instant Node closes it, the request fails with
 * "Connection reset by peer" — a 502 for a POST, which nginx must not resend,
 * and, with max_fails=1, the process is taken out of rotation; with every
 * process out, all requests answer 502 ("no live upstreams"). The mixed-load
 * benchmark (bench/mixed) found this: under 200 staff, thousands of 502s.
 * The app therefore keeps idle connections longer than the proxy does, so
 * it is always the proxy that closes them.
 */
import type { Server } from "node:http";

/** Longer than nginx's upstream keepalive_timeout (60 s by default). */
export const KEEP_ALIVE_TIMEOUT_MS = 75_000;

export function applyServerTimeouts(server: Pick<Server, "keepAliveTimeout" | "headersTimeout">): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Node requires headersTimeout to exceed keepAliveTimeout, or an idle connection's next request can time out early.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
}
