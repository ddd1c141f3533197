/**
 * How the archive reads and writes each table, derived from the schema
 * itself (decision 034): which rows belong to the municipality (through
 * municipality_id or a chain of foreign keys up to it), which columns hold
 * ids to re-key and whose, and the order in which a table's references are
 * written before it. Pure: the facts come from repository/schema-queries.ts.
 */
import { ENTITY_REFERENCE, EXCLUDED, IMPLICIT_REFERENCES, JSON_COLUMNS_WITH_IDS, JSON_ID_KEYS, JSON_ID_OBJECT_KEYS } from "./coverage.ts";
import type { SchemaFacts } from "./repository/schema-queries.ts";

export type ArchiveColumn = { name: string; type: string; nullable: boolean };

/** How the rows of a table that belong to one municipality are found. */
export type Ownership =
  | { kind: "municipality" }
  | { kind: "column"; column: string }
  /** `column` holds ids of `parent`, itself owned. */
  | { kind: "parent"; column: string; parent: string };

export type TablePlan = {
  name: string;
  columns: ArchiveColumn[];
  /** The identity column ("id"): the target instance gives its own values. */
  identity: string | null;
  /** The column that names a row to others (identity, or a one-column primary key that is itself a reference). */
  key: string | null;
  owner: Ownership;
  /** column → the table whose ids it holds; null when that table does not travel (written as null). */
  references: Record<string, string | null>;
  /** Tables whose rows must be written first: every table its foreign keys name, and those its ids come from. */
  after: string[];
};

export type ArchivePlan = {
  /** Written in this order: every table after those it refers to. */
  tables: TablePlan[];
  /** Tables neither moved nor excluded: a new table nobody placed yet. */
  unplaced: string[];
};

export function planArchive(facts: SchemaFacts): ArchivePlan {
  const tables = [...new Set(facts.columns.map((c) => c.table))].sort();
  const columnsOf = (t: string) => facts.columns.filter((c) => c.table === t);
  const identityOf = (t: string) => columnsOf(t).find((c) => c.identity)?.column ?? null;

  /** The table whose identity a column ultimately holds, following foreign keys through other keys (composite ones). */
  const resolve = (table: string, column: string, seen = new Set<string>()): string | null => {
    const implicit = IMPLICIT_REFERENCES[`${table}.${column}`];
    if (implicit) return implicit;
    if (seen.has(`${table}.${column}`)) return null;
    seen.add(`${table}.${column}`);
    for (const fk of facts.foreignKeys.filter((f) => f.table === table && f.column === column)) {
      if (identityOf(fk.refTable) === fk.refColumn) return fk.refTable;
      const further = resolve(fk.refTable, fk.refColumn, seen);
      if (further) return further;
    }
    return null;
  };

  const referencesOf = (t: string) =>
    Object.fromEntries(
      columnsOf(t)
        .map((c) => [c.column, resolve(t, c.column)] as const)
        .filter((pair): pair is readonly [string, string] => pair[1] !== null),
    );

  // Owned tables, found outwards from the municipality until nothing changes.
  const owners = new Map<string, Ownership>([["municipality", { kind: "municipality" }]]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of tables) {
      if (owners.has(t) || t in EXCLUDED) continue;
      const cols = columnsOf(t);
      if (cols.some((c) => c.column === "municipality_id")) {
        owners.set(t, { kind: "column", column: "municipality_id" });
        grew = true;
        continue;
      }
      const refs = referencesOf(t);
      const via = cols.find((c) => !c.nullable && refs[c.column] && refs[c.column] !== t && owners.has(refs[c.column]!));
      if (via) {
        owners.set(t, { kind: "parent", column: via.column, parent: refs[via.column]! });
        grew = true;
      }
    }
  }

  const plans = new Map<string, TablePlan>();
  for (const t of tables) {
    const owner = owners.get(t);
    if (!owner) continue;
    const identity = identityOf(t);
    const refs = referencesOf(t);
    const references: Record<string, string | null> = {};
    for (const [column, target] of Object.entries(refs)) references[column] = owners.has(target) ? target : null;
    const pk = facts.primaryKeys[t] ?? [];
    const key = identity ?? (pk.length === 1 && references[pk[0]!] ? pk[0]! : null);
    const columns = columnsOf(t).map((c) => ({ name: c.column, type: c.type, nullable: c.nullable }));
    const direct = facts.foreignKeys.filter((f) => f.table === t).map((f) => f.refTable);
    // Ids inside JSON name their tables without a foreign key; the audit record's entity may be a row of any table.
    const inJson = JSON_COLUMNS_WITH_IDS.some((c) => c.startsWith(`${t}.`)) ? [...Object.values(JSON_ID_KEYS), ...Object.values(JSON_ID_OBJECT_KEYS)] : [];
    const entities = t === ENTITY_REFERENCE.table ? [...owners.keys()] : [];
    const after = [...new Set([...direct, ...Object.values(references), ...inJson, ...entities])].filter(
      (r): r is string => r !== null && r !== t && owners.has(r),
    );
    plans.set(t, { name: t, columns, identity, key, owner, references, after });
  }

  return {
    tables: topological(plans),
    unplaced: tables.filter((t) => !owners.has(t) && !(t in EXCLUDED)),
  };
}

/** Every table after the tables it refers to (a table's references to itself are ordered by id within it). */
function topological(plans: Map<string, TablePlan>): TablePlan[] {
  const done = new Set<string>();
  const ordered: TablePlan[] = [];
  const pending = [...plans.keys()].sort();
  while (pending.length > 0) {
    const next = pending.find((t) => plans.get(t)!.after.every((ref) => done.has(ref)));
    if (!next) throw new Error(`移行できない参照の循環があります: ${pending.join(", ")}`);
    pending.splice(pending.indexOf(next), 1);
    done.add(next);
    ordered.push(plans.get(next)!);
  }
  return ordered;
}
