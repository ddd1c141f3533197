/**
 * Applies the versioned SQL files in /migrations, in name order, each in its
 * own transaction with its record in schema_migration. The same files run on
 * PGlite and on a PostgreSQL server. An advisory lock keeps two processes that
 * start together against one server from applying a migration twice.
 */
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Database, Queryable } from "./database.ts";

const MIGRATIONS_DIR = fileURLToPath(new URL("../../../migrations/", import.meta.url));
const LOCK_KEY = 362018_0001;

async function migrationFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
}

/** Migrations this build has that the database has not applied (none when it is current). */
export async function pendingMigrations(db: Queryable, dir = MIGRATIONS_DIR): Promise<string[]> {
  const versions = (await migrationFiles(dir)).map((f) => f.replace(/\.sql$/, ""));
  const [table] = await db.query<{ exists: boolean }>("select to_regclass('schema_migration') is not null as exists");
  if (!table?.exists) return versions;
  const done = new Set((await db.query<{ version: string }>("select version from schema_migration")).map((r) => r.version));
  return versions.filter((v) => !done.has(v));
}

export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = await migrationFiles(dir);
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock($1)", [LOCK_KEY]);
    await tx.query(
      "create table if not exists schema_migration (version text primary key, applied_at timestamptz not null default now())",
    );
    const done = new Set((await tx.query<{ version: string }>("select version from schema_migration")).map((r) => r.version));
    for (const file of files) {
      const version = file.replace(/\.sql$/, "");
      if (done.has(version)) continue;
      const sql = await readFile(new URL(file, `file://${dir}`), "utf8");
      await tx.exec(sql);
      await tx.query("insert into schema_migration (version) values ($1)", [version]);
      applied.push(version);
    }
  });
  return applied;
}
