/**
 * Staff CSV files kept between their preview and its confirmation
 * (migration 0017). Always looked up within the municipality.
 */
import type { Queryable } from "../../../core/db/database.ts";

export type StoredStaffImport = {
  id: number;
  fileName: string;
  fileSha256: string;
  /** Null once applied: the bytes are dropped, the digest stays. */
  content: Uint8Array | null;
  uploadedAt: Date;
  appliedAt: Date | null;
};

type Row = { id: number; file_name: string; file_sha256: string; content: Uint8Array | null; uploaded_at: Date; applied_at: Date | null };

/** A preview nobody confirmed is forgotten after this long. */
const KEEP_UNAPPLIED = "1 day";

export async function insertStaffImport(
  tx: Queryable,
  row: { municipalityId: number; userId: number; fileName: string; fileSha256: string; content: Uint8Array },
): Promise<number> {
  await tx.query(`delete from staff_import where applied_at is null and uploaded_at < now() - interval '${KEEP_UNAPPLIED}'`);
  const [inserted] = await tx.query<{ id: number }>(
    `insert into staff_import (municipality_id, uploaded_by_user_id, file_name, file_sha256, content)
     values ($1, $2, $3, $4, $5) returning id`,
    [row.municipalityId, row.userId, row.fileName, row.fileSha256, row.content],
  );
  return inserted!.id;
}

export async function findStaffImport(db: Queryable, municipalityId: number, id: number): Promise<StoredStaffImport | undefined> {
  const [row] = await db.query<Row>(
    "select id, file_name, file_sha256, content, uploaded_at, applied_at from staff_import where municipality_id = $1 and id = $2",
    [municipalityId, id],
  );
  return (
    row && {
      id: row.id,
      fileName: row.file_name,
      fileSha256: row.file_sha256,
      content: row.content === null ? null : new Uint8Array(row.content),
      uploadedAt: row.uploaded_at,
      appliedAt: row.applied_at,
    }
  );
}

/**
 * Marks the import applied and drops its bytes. False when it was already
 * applied: of two confirmations sent at once, the second stops here.
 */
export async function claimStaffImport(tx: Queryable, municipalityId: number, id: number, at: Date): Promise<boolean> {
  const rows = await tx.query(
    "update staff_import set applied_at = $3, content = null where municipality_id = $1 and id = $2 and applied_at is null returning id",
    [municipalityId, id, at],
  );
  return rows.length === 1;
}
