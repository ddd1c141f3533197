/**
 * Every test that touches data runs against both databases the product
 * supports: embedded PGlite (in memory) and a PostgreSQL server (a fresh
 * database per test file on the run's throwaway cluster). Both start from a
 * seed (`{ seed: "tokushima" }` for Tokushima's plan already loaded).
 *
 *   describeEachDatabase("importPlan", (ctx) => { it("…", async () => { ctx.db … }) });
 */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, inject } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { migrate } from "../../src/core/db/migrate.ts";
import { openPglite } from "../../src/core/db/pglite.ts";
import { openPostgres } from "../../src/core/db/postgres.ts";
import { databaseUrl, type Seed } from "./test-database-seeds.ts";

export type DatabaseKind = "pglite" | "postgres";
export type DatabaseContext = { db: Database; kind: DatabaseKind };

export function postgresAvailable(): boolean {
  return inject("postgresUrl") !== "";
}

/**
 * A migrated database of the given kind, copied from a seed built once per
 * run (test-database-seeds.ts): "migrated" is empty, "tokushima" holds
 * Tokushima's plan as 362018. close() also drops a server database.
 */
export async function createTestDatabase(kind: DatabaseKind, seed: Seed = "migrated"): Promise<Database> {
  if (kind === "pglite") {
    const dump = await readFile(inject("pgliteSeeds")[seed]);
    const db = await openPglite(undefined, { loadDataDir: new Blob([dump]) });
    await migrate(db); // a no-op unless a migration was added after the seed was built
    return db;
  }
  const adminUrl = inject("postgresUrl");
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject("postgresSeeds")[seed]}`);
  await admin.end();
  const db = await openPostgres(databaseUrl(adminUrl, name), 4);
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
  options: { seed?: Seed; setup?: (db: Database) => Promise<void> } = {},
): void {
  for (const kind of ["pglite", "postgres"] as const) {
    const skip = kind === "postgres" && !postgresAvailable();
    describe.skipIf(skip)(`${name} [${kind}]`, () => {
      const ctx = { kind } as DatabaseContext;
      beforeAll(async () => {
        ctx.db = await createTestDatabase(kind, options.seed);
        await options.setup?.(ctx.db);
      });
      afterAll(async () => {
        await ctx.db?.close();
      });
      body(ctx);
    });
  }
}
