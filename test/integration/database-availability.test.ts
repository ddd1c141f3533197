/**
 * A PostgreSQL server that goes away (restart, failover, an administrator
 * ending sessions) must not end the app process: requests meanwhile get a
 * Japanese 503 page, and the app serves again by itself once the server is
 * back. Issue #9 §5: before this, pg_terminate_backend ended the process.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { createApp } from "../../src/app.ts";
import { LICENSES } from "../../src/config.ts";
import type { LogEntry } from "../../src/core/http/request-log.ts";
import { testApp } from "../support/app.ts";
import { createTestDatabase, describeEachDatabase, postgresAvailable } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";

describe.skipIf(!postgresAvailable())("when the PostgreSQL server goes away [postgres]", () => {
  let db: Database;
  let name = "";
  let admin: pg.Client;
  beforeAll(async () => {
    db = await createTestDatabase("postgres", "tokushima");
    [{ name }] = (await db.query<{ name: string }>("select current_database() as name")) as [{ name: string }];
    admin = new pg.Client({ connectionString: inject("postgresUrl") });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.query(`alter database ${name} with allow_connections true`).catch(() => {});
    await admin?.end();
    await db?.close();
  });

  const endSessions = () =>
    admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [name]);

  it("fails a transaction whose connection is ended, without ending the process", async () => {
    const running = db.transaction((tx) => tx.query("select pg_sleep(30)"));
    const settled = running.then(
      () => "resolved",
      (error: Error) => error.message,
    );
    // Wait until the sleep is really running on the server, then end it.
    for (let i = 0; i < 100; i++) {
      const rows = await admin.query("select 1 from pg_stat_activity where datname = $1 and query like 'select pg_sleep%'", [name]);
      if (rows.rowCount) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await endSessions();
    expect(await settled).not.toBe("resolved");
    // The pool gave up the dead connection: the next transaction works.
    expect(await db.transaction((tx) => tx.query<{ one: number }>("select 1 as one"))).toEqual([{ one: 1 }]);
  });

  it("answers 503 in Japanese while the database refuses connections, and serves again once it is back", async () => {
    const app = testApp(db);
    expect((await app.request("/362018/initiatives/1")).status).toBe(200);

    await admin.query(`alter database ${name} with allow_connections false`);
    await endSessions();
    const away = await app.request("/362018/initiatives/2");
    expect(away.status).toBe(503);
    expect(away.headers.get("Retry-After")).toBe("30");
    expect(visibleText(await away.text())).toContain("ただいま表示できません");

    await admin.query(`alter database ${name} with allow_connections true`);
    // A connection ended while idle may be noticed only when next used: the app
    // recovers by itself within a few requests, without a restart.
    let status = 0;
    for (let attempt = 0; attempt < 10 && status !== 200; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 200));
      status = (await app.request("/362018/initiatives/2")).status;
    }
    expect(status).toBe(200);
  });
});

describeEachDatabase("health probes", (ctx) => {
  it("answers /healthz without the database and /readyz once every migration is applied", async () => {
    const app = testApp(ctx.db);
    const health = await app.request("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    expect(health.headers.get("Cache-Control")).toBe("no-store");

    expect(await (await app.request("/readyz")).json()).toEqual({ status: "ready" });

    // A migration this build has but the database lacks: not ready, and it says which.
    const [latest] = await ctx.db.query<{ version: string }>("select max(version) as version from schema_migration");
    await ctx.db.query("delete from schema_migration where version = $1", [latest!.version]);
    const stale = await app.request("/readyz");
    expect(stale.status).toBe(503);
    expect(await stale.json()).toMatchObject({ status: "unavailable", pending: [latest!.version] });
    await ctx.db.query("insert into schema_migration (version) values ($1)", [latest!.version]);
  });
});

describeEachDatabase("request log", (ctx) => {
  it("writes one JSON line per request with its id, passed back to the client; a proxy's id is kept", async () => {
    const lines: LogEntry[] = [];
    const app = createApp({ db: ctx.db, config: { license: LICENSES["pdl-1.0"], siteUrl: undefined }, log: (e) => lines.push(e) });
    const mine = await app.request("/healthz");
    const fromProxy = await app.request("/362018/no-such-page?q=secret", { headers: { "X-Request-Id": "proxy-req-0001" } });
    expect(fromProxy.headers.get("X-Request-Id")).toBe("proxy-req-0001");
    expect(lines).toEqual([
      expect.objectContaining({ requestId: mine.headers.get("X-Request-Id"), method: "GET", path: "/healthz", status: 200, level: "info" }),
      expect.objectContaining({ requestId: "proxy-req-0001", path: "/362018/no-such-page", status: 404 }),
    ]);
    expect(JSON.stringify(lines)).not.toContain("secret");
  });
});
