import pg from "pg";
import type { Database, Queryable, Row } from "./database.ts";

// Counts come back as int8; they are far below 2^53, so numbers are safe and
// match what PGlite returns. numeric stays a string (the pg default) to keep scale.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export async function openPostgres(connectionString: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  let closing = false;
  // An idle connection dropped by the server (restart, failover, an
  // administrator) must not crash the process: the pool replaces it on next use.
  pool.on("error", (error) => {
    if (!closing) console.error("PostgreSQL の待機中の接続が切断されました:", error.message);
  });
  // Fail at start-up, with the server's own reason, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const wrap = (client: Pick<pg.Pool, "query">): Queryable => ({
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(sql, params as unknown[]);
      return result.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  });
  /**
   * One connection runs one statement at a time; pg queues overlapping calls
   * but deprecates relying on it. Callers may use Promise.all inside a
   * transaction (loadPlan does), so the transaction's client chains them.
   */
  const serialised = (client: pg.PoolClient): Queryable => {
    const inner = wrap(client);
    let tail: Promise<unknown> = Promise.resolve();
    const next = <T>(run: () => Promise<T>): Promise<T> => {
      const result = tail.then(run, run);
      tail = result.catch(() => undefined);
      return result;
    };
    return {
      query: (sql, params) => next(() => inner.query(sql, params)),
      exec: (sql) => next(() => inner.exec(sql)),
    };
  };
  return {
    kind: "postgres",
    ...wrap(pool),
    async transaction(work) {
      const client = await pool.connect();
      // A checked-out client whose connection is ended (pg_terminate_backend,
      // a server restart) emits 'error'; unheard, that would end the process.
      // The statement in flight fails instead, and release(error) drops the client.
      let lost: Error | undefined;
      const onError = (error: Error) => {
        lost = error;
      };
      client.on("error", onError);
      try {
        await client.query("begin");
        const result = await work(serialised(client));
        await client.query("commit");
        return result;
      } catch (error) {
        if (!lost) await client.query("rollback").catch(() => undefined);
        throw error;
      } finally {
        client.off("error", onError);
        client.release(lost);
      }
    },
    close: async () => {
      closing = true;
      await pool.end();
    },
  };
}
