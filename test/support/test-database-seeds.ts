/**
 * The starting points of test databases, built once per run by global-setup:
 * "migrated" (the schema, no data) and "tokushima" (the schema and
 * Tokushima's plan imported as municipality 362018, with the plan's 2021
 * citizen survey). A test database is a
 * copy of one: PGlite loads a dump instead of running initdb and the
 * migrations; PostgreSQL creates the database from a template.
 */
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import type { Database } from "../../src/core/db/database.ts";
import { migrate } from "../../src/core/db/migrate.ts";
import { openPglite } from "../../src/core/db/pglite.ts";
import { openPostgres } from "../../src/core/db/postgres.ts";
import { loadTokushima } from "./fixtures.ts";
import { loadTokushimaSurvey } from "./survey-fixtures.ts";

export type Seed = "migrated" | "tokushima";
export type SeedFiles = Record<Seed, string>;

const SEEDS: Record<Seed, (db: Database) => Promise<unknown>> = {
  migrated: async () => {},
  tokushima: async (db) => {
    await loadTokushima(db);
    await loadTokushimaSurvey(db);
  },
};

export async function buildPgliteSeeds(dir: string): Promise<SeedFiles> {
  const files = {} as SeedFiles;
  for (const [seed, load] of Object.entries(SEEDS) as [Seed, (db: Database) => Promise<unknown>][]) {
    const db = await openPglite();
    await migrate(db);
    await load(db);
    files[seed] = join(dir, `${seed}.tar`);
    await writeFile(files[seed], Buffer.from(await (await db.dumpDataDir()).arrayBuffer()));
    await db.close();
  }
  return files;
}

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function buildPostgresSeeds(serverUrl: string): Promise<SeedFiles> {
  const names = {} as SeedFiles;
  const run = randomBytes(4).toString("hex");
  for (const [seed, load] of Object.entries(SEEDS) as [Seed, (db: Database) => Promise<unknown>][]) {
    names[seed] = `seed_${seed}_${run}`;
    await admin(serverUrl, (c) => c.query(`create database ${names[seed]}`));
    const db = await openPostgres(databaseUrl(serverUrl, names[seed]), 2);
    await migrate(db);
    await load(db);
    await db.close();
  }
  return names;
}

export async function dropPostgresSeeds(serverUrl: string, names: SeedFiles): Promise<void> {
  await admin(serverUrl, async (c) => {
    for (const name of Object.values(names)) await c.query(`drop database if exists ${name} with (force)`);
  });
}
