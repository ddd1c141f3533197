/**
 * Whom the cycle's mail goes to: active users of the municipality with an
 * e-mail address, by division and role. Disabled accounts get nothing.
 */
import type { Queryable } from "../../../core/db/database.ts";
import type { Role } from "../../tenancy/roles.ts";

export type Recipient = { userId: number; email: string; displayName: string; divisionId: number };

/**
 * Users with a division (all of them, or one division's), optionally only
 * those holding one of `roles`.
 */
export async function listRecipients(
  db: Queryable,
  municipalityId: number,
  filter: { divisionId?: number; roles?: readonly Role[] } = {},
): Promise<Recipient[]> {
  const rows = await db.query<{ id: number; email: string; display_name: string; division_id: number }>(
    `select u.id, u.email, u.display_name, u.division_id from app_user u
      where u.municipality_id = $1 and u.division_id is not null and u.email is not null and u.disabled_at is null
        and ($2::int is null or u.division_id = $2)
        and ($3::text[] is null or exists (select 1 from user_role r where r.user_id = u.id and r.role = any($3::text[])))
      order by u.division_id, u.id`,
    [municipalityId, filter.divisionId ?? null, filter.roles ?? null],
  );
  return rows.map((r) => ({ userId: r.id, email: r.email, displayName: r.display_name, divisionId: r.division_id }));
}

/** The users listRecipients would have chosen but who have no e-mail address: the sender is told their names. */
export async function listUnreachable(
  db: Queryable,
  municipalityId: number,
  filter: { divisionId?: number; roles?: readonly Role[] } = {},
): Promise<{ userId: number; displayName: string }[]> {
  const rows = await db.query<{ id: number; display_name: string }>(
    `select u.id, u.display_name from app_user u
      where u.municipality_id = $1 and u.division_id is not null and (u.email is null or btrim(u.email) = '') and u.disabled_at is null
        and ($2::int is null or u.division_id = $2)
        and ($3::text[] is null or exists (select 1 from user_role r where r.user_id = u.id and r.role = any($3::text[])))
      order by u.id`,
    [municipalityId, filter.divisionId ?? null, filter.roles ?? null],
  );
  return rows.map((r) => ({ userId: r.id, displayName: r.display_name }));
}

/** Names of the municipality's users among `ids` (a page names those a mail missed; other ids are ignored). */
export async function listUserNames(db: Queryable, municipalityId: number, ids: readonly number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<{ display_name: string }>(
    "select display_name from app_user where municipality_id = $1 and id = any($2::int[]) order by id",
    [municipalityId, ids],
  );
  return rows.map((r) => r.display_name);
}
