/**
 * Backups of the whole database, and restoring one into an empty database
 * (decision 031). Two kinds, matching the two databases the product runs on:
 *
 * - PostgreSQL server (DATABASE_URL): pg_dump's custom format, restored with
 *   pg_restore in one transaction. pg_dump reads one snapshot, so the copy
 *   is consistent while the app keeps running.
 * - Embedded PGlite (DATA_DIR): PGlite's own copy of its data directory
 *   (dumpDataDir), gzipped. PGlite is one process's database: the copy needs
 *   the data-directory lock, so while a server runs it is refused with a
 *   message saying to stop the server (or to move to a PostgreSQL server).
 *
 * The kind is told by the file's first bytes, so a file can never be
 * restored into the wrong kind of database by mistake. A restore never
 * overwrites: the target must be empty, and says so otherwise.
 */
import { createReadStream } from "node:fs";
import { mkdir, open, readdir, rename, rm, writeFile, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { lockDataDir } from "../db/data-dir-lock.ts";
import { openPglite } from "../db/pglite.ts";
import { openPostgres } from "../db/postgres.ts";
import { pgTool, runPgTool } from "./pg-tools.ts";

export type BackupSource = { databaseUrl?: string; dataDir: string };
export type BackupKind = "postgres" | "pglite";

/** A problem the operator can fix; the message is Japanese and says how. */
export class BackupError extends Error {}

const KIND_LABEL: Record<BackupKind, string> = { postgres: "PostgreSQL サーバー（pg_dump カスタム形式）", pglite: "組み込みデータベース（PGlite）" };

export async function backupDatabase(source: BackupSource, file: string): Promise<{ kind: BackupKind; bytes: number }> {
  await mkdir(dirname(file), { recursive: true });
  // Written beside the target and renamed at the end: a failed backup never
  // leaves a half-written file under the name a restore would use.
  const partial = `${file}.partial`;
  try {
    if (source.databaseUrl) {
      await runPgTool(pgTool("pg_dump"), ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`, `--dbname=${source.databaseUrl}`]);
    } else {
      const lock = lockForBackup(source.dataDir, "バックアップ");
      try {
        const db = await openPglite(`${source.dataDir}/pglite`);
        try {
          const tar = Buffer.from(await (await db.dumpDataDir()).arrayBuffer());
          await writeFile(partial, gzipSync(tar));
        } finally {
          await db.close();
        }
      } finally {
        lock.release();
      }
    }
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error instanceof BackupError ? error : new BackupError(`バックアップを取れませんでした: ${(error as Error).message}`);
  }
  const handle = await open(file);
  const { size } = await handle.stat();
  await handle.close();
  return { kind: source.databaseUrl ? "postgres" : "pglite", bytes: size };
}

export async function restoreDatabase(target: BackupSource, file: string): Promise<{ kind: BackupKind }> {
  const kind = await backupKindOf(file);
  const wanted: BackupKind = target.databaseUrl ? "postgres" : "pglite";
  if (kind !== wanted) {
    throw new BackupError(
      `${file} は${KIND_LABEL[kind]}のバックアップです。復元先は${KIND_LABEL[wanted]}なので復元できません` +
        (kind === "pglite" ? "（DATABASE_URL を指定せずに実行してください）。" : "（DATABASE_URL に空のデータベースを指定してください）。"),
    );
  }
  if (target.databaseUrl) {
    await requireEmptyServerDatabase(target.databaseUrl);
    try {
      await runPgTool(pgTool("pg_restore"), ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${target.databaseUrl}`, file]);
    } catch (error) {
      throw new BackupError(`復元できませんでした（データベースは元の空のままです）: ${(error as Error).message}`);
    }
    return { kind };
  }
  const lock = lockForBackup(target.dataDir, "復元");
  try {
    const dir = `${target.dataDir}/pglite`;
    const existing = await readdir(dir).catch(() => []);
    if (existing.length > 0) {
      throw new BackupError(`復元先 ${dir} にはデータベースがあります。上書きはしません。空のディレクトリを DATA_DIR に指定してください。`);
    }
    let tar: Buffer;
    try {
      tar = gunzipSync(await readFile(file));
    } catch {
      throw new BackupError(`${file} は壊れています（展開できません）。`);
    }
    try {
      const db = await openPglite(dir, { loadDataDir: new Blob([new Uint8Array(tar)]) });
      await db.query("select 1");
      await db.close();
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw new BackupError(`${file} から復元できませんでした（何も残していません）: ${(error as Error).message}`);
    }
  } finally {
    lock.release();
  }
  return { kind };
}

/** "PGDMP" starts a pg_dump custom-format file; gzip's magic starts ours. */
export async function backupKindOf(file: string): Promise<BackupKind> {
  const head = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    createReadStream(file, { start: 0, end: 4 })
      .on("data", (chunk) => chunks.push(chunk as Buffer))
      .on("end", () => resolve(Buffer.concat(chunks)))
      .on("error", (error: NodeJS.ErrnoException) =>
        reject(new BackupError(error.code === "ENOENT" ? `バックアップファイル ${file} が見つかりません。` : `${file} を読めません: ${error.message}`)),
      );
  });
  if (head.toString("latin1") === "PGDMP") return "postgres";
  if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
  throw new BackupError(`${file} はこのシステムのバックアップではありません（pg_dump のカスタム形式でも、組み込みデータベースのバックアップでもありません）。`);
}

function lockForBackup(dataDir: string, what: string) {
  try {
    return lockDataDir(dataDir);
  } catch (error) {
    throw new BackupError(
      `組み込みデータベース（${dataDir}）は起動中のサーバーが使っているため、${what}できません。` +
        `サーバーを止めてから実行してください（止めずにバックアップを取るには PostgreSQL サーバーで運用します。docs/operations.md）。詳細: ${(error as Error).message}`,
    );
  }
}

async function requireEmptyServerDatabase(databaseUrl: string): Promise<void> {
  let db;
  try {
    db = await openPostgres(databaseUrl, 1);
  } catch (error) {
    throw new BackupError(`復元先のデータベースに接続できません: ${(error as Error).message}`);
  }
  try {
    const [row] = await db.query<{ tables: string }>(`select count(*)::text as tables from information_schema.tables where table_schema = 'public'`);
    if (Number(row!.tables) > 0) {
      throw new BackupError(`復元先のデータベースは空ではありません（テーブルが ${row!.tables} 個あります）。上書きはしません。空のデータベースを作って DATABASE_URL に指定してください。`);
    }
  } finally {
    await db.close();
  }
}
