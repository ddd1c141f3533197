/**
 * `npm start` stops cleanly on SIGTERM (issue #9 §1, §5): it stops taking
 * connections, finishes the request in flight — here one whose body is still
 * arriving when the signal comes — and exits 0, releasing the embedded
 * database's lock so that the next start needs no hand-deleted file.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openPglite } from "../../src/core/db/pglite.ts";
import { startAppProcess, type Process } from "../support/app-processes.ts";

describe("stopping the server with SIGTERM", () => {
  let dir: string;
  let app: Process;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "graceful-stop-"));
    // Start from the run's migrated seed rather than an initdb of its own.
    await mkdir(join(dir, "pglite"));
    const seed = await openPglite(join(dir, "pglite"), { loadDataDir: new Blob([new Uint8Array(await readFile(inject("pgliteSeeds").migrated))]) });
    await seed.close();
    app = await startAppProcess({ DATA_DIR: dir, BOOTSTRAP_PLAN: "none" });
  }, 90_000);
  afterAll(async () => {
    await app?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("answers the request in flight, refuses new connections, and exits 0 without leaving the lock", async () => {
    const { port } = new URL(app.url);
    const body = "loginId=someone&password=wrong-password";
    const socket = connect(Number(port), "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    let response = "";
    socket.setEncoding("utf8").on("data", (chunk: string) => (response += chunk));
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    // Headers and half the body: the request is in flight.
    socket.write(
      `POST /362018/staff/sign-in HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((r) => setTimeout(r, 300));

    app.child.kill("SIGTERM");
    for (let waited = 0; !app.output().includes("SIGTERM を受け取りました") && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 200));
    await expect(fetch(`${app.url}/healthz`, { signal: AbortSignal.timeout(3000) })).rejects.toThrow();

    socket.write(body.slice(10));
    await closed;
    // A complete HTTP answer (a refusal of the unknown municipality's sign-in), not a reset connection.
    expect(response).toMatch(/^HTTP\/1\.1 \d{3} /);
    expect(await app.exited).toBe(0);
    expect(existsSync(join(dir, "dx-plan.lock"))).toBe(false);
  }, 30_000);
});
