/**
 * The restore drill (issue #9 §2): a backup of a database with a plan and
 * published results, restored into an empty database, gives the same data —
 * every table's rows and every open-data export, compared by checksum — on
 * both kinds of database. And the refusals an operator meets: the embedded
 * database in use by a server, a non-empty target, the wrong kind of file.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { backupDatabase, BackupError, restoreDatabase } from "../../src/core/backup/backup.ts";
import type { Database } from "../../src/core/db/database.ts";
import { lockDataDir } from "../../src/core/db/data-dir-lock.ts";
import { openDatabase } from "../../src/core/db/open-database.ts";
import { openPglite } from "../../src/core/db/pglite.ts";
import { openPostgres } from "../../src/core/db/postgres.ts";
import { DATASETS } from "../../src/modules/opendata/datasets.ts";
import { testApp } from "../support/app.ts";
import { postgresAvailable } from "../support/databases.ts";
import { publishSampleYears } from "../support/published-results.ts";
import { databaseUrl } from "../support/test-database-seeds.ts";

/** One digest per table: every row, in a fixed order. */
async function tableDigests(db: Database): Promise<Record<string, string>> {
  const tables = await db.query<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const digests: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await db.query<{ digest: string; rows: string }>(
      `select md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as digest, count(*)::text as rows from "${name}" t`,
    );
    digests[name] = `${row!.rows}:${row!.digest}`;
  }
  return digests;
}

/** SHA-256 of every dataset's CSV and JSON as a citizen downloads them. */
async function exportDigests(db: Database): Promise<Record<string, string>> {
  const app = testApp(db);
  const digests: Record<string, string> = {};
  for (const dataset of DATASETS) {
    for (const format of ["csv", "json"]) {
      const res = await app.request(`/362018/open-data/${dataset.id}.${format}`);
      expect(res.status, `${dataset.id}.${format}`).toBe(200);
      digests[`${dataset.id}.${format}`] = createHash("sha256").update(new Uint8Array(await res.arrayBuffer())).digest("hex");
    }
  }
  return digests;
}

async function snapshot(db: Database) {
  return { tables: await tableDigests(db), exports: await exportDigests(db) };
}

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "backup-drill-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("restore drill [pglite]", () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  const source = () => ({ dataDir: join(work, "source") });
  const file = () => join(work, "pglite.backup");

  beforeAll(async () => {
    const seed = await readFile(inject("pgliteSeeds").tokushima);
    await mkdir(join(work, "source"), { recursive: true });
    const db = await openPglite(join(work, "source", "pglite"), { loadDataDir: new Blob([new Uint8Array(seed)]) });
    await db.close();
    const opened = await openDatabase(source()); // as the server opens it: locked, migrated
    await publishSampleYears(opened, "362018", [2022]);
    before = await snapshot(opened);
    await opened.close();
  });

  it("is refused while a server holds the embedded database, naming what to do", async () => {
    const lock = lockDataDir(source().dataDir);
    try {
      const error = await backupDatabase(source(), file()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupError);
      expect((error as Error).message).toContain("起動中のサーバーが使っているため、バックアップできません");
    } finally {
      lock.release();
    }
  });

  it("backs up, restores into an empty directory, and gives identical data and exports", async () => {
    const { bytes } = await backupDatabase(source(), file());
    expect(bytes).toBeGreaterThan(0);
    const target = { dataDir: join(work, "restored") };
    await restoreDatabase(target, file());
    const restored = await openDatabase(target);
    try {
      const after = await snapshot(restored);
      expect(Object.keys(after.tables)).toContain("initiative_report");
      expect(after.tables.initiative_report).toMatch(/^37:/);
      expect(after).toEqual(before);
    } finally {
      await restored.close();
    }
  });

  it("never restores over an existing database, nor a file that is not a backup", async () => {
    await expect(restoreDatabase(source(), file())).rejects.toThrow("上書きはしません");
    const junk = join(work, "junk.backup");
    await writeFile(junk, "lg_code,name\n362018,徳島市\n");
    await expect(restoreDatabase({ dataDir: join(work, "never") }, junk)).rejects.toThrow("このシステムのバックアップではありません");
    await expect(restoreDatabase({ dataDir: join(work, "never") }, join(work, "missing.backup"))).rejects.toThrow("見つかりません");
  });
});

describe.skipIf(!postgresAvailable())("restore drill [postgres]", () => {
  const admin = () => new pg.Client({ connectionString: inject("postgresUrl") });
  const names = [`drill_src_${randomBytes(4).toString("hex")}`, `drill_dst_${randomBytes(4).toString("hex")}`];
  const url = (name: string) => databaseUrl(inject("postgresUrl"), name);
  let before: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    const client = admin();
    await client.connect();
    await client.query(`create database ${names[0]} template ${inject("postgresSeeds").tokushima}`);
    await client.query(`create database ${names[1]}`);
    await client.end();
    const db = await openPostgres(url(names[0]!), 2);
    await publishSampleYears(db, "362018", [2022]);
    before = await snapshot(db);
    await db.close();
  });
  afterAll(async () => {
    const client = admin();
    await client.connect();
    for (const name of names) await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  });

  it("backs up with pg_dump while the database is in use, restores with pg_restore, identical data and exports", async () => {
    const file = join(work, "server.backup");
    const inUse = await openPostgres(url(names[0]!), 1); // a running app's connection does not stop a backup
    try {
      await backupDatabase({ databaseUrl: url(names[0]!), dataDir: work }, file);
    } finally {
      await inUse.close();
    }
    expect((await readFile(file)).subarray(0, 5).toString("latin1")).toBe("PGDMP");
    await restoreDatabase({ databaseUrl: url(names[1]!), dataDir: work }, file);
    const restored = await openPostgres(url(names[1]!), 2);
    try {
      expect(await snapshot(restored)).toEqual(before);
    } finally {
      await restored.close();
    }
  });

  it("refuses a non-empty target and an embedded-database backup, changing nothing", async () => {
    const file = join(work, "server.backup");
    await expect(restoreDatabase({ databaseUrl: url(names[1]!), dataDir: work }, file)).rejects.toThrow("空ではありません");
    const embedded = join(work, "embedded.backup"); // what `backup` writes without DATABASE_URL: gzip
    await writeFile(embedded, gzipSync("tar"));
    await expect(restoreDatabase({ databaseUrl: url(names[1]!), dataDir: work }, embedded)).rejects.toThrow("組み込みデータベース（PGlite）のバックアップです");
  });
});
