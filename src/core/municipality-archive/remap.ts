/**
 * Re-keying a row for the instance it is written to: every id the row holds
 * (its own, its references, the audit record's entity and the ids inside the
 * audit JSON) is replaced through the maps old id → new id. Pure.
 *
 * A reference to a row the archive does not hold is refused, naming the row:
 * that is how an archive that would mix in another municipality's data, or a
 * damaged one, is stopped before anything is written.
 */
import { ENTITY_REFERENCE, JSON_COLUMNS_WITH_IDS, JSON_ID_KEYS, JSON_ID_OBJECT_KEYS, unmappedEntityId } from "./coverage.ts";
import type { TablePlan } from "./schema-plan.ts";

/** A row as the archive holds it: each column's value as PostgreSQL writes it as text, or null. */
export type ArchiveRow = Record<string, string | null>;
/** table → old id (as text) → new id (as text). */
export type IdMaps = Map<string, Map<string, string>>;

export class ArchiveError extends Error {}

export function remapRow(plan: TablePlan, row: ArchiveRow, maps: IdMaps, tablesWithKey: ReadonlyMap<string, TablePlan>): ArchiveRow {
  const out: ArchiveRow = { ...row };
  if (plan.identity) out[plan.identity] = lookUp(maps, plan.name, row[plan.identity] ?? null, plan.name, plan.identity)!;
  for (const [column, target] of Object.entries(plan.references)) {
    if (column === plan.identity) continue;
    out[column] = target === null ? null : lookUp(maps, target, row[column] ?? null, plan.name, column);
  }
  for (const column of plan.columns) {
    if (JSON_COLUMNS_WITH_IDS.includes(`${plan.name}.${column.name}`) && row[column.name]) {
      out[column.name] = remapJsonText(row[column.name]!, maps);
    }
  }
  if (plan.name === ENTITY_REFERENCE.table) out[ENTITY_REFERENCE.idColumn] = remapEntityId(row, maps, tablesWithKey);
  return out;
}

function lookUp(maps: IdMaps, table: string, value: string | null, from: string, column: string): string | null {
  if (value === null) return null;
  const mapped = maps.get(table)?.get(value);
  if (mapped === undefined) {
    throw new ArchiveError(`${from}.${column} が、移行ファイルに含まれない ${table} の行（番号 ${value}）を指しています。他の団体のデータか、壊れたファイルです。`);
  }
  return mapped;
}

/** The audit record's entity, through the table its type names; an entity not moved (a job, a deleted draft) keeps its old number, marked. */
function remapEntityId(row: ArchiveRow, maps: IdMaps, tablesWithKey: ReadonlyMap<string, TablePlan>): string | null {
  const id = row[ENTITY_REFERENCE.idColumn] ?? null;
  const type = row[ENTITY_REFERENCE.typeColumn] ?? "";
  if (id === null) return null;
  const table = tablesWithKey.get(type);
  if (!table?.key) return /^\d+$/.test(id) ? unmappedEntityId(id) : id;
  const keyTable = table.key === table.identity ? table.name : table.references[table.key];
  const mapped = keyTable ? maps.get(keyTable)?.get(id) : undefined;
  return mapped ?? unmappedEntityId(id);
}

/**
 * Ids inside a JSON document, by key (coverage.ts). The text is parsed and
 * written again only when it holds such a key, so every other document keeps
 * its exact text. An id of a row that was not moved is kept as it was: the
 * record is history, and the page then shows the number instead of a name.
 */
export function remapJsonText(text: string, maps: IdMaps): string {
  const keys = [...Object.keys(JSON_ID_KEYS), ...Object.keys(JSON_ID_OBJECT_KEYS)];
  if (!keys.some((k) => text.includes(`"${k}"`))) return text;
  return JSON.stringify(remapJson(JSON.parse(text), maps));
}

function remapJson(value: unknown, maps: IdMaps): unknown {
  if (Array.isArray(value)) return value.map((v) => remapJson(v, maps));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const idTable = JSON_ID_KEYS[key];
    const objectTable = JSON_ID_OBJECT_KEYS[key];
    if (idTable) out[key] = mapJsonId(v, maps.get(idTable));
    else if (objectTable && v !== null && typeof v === "object" && !Array.isArray(v)) {
      const map = maps.get(objectTable);
      out[key] = Object.fromEntries(Object.entries(v).map(([id, inner]) => [map?.get(id) ?? id, remapJson(inner, maps)]));
    } else out[key] = remapJson(v, maps);
  }
  return out;
}

function mapJsonId(value: unknown, map: Map<string, string> | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => mapJsonId(v, map));
  if (typeof value === "number") {
    const mapped = map?.get(String(value));
    return mapped === undefined ? value : Number(mapped);
  }
  if (typeof value === "string" && /^\d+$/.test(value)) return map?.get(value) ?? value;
  return value;
}
