/**
 * `export-municipality`: one municipality's whole data as one archive
 * (decision 034). Read in one repeatable-read transaction, so the archive is
 * one consistent moment even while the app keeps serving; secrets are blanked
 * before anything is written; every reference is checked to stay inside the
 * municipality, so an archive never carries another municipality's row.
 * The export itself is recorded in the municipality's audit trail with the
 * file's SHA-256: who took the town's data out, and which file it was.
 */
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { recordAudit, type AuditActor } from "../audit/audit.ts";
import type { Database } from "../db/database.ts";
import { ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION, encodeArchive, sha256, type Manifest } from "./archive-file.ts";
import { EXCLUDED, SECRET_COLUMNS } from "./coverage.ts";
import { ArchiveError, remapRow, type ArchiveRow, type IdMaps } from "./remap.ts";
import { findMunicipalityId, selectOwnedRows } from "./repository/archive-queries.ts";
import { readSchemaFacts, schemaLevel } from "./repository/schema-queries.ts";
import { planArchive, type ArchivePlan, type TablePlan } from "./schema-plan.ts";

export type ExportInput = { lgCode: string; file: string; sourceInstance: string; actor: AuditActor };

export async function exportMunicipality(db: Database, input: ExportInput): Promise<{ manifest: Manifest; bytes: number; fileSha256: string }> {
  const municipality = await findMunicipalityId(db, input.lgCode);
  if (!municipality) throw new ArchiveError(`団体コード ${input.lgCode} の地方公共団体は、このシステムに登録されていません。`);
  const { plan, level, tables } = await db.transaction(async (tx) => {
    await tx.query("set transaction isolation level repeatable read");
    const plan = checkedPlan(planArchive(await readSchemaFacts(tx)));
    const byName = new Map(plan.tables.map((t) => [t.name, t]));
    const tables: Array<[string, ArchiveRow[]]> = [];
    for (const table of plan.tables) tables.push([table.name, await selectOwnedRows(tx, table, byName, municipality.id)]);
    return { plan, level: await schemaLevel(tx), tables };
  });

  const passwordUserIds = (tables.find(([t]) => t === "app_user")?.[1] ?? []).filter((r) => r.password_hash !== null).map((r) => r.id!);
  const blanked = withoutOutsideAccounts(
    plan,
    tables.map(([name, rows]) => [name, rows.map((row) => withoutSecrets(name, row))] as [string, ArchiveRow[]]),
  );
  requireReferencesInside(plan, blanked);

  const { bytes, manifest } = encodeArchive(
    {
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_FORMAT_VERSION,
      schemaLevel: level,
      sourceInstance: input.sourceInstance,
      lgCode: input.lgCode,
      municipalityName: municipality.name,
      createdAt: new Date().toISOString(),
      excluded: { ...EXCLUDED },
      passwordUserIds,
    },
    blanked,
  );
  // Written beside the target and renamed: a failed export never leaves a half file under the name an import would use.
  await mkdir(dirname(input.file), { recursive: true });
  const partial = `${input.file}.partial`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, input.file);
  } catch (error) {
    await rm(partial, { force: true });
    throw new ArchiveError(`${input.file} に書き出せませんでした: ${(error as Error).message}`);
  }
  const fileSha256 = sha256(bytes);
  await recordAudit(db, {
    municipalityId: municipality.id,
    actor: input.actor,
    action: "municipality.export",
    entityType: "municipality",
    entityId: municipality.id,
    after: { fileSha256, contentSha256: manifest.contentSha256, schemaLevel: level, rows: totalRows(manifest) },
  });
  return { manifest, bytes: bytes.length, fileSha256 };
}

export function checkedPlan(plan: ArchivePlan): ArchivePlan {
  if (plan.unplaced.length > 0) {
    throw new ArchiveError(
      `移行の対象か対象外かが決まっていない表があります: ${plan.unplaced.join(", ")}（src/core/municipality-archive/coverage.ts に理由とともに加えてください）。`,
    );
  }
  return plan;
}

/** Secrets replaced (coverage.ts); a person who had a second factor must enrol one again before signing in with a password alone. */
function withoutSecrets(table: string, row: ArchiveRow): ArchiveRow {
  const secrets = SECRET_COLUMNS[table];
  if (!secrets) return row;
  const out = { ...row, ...secrets };
  if (table === "app_user" && row.totp_enabled_at !== null && "must_enrol_totp" in row) out.must_enrol_totp = "true";
  return out;
}

/**
 * An account that belongs to no municipality — a prefecture administrator
 * (decision 037) who registered the town, imported its plan or created its
 * first administrator — does not move with the town. The records it made
 * keep their readable actor label (「都道府県管理者 …」); only the link to
 * the account is dropped, where the column allows no link.
 */
function withoutOutsideAccounts(plan: ArchivePlan, tables: Array<[string, ArchiveRow[]]>): Array<[string, ArchiveRow[]]> {
  const moving = new Set((tables.find(([t]) => t === "app_user")?.[1] ?? []).map((r) => r.id));
  return tables.map(([name, rows]) => {
    const table = plan.tables.find((t) => t.name === name);
    const links = (table?.columns ?? []).filter((c) => c.nullable && table!.references[c.name] === "app_user").map((c) => c.name);
    if (links.length === 0) return [name, rows];
    return [name, rows.map((row) => (links.some((c) => row[c] != null && !moving.has(row[c]!)) ? detach(row, links, moving) : row))];
  });
}

const detach = (row: ArchiveRow, links: string[], moving: ReadonlySet<string | null | undefined>): ArchiveRow =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, links.includes(k) && v != null && !moving.has(v) ? null : v]));

/** Isolation: every reference of every row names a row in the archive (re-keyed onto itself, which fails otherwise). */
function requireReferencesInside(plan: ArchivePlan, tables: ReadonlyArray<[string, ArchiveRow[]]>): void {
  const maps: IdMaps = new Map();
  const rowsOf = new Map(tables);
  for (const table of plan.tables) {
    if (table.identity) maps.set(table.name, new Map((rowsOf.get(table.name) ?? []).map((r) => [r[table.identity!]!, r[table.identity!]!])));
  }
  const byName = new Map<string, TablePlan>(plan.tables.map((t) => [t.name, t]));
  for (const table of plan.tables) for (const row of rowsOf.get(table.name) ?? []) remapRow(table, row, maps, byName);
}

export const totalRows = (manifest: Pick<Manifest, "rowCounts">): number => Object.values(manifest.rowCounts).reduce((a, b) => a + b, 0);
