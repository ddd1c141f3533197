import { PGlite } from "@electric-sql/pglite";
import type { Database, Queryable, Row } from "./database.ts";

/**
 * Embedded PostgreSQL (WASM). `dataDir` undefined keeps it in memory (tests).
 * PGlite does not lock its directory: callers must hold a DataDirLock first.
 * `loadDataDir` starts from a dump (PGlite's dumpDataDir) instead of running
 * initdb, which is most of the cost of opening an empty database.
 */
export type PgliteDatabase = Database & {
  /** A consistent copy of the whole data directory (a tar), loadable with `loadDataDir`. */
  dumpDataDir(): Promise<Blob>;
};

export async function openPglite(dataDir?: string, options: { loadDataDir?: Blob } = {}): Promise<PgliteDatabase> {
  const pg = await PGlite.create({ dataDir, loadDataDir: options.loadDataDir });
  const wrap = (q: Pick<PGlite, "query" | "exec">): Queryable => ({
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      const result = await q.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    kind: "pglite",
    ...wrap(pg),
    transaction: (work) => pg.transaction((tx) => work(wrap(tx))),
    close: () => pg.close(),
    dumpDataDir: () => pg.dumpDataDir("none"),
  };
}
