/**
 * The app's HTTP server keeps idle keep-alive connections longer than nginx
 * keeps its idle upstream connections (60 s by default), so nginx never reuses
 * a connection the app is closing (a reset: 502, and the process taken out of
 * rotation). Found by the mixed-load benchmark; see server-timeouts.ts.
 */
import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { applyServerTimeouts, KEEP_ALIVE_TIMEOUT_MS } from "../../src/core/http/server-timeouts.ts";

const NGINX_UPSTREAM_KEEPALIVE_TIMEOUT_MS = 60_000;

describe("server timeouts behind a reverse proxy", () => {
  it("keeps idle connections longer than nginx does, and lets headers wait longer still", () => {
    const server = createServer();
    expect(server.keepAliveTimeout).toBeLessThan(NGINX_UPSTREAM_KEEPALIVE_TIMEOUT_MS); // Node's default (5 s): the bug
    applyServerTimeouts(server);
    expect(server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
    expect(server.keepAliveTimeout).toBeGreaterThan(NGINX_UPSTREAM_KEEPALIVE_TIMEOUT_MS);
    expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
  });
});
