/**
 * The uploaded workbooks kept between preview and apply
 * (migrations/0014_workbook_upload.sql). An upload is always reached through
 * its municipality, cycle and the user who uploaded it: another user's
 * upload id is simply not found.
 */
import type { Queryable } from "../../../../core/db/database.ts";

export type WorkbookUpload = {
  id: number;
  cycleId: number;
  divisionId: number;
  userId: number;
  fileName: string;
  byteSize: number;
  sha256: string;
  bytes: Uint8Array;
  createdAt: Date;
  expiresAt: Date;
  appliedAt: Date | null;
};

type UploadRow = {
  id: string | number;
  cycle_id: number;
  division_id: number;
  user_id: number;
  file_name: string;
  byte_size: number;
  sha256: string;
  bytes: Uint8Array;
  created_at: Date;
  expires_at: Date;
  applied_at: Date | null;
};

export async function insertUpload(
  tx: Queryable,
  upload: { municipalityId: number; cycleId: number; divisionId: number; userId: number; fileName: string; sha256: string; bytes: Uint8Array; expiresAt: Date },
): Promise<number> {
  // Expired uploads of anyone go first: the table holds at most a day of files.
  await tx.query("delete from workbook_upload where expires_at < now()");
  const [row] = await tx.query<{ id: string | number }>(
    `insert into workbook_upload (municipality_id, cycle_id, division_id, user_id, file_name, byte_size, sha256, bytes, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [upload.municipalityId, upload.cycleId, upload.divisionId, upload.userId, upload.fileName, upload.bytes.byteLength, upload.sha256, upload.bytes, upload.expiresAt],
  );
  return Number(row!.id);
}

export async function findUpload(db: Queryable, where: { municipalityId: number; cycleId: number; userId: number; uploadId: number }): Promise<WorkbookUpload | undefined> {
  const [row] = await db.query<UploadRow>(
    `select id, cycle_id, division_id, user_id, file_name, byte_size, sha256, bytes, created_at, expires_at, applied_at
       from workbook_upload
      where id = $1 and municipality_id = $2 and cycle_id = $3 and user_id = $4 and expires_at > now()`,
    [where.uploadId, where.municipalityId, where.cycleId, where.userId],
  );
  return (
    row && {
      id: Number(row.id),
      cycleId: row.cycle_id,
      divisionId: row.division_id,
      userId: row.user_id,
      fileName: row.file_name,
      byteSize: row.byte_size,
      sha256: row.sha256,
      bytes: new Uint8Array(row.bytes),
      createdAt: new Date(row.created_at),
      expiresAt: new Date(row.expires_at),
      appliedAt: row.applied_at ? new Date(row.applied_at) : null,
    }
  );
}

/** Marks the upload applied; false when it already was (a second apply of the same upload). */
export async function markApplied(tx: Queryable, uploadId: number): Promise<boolean> {
  const rows = await tx.query("update workbook_upload set applied_at = now() where id = $1 and applied_at is null returning id", [uploadId]);
  return rows.length === 1;
}
