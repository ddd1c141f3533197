/**
 * The one database interface the application sees. Two implementations
 * (embedded PGlite and a PostgreSQL server through `pg`) run the same SQL, so
 * every repository and every test works unchanged on both.
 *
 * Values come back the same way from both: integers (including counts) as
 * numbers, `numeric` as decimal strings so that "38.0" keeps its scale.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  /** One parameterised statement ($1, $2 …). */
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: "pglite" | "postgres";
  /** Runs `work` in one transaction: commits if it resolves, rolls back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
