/**
 * Every test that touches data runs against both databases the product
 * supports: embedded PGlite (in memory) and a PostgreSQL server (a fresh
 * database per test file on the run's throwaway cluster).
 *
 *   describeEachDatabase("importPlan", (ctx) => { it("…", async () => { ctx.db … }) });
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, inject } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { migrate } from "../../src/core/db/migrate.ts";
import { openPglite } from "../../src/core/db/pglite.ts";
import { openPostgres } from "../../src/core/db/postgres.ts";

export type DatabaseKind = "pglite" | "postgres";
export type DatabaseContext = { db: Database; kind: DatabaseKind };

export function postgresAvailable(): boolean {
  return inject("postgresUrl") !== "";
}

/** A migrated, empty database of the given kind; close() also drops a server database. */
export async function createTestDatabase(kind: DatabaseKind): Promise<Database> {
  if (kind === "pglite") {
    const db = await openPglite();
    await migrate(db);
    return db;
  }
  const adminUrl = inject("postgresUrl");
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), 4);
  await migrate(db);
  return {
    ...db,
    async close() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export function describeEachDatabase(
  name: string,
  body: (ctx: DatabaseContext) => void,
  options: { setup?: (db: Database) => Promise<void> } = {},
): void {
  for (const kind of ["pglite", "postgres"] as const) {
    const skip = kind === "postgres" && !postgresAvailable();
    describe.skipIf(skip)(`${name} [${kind}]`, () => {
      const ctx = { kind } as DatabaseContext;
      beforeAll(async () => {
        ctx.db = await createTestDatabase(kind);
        await options.setup?.(ctx.db);
      });
      afterAll(async () => {
        await ctx.db?.close();
      });
      body(ctx);
    });
  }
}
