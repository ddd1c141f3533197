/**
 * The schema as the database reports it (the catalogue, the same on PGlite
 * and a PostgreSQL server): the tables, their columns and the foreign keys
 * the archive follows.
 */
import type { Queryable } from "../../db/database.ts";

export type ColumnFact = { table: string; column: string; type: string; nullable: boolean; identity: boolean };
export type ForeignKeyFact = { name: string; table: string; column: string; refTable: string; refColumn: string };
export type SchemaFacts = { columns: ColumnFact[]; foreignKeys: ForeignKeyFact[]; primaryKeys: Record<string, string[]> };

export async function readSchemaFacts(db: Queryable): Promise<SchemaFacts> {
  const columns = await db.query<ColumnFact>(
    `select c.relname as "table", a.attname as "column", format_type(a.atttypid, a.atttypmod) as "type",
            not a.attnotnull as "nullable", a.attidentity <> '' as "identity"
       from pg_class c
       join pg_attribute a on a.attrelid = c.oid
      where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
        and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      order by c.relname, a.attnum`,
  );
  const foreignKeys = await db.query<ForeignKeyFact>(
    `select k.conname as "name", t.relname as "table", a.attname as "column", rt.relname as "refTable", ra.attname as "refColumn"
       from pg_constraint k
       join pg_class t on t.oid = k.conrelid
       join pg_class rt on rt.oid = k.confrelid
       cross join lateral unnest(k.conkey, k.confkey) as pair(col, refcol)
       join pg_attribute a on a.attrelid = k.conrelid and a.attnum = pair.col
       join pg_attribute ra on ra.attrelid = k.confrelid and ra.attnum = pair.refcol
      where k.contype = 'f' and k.connamespace = 'public'::regnamespace
      order by t.relname, k.conname, a.attname`,
  );
  const keys = await db.query<{ table: string; columns: string[] }>(
    `select t.relname as "table", array_agg(a.attname::text order by pair.ord) as "columns"
       from pg_constraint k
       join pg_class t on t.oid = k.conrelid
       cross join lateral unnest(k.conkey) with ordinality as pair(col, ord)
       join pg_attribute a on a.attrelid = k.conrelid and a.attnum = pair.col
      where k.contype = 'p' and k.connamespace = 'public'::regnamespace
      group by t.relname`,
  );
  return { columns, foreignKeys, primaryKeys: Object.fromEntries(keys.map((k) => [k.table, k.columns])) };
}

/** The last migration applied: the schema level an archive is written at and checked against. */
export async function schemaLevel(db: Queryable): Promise<string> {
  const [row] = await db.query<{ version: string | null }>("select max(version) as version from schema_migration");
  return row?.version ?? "";
}
