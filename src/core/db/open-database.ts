import type { Database } from "./database.ts";
import { lockDataDir, type DataDirLock } from "./data-dir-lock.ts";
import { migrate } from "./migrate.ts";
import { openPglite } from "./pglite.ts";
import { openPostgres } from "./postgres.ts";

/**
 * Opens the configured database and brings its schema up to date: a
 * PostgreSQL server when DATABASE_URL is set, otherwise the embedded PGlite
 * in DATA_DIR, locked against a second process.
 */
export async function openDatabase(config: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  let db: Database;
  let lock: DataDirLock | undefined;
  if (config.databaseUrl) {
    db = await openPostgres(config.databaseUrl);
  } else {
    lock = lockDataDir(config.dataDir);
    try {
      db = await openPglite(`${config.dataDir}/pglite`);
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    lock?.release();
    throw error;
  }
  if (!lock) return db;
  const heldLock = lock;
  return {
    ...db,
    async close() {
      try {
        await db.close();
      } finally {
        heldLock.release();
      }
    },
  };
}
