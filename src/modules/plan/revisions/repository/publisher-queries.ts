/**
 * Public pages never name staff: a revision's publisher is shown as the
 * division the user belongs to (issue #6 §6). One query per list.
 */
import type { Queryable } from "../../../../core/db/database.ts";

/** The division name of each user that has one. */
export async function divisionNamesOfUsers(db: Queryable, userIds: readonly number[]): Promise<Map<number, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.query<{ id: number; name: string }>(
    "select u.id, d.name from app_user u join division d on d.id = u.division_id where u.id = any($1::int[])",
    [userIds],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}
