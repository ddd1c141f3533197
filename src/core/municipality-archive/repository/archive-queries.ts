/**
 * The archive's SQL: a municipality's rows of one table read as text, new
 * ids taken from the target's own sequences, rows written back with their
 * types restored. Table and column names come from the catalogue
 * (schema-queries.ts), never from the archive file unchecked: the importer
 * only writes tables and columns the target's schema has.
 */
import type { Queryable } from "../../db/database.ts";
import type { ArchiveRow } from "../remap.ts";
import type { TablePlan } from "../schema-plan.ts";

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function findMunicipalityId(db: Queryable, lgCode: string): Promise<{ id: number; name: string } | undefined> {
  const [row] = await db.query<{ id: number; name: string }>("select id, name from municipality where lg_code = $1", [lgCode]);
  return row;
}

/** "Belongs to municipality $1", as a condition on the table, following its owner up to the municipality. */
function ownerCondition(plan: TablePlan, plans: ReadonlyMap<string, TablePlan>): string {
  switch (plan.owner.kind) {
    case "municipality":
      return `${q(plan.identity!)} = $1`;
    case "column":
      return `${q(plan.owner.column)} = $1`;
    case "parent": {
      const parent = plans.get(plan.owner.parent)!;
      return `${q(plan.owner.column)} in (select ${q(parent.identity!)} from ${q(parent.name)} where ${ownerCondition(parent, plans)})`;
    }
  }
}

export async function selectOwnedRows(db: Queryable, plan: TablePlan, plans: ReadonlyMap<string, TablePlan>, municipalityId: number): Promise<ArchiveRow[]> {
  const columns = plan.columns.map((c) => `${q(c.name)}::text as ${q(c.name)}`).join(", ");
  // Qualified: a bare name would sort by the text output column ("10" before "9"), not by the number.
  const order = plan.identity ? `${q(plan.name)}.${q(plan.identity)}` : plan.columns.map((_, i) => String(i + 1)).join(", ");
  return db.query<ArchiveRow>(`select ${columns} from ${q(plan.name)} where ${ownerCondition(plan, plans)} order by ${order}`, [municipalityId]);
}

/** New ids from the table's own identity sequence, in ascending order (so rows keep their order: audit records, report events). */
export async function allocateIds(tx: Queryable, table: string, column: string, count: number): Promise<string[]> {
  if (count === 0) return [];
  const rows = await tx.query<{ id: string }>(
    `select nextval(pg_get_serial_sequence($1, $2))::text as id from generate_series(1, $3) order by 1`,
    [q(table), column, count],
  );
  return rows.map((r) => r.id).sort((a, b) => Number(a) - Number(b));
}

/** True when none of these ids is taken in the table: the rows can keep them. */
export async function idsAreFree(tx: Queryable, table: string, column: string, ids: readonly string[]): Promise<boolean> {
  if (ids.length === 0) return true;
  const [row] = await tx.query<{ taken: boolean }>(`select exists (select 1 from ${q(table)} where ${q(column)} = any($1::bigint[])) as taken`, [ids]);
  return !row!.taken;
}

/**
 * Moves the table's sequence past the highest kept id, before the rows are
 * written (setval is not transactional): the app's next row gets a higher
 * id. Never moves it back, so an id once given is not given again.
 */
export async function advanceSequencePast(tx: Queryable, table: string, column: string, highest: string): Promise<void> {
  await tx.query(`select setval(s.seq, greatest($2::bigint, nextval(s.seq))) from (select pg_get_serial_sequence($1, $3) as seq) s`, [q(table), highest, column]);
}

/** Text back to each column's type through PostgreSQL's own input functions (numeric keeps its scale, bytea its bytes). */
export async function insertRows(tx: Queryable, plan: TablePlan, columns: readonly string[], rows: readonly ArchiveRow[]): Promise<void> {
  if (rows.length === 0) return;
  const types = new Map(plan.columns.map((c) => [c.name, c.type]));
  const names = columns.map(q).join(", ");
  const casts = columns.map((c) => `x.${q(c)}::${types.get(c)}`).join(", ");
  const record = columns.map((c) => `${q(c)} text`).join(", ");
  const overriding = plan.identity ? " overriding system value" : "";
  for (const batch of batches(rows)) {
    await tx.query(
      `insert into ${q(plan.name)} (${names})${overriding} select ${casts} from jsonb_to_recordset($1::jsonb) as x(${record})`,
      [JSON.stringify(batch)],
    );
  }
}

/** Batches of at most 500 rows or about 8 MB of text (kept PDFs are large). */
function* batches(rows: readonly ArchiveRow[]): Generator<ArchiveRow[]> {
  let batch: ArchiveRow[] = [];
  let size = 0;
  for (const row of rows) {
    const rowSize = Object.values(row).reduce((n, v) => n + (v?.length ?? 0), 0);
    if (batch.length > 0 && (batch.length >= 500 || size + rowSize > 8_000_000)) {
      yield batch;
      batch = [];
      size = 0;
    }
    batch.push(row);
    size += rowSize;
  }
  if (batch.length > 0) yield batch;
}
