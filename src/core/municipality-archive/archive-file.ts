/**
 * The municipality archive as a file (decision 034): gzipped JSON lines.
 * The first line is the manifest — what the file is, the schema level it was
 * written at, where and when, the rows per table and the SHA-256 of all the
 * lines after it — so `zcat file | head -1` tells an operator what they hold.
 * Each further line is one row: {"t": table, "r": {column: text or null}}.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { gunzipSync, gzipSync } from "node:zlib";
import { ArchiveError, type ArchiveRow } from "./remap.ts";

export const ARCHIVE_FORMAT = "dxplan-municipality-archive";
export const ARCHIVE_FORMAT_VERSION = 1;

export type Manifest = {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  /** The last migration applied on the source (schema_migration). */
  schemaLevel: string;
  sourceInstance: string;
  lgCode: string;
  municipalityName: string;
  createdAt: string;
  rowCounts: Record<string, number>;
  /** SHA-256 (hex) of every byte after the manifest's line. */
  contentSha256: string;
  /** Tables that were not moved, with the reason (coverage.ts). */
  excluded: Record<string, string>;
  /** Old ids of the users who signed in with a password (the password itself never travels). */
  passwordUserIds: string[];
};

export type Archive = { manifest: Manifest; rows: Map<string, ArchiveRow[]>; fileSha256: string };

export function encodeArchive(manifest: Omit<Manifest, "contentSha256" | "rowCounts">, tables: ReadonlyArray<[string, ArchiveRow[]]>): { bytes: Buffer; manifest: Manifest } {
  const lines: string[] = [];
  const rowCounts: Record<string, number> = {};
  for (const [table, rows] of tables) {
    rowCounts[table] = rows.length;
    for (const row of rows) lines.push(`${JSON.stringify({ t: table, r: row })}\n`);
  }
  const content = Buffer.from(lines.join(""), "utf8");
  const full: Manifest = { ...manifest, rowCounts, contentSha256: sha256(content) };
  const bytes = gzipSync(Buffer.concat([Buffer.from(`${JSON.stringify(full)}\n`, "utf8"), content]));
  return { bytes, manifest: full };
}

export async function readArchive(file: string): Promise<Archive> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ArchiveError(code === "ENOENT" ? `移行ファイル ${file} が見つかりません。` : `${file} を読めません: ${(error as Error).message}`);
  }
  return decodeArchive(bytes, file);
}

export function decodeArchive(bytes: Buffer, file: string): Archive {
  const notArchive = `${file} は団体の移行ファイルではありません（export-municipality で書き出したファイルを指定してください）。`;
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new ArchiveError(notArchive);
  let plain: Buffer;
  try {
    plain = gunzipSync(bytes);
  } catch {
    throw new ArchiveError(`${file} は壊れています（展開できません）。転送をやり直してください。`);
  }
  const end = plain.indexOf(0x0a);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(plain.subarray(0, end < 0 ? plain.length : end).toString("utf8")) as Manifest;
  } catch {
    throw new ArchiveError(notArchive);
  }
  if (manifest?.format !== ARCHIVE_FORMAT) throw new ArchiveError(notArchive);
  if (!(manifest.formatVersion <= ARCHIVE_FORMAT_VERSION)) {
    throw new ArchiveError(
      `${file} は新しい形式（第${manifest.formatVersion}版）の移行ファイルです。このシステムが読めるのは第${ARCHIVE_FORMAT_VERSION}版までです。移行先のシステムを新しい版に更新してください。`,
    );
  }
  const content = plain.subarray(end + 1);
  if (sha256(content) !== manifest.contentSha256) {
    throw new ArchiveError(`${file} の内容が目録の SHA-256 と一致しません（壊れているか、書き換えられています）。何も読み込んでいません。`);
  }
  const rows = new Map<string, ArchiveRow[]>();
  for (const line of content.toString("utf8").split("\n")) {
    if (line === "") continue;
    const { t, r } = JSON.parse(line) as { t: string; r: ArchiveRow };
    if (!rows.has(t)) rows.set(t, []);
    rows.get(t)!.push(r);
  }
  for (const [table, count] of Object.entries(manifest.rowCounts)) {
    if ((rows.get(table)?.length ?? 0) !== count) throw new ArchiveError(`${file} の ${table} の行数が目録（${count}行）と一致しません。何も読み込んでいません。`);
  }
  return { manifest, rows, fileSha256: sha256(bytes) };
}

export const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");
