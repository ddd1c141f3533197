/**
 * `import-municipality`: an archive written by export-municipality, on this
 * instance, in one transaction (decision 034). Each table keeps its numbers
 * when none of them is taken here (a town moving to an instance of its own
 * keeps every public address and open-data id); otherwise its rows get new
 * ids from this instance's own sequences, and every reference, the audit
 * records' entities and the ids inside audit JSON follow them. Refused,
 * changing nothing, when the municipality is already here, when the archive
 * was written by a newer schema or format, or when it is damaged. The import
 * is the first new record of the municipality's audit trail here, naming the
 * file's SHA-256 and the instance it came from.
 *
 * Passwords do not travel: the caller passes a fresh hash for each user who
 * had one (decision 034: the command issues temporary passwords), or none,
 * and such a user then signs in only after an administrator issues one.
 */
import { recordAudit, type AuditActor } from "../audit/audit.ts";
import type { Database, Queryable } from "../db/database.ts";
import type { Archive } from "./archive-file.ts";
import { checkedPlan, totalRows } from "./export-municipality.ts";
import { ArchiveError, remapRow, type ArchiveRow, type IdMaps } from "./remap.ts";
import { advanceSequencePast, allocateIds, findMunicipalityId, idsAreFree, insertRows } from "./repository/archive-queries.ts";
import { readSchemaFacts, schemaLevel } from "./repository/schema-queries.ts";
import { planArchive, type TablePlan } from "./schema-plan.ts";

export type ImportOptions = {
  actor: AuditActor;
  /** Old user id → a new password hash (argon2id PHC); the user must change it at first sign-in. */
  passwordHashes?: ReadonlyMap<string, string>;
};

export type ImportedUser = {
  id: number;
  oldId: string;
  loginId: string;
  displayName: string;
  roles: string[];
  disabled: boolean;
  oidc: boolean;
  /** Had a second factor: enrols an authenticator app again at the next sign-in. */
  mustEnrolTotp: boolean;
};
export type ImportResult = {
  municipalityId: number;
  lgCode: string;
  name: string;
  rows: number;
  users: ImportedUser[];
  /** Tables whose rows got new numbers because theirs were taken here (the others kept theirs). */
  renumbered: string[];
};

export async function importMunicipality(db: Database, archive: Archive, options: ImportOptions): Promise<ImportResult> {
  const { manifest } = archive;
  const here = await schemaLevel(db);
  if (manifest.schemaLevel > here) {
    throw new ArchiveError(
      `移行ファイルは、このシステムより新しい版のスキーマ（${manifest.schemaLevel}）で書き出されています（このシステムは ${here}）。` +
        "移行先のシステムを新しい版に更新してから読み込んでください。何も変更していません。",
    );
  }
  const plan = checkedPlan(planArchive(await readSchemaFacts(db)));
  requireKnownShape(archive, plan.tables);

  return db.transaction(async (tx) => {
    const existing = await findMunicipalityId(tx, manifest.lgCode);
    if (existing) {
      throw new ArchiveError(
        `団体コード ${manifest.lgCode}（${existing.name}）は、このシステムに既に登録されています。上書きはしません。何も変更していません。`,
      );
    }
    const maps: IdMaps = new Map();
    const byName = new Map(plan.tables.map((t) => [t.name, t]));
    const written = new Map<string, ArchiveRow[]>();
    const renumbered: string[] = [];
    for (const table of plan.tables) {
      const rows = archive.rows.get(table.name) ?? [];
      if (table.identity) {
        // The same numbers when none is taken here (a move to an instance of its own keeps every address); new ones otherwise.
        const old = rows.map((r) => r[table.identity!]!);
        const keep = await idsAreFree(tx, table.name, table.identity, old);
        if (keep && old.length > 0) await advanceSequencePast(tx, table.name, table.identity, old.reduce((a, b) => (BigInt(b) > BigInt(a) ? b : a)));
        if (!keep) renumbered.push(table.name);
        const ids = keep ? old : await allocateIds(tx, table.name, table.identity, rows.length);
        maps.set(table.name, new Map(rows.map((r, i) => [old[i]!, ids[i]!])));
      }
      const remapped = rows.map((row) => withPassword(table.name, remapRow(table, row, maps, byName), row, options.passwordHashes));
      if (rows.length > 0) await insertRowsOrRefuse(tx, table, Object.keys(rows[0]!), remapped);
      written.set(table.name, remapped);
    }
    const municipalityId = Number(written.get("municipality")![0]!.id);
    await recordAudit(tx, {
      municipalityId,
      actor: options.actor,
      action: "municipality.import",
      entityType: "municipality",
      entityId: municipalityId,
      after: {
        fileSha256: archive.fileSha256,
        contentSha256: manifest.contentSha256,
        sourceInstance: manifest.sourceInstance,
        exportedAt: manifest.createdAt,
        schemaLevel: manifest.schemaLevel,
        rows: totalRows(manifest),
      },
    });
    return {
      municipalityId,
      lgCode: manifest.lgCode,
      name: manifest.municipalityName,
      rows: totalRows(manifest),
      users: importedUsers(written, maps),
      renumbered,
    };
  });
}

/** Only tables and columns this schema has: anything else is a newer or foreign file, refused before the transaction. */
function requireKnownShape(archive: Archive, tables: readonly TablePlan[]): void {
  const municipality = archive.rows.get("municipality") ?? [];
  if (municipality.length !== 1 || municipality[0]!.lg_code !== archive.manifest.lgCode) {
    throw new ArchiveError(`移行ファイルの地方公共団体の行が目録（団体コード ${archive.manifest.lgCode}）と合いません。何も変更していません。`);
  }
  const byName = new Map(tables.map((t) => [t.name, t]));
  for (const [name, rows] of archive.rows) {
    const table = byName.get(name);
    if (!table) throw new ArchiveError(`移行ファイルの表 ${name} は、このシステムにありません。移行先のシステムを新しい版に更新してください。何も変更していません。`);
    const known = new Set(table.columns.map((c) => c.name));
    const first = rows[0] ?? {};
    const unknown = Object.keys(first).filter((c) => !known.has(c));
    if (unknown.length > 0) throw new ArchiveError(`移行ファイルの ${name} の列 ${unknown.join(", ")} は、このシステムにありません。何も変更していません。`);
    const missing = table.columns.filter((c) => !c.nullable && !(c.name in first) && rows.length > 0);
    if (missing.some((c) => c.name === table.identity)) throw new ArchiveError(`移行ファイルの ${name} に番号の列がありません。何も変更していません。`);
    for (const row of rows) {
      if (Object.keys(row).length !== Object.keys(first).length) throw new ArchiveError(`移行ファイルの ${name} の行の列がそろっていません。何も変更していません。`);
    }
  }
}

/** A row the schema refuses (a survey code already used here, say) stops the import with the table named, not a bare database error. */
async function insertRowsOrRefuse(tx: Queryable, table: TablePlan, columns: string[], rows: ArchiveRow[]): Promise<void> {
  try {
    await insertRows(tx, table, columns, rows);
  } catch (error) {
    throw new ArchiveError(`移行ファイルの ${table.name} をこのシステムに書き込めませんでした（${(error as Error).message}）。何も変更していません。`);
  }
}

function withPassword(table: string, row: ArchiveRow, original: ArchiveRow, hashes: ReadonlyMap<string, string> | undefined): ArchiveRow {
  if (table !== "app_user") return row;
  const hash = hashes?.get(original.id!);
  return hash ? { ...row, password_hash: hash, must_change_password: "true" } : row;
}

function importedUsers(written: ReadonlyMap<string, ArchiveRow[]>, maps: IdMaps): ImportedUser[] {
  const oldIds = new Map([...(maps.get("app_user") ?? new Map<string, string>())].map(([o, n]) => [n, o]));
  const roles = written.get("user_role") ?? [];
  return (written.get("app_user") ?? []).map((u) => ({
    id: Number(u.id),
    oldId: oldIds.get(u.id!)!,
    loginId: u.login_id!,
    displayName: u.display_name!,
    roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role!),
    disabled: u.disabled_at !== null,
    oidc: u.oidc_subject !== null && u.oidc_subject !== undefined,
    mustEnrolTotp: u.must_enrol_totp === "true",
  }));
}
