/** Confirmations of transcription readings (reading_confirmation, migrations/0010). */
import type { AuditActor } from "../../../../core/audit/audit.ts";
import type { Queryable } from "../../../../core/db/database.ts";
import type { Confirmations } from "../readings.ts";

export async function listConfirmations(db: Queryable, planId: number): Promise<Map<string, string | null>> {
  const rows = await db.query<{ item_key: string; note: string | null }>("select item_key, note from reading_confirmation where plan_id = $1", [planId]);
  return new Map(rows.map((r) => [r.item_key, r.note]));
}

export async function listConfirmationDetails(db: Queryable, planId: number): Promise<Map<string, { note: string | null; at: Date; by: string }>> {
  const rows = await db.query<{ item_key: string; note: string | null; confirmed_at: Date; confirmed_by_label: string }>(
    "select item_key, note, confirmed_at, confirmed_by_label from reading_confirmation where plan_id = $1",
    [planId],
  );
  return new Map(rows.map((r) => [r.item_key, { note: r.note, at: new Date(r.confirmed_at), by: r.confirmed_by_label }]));
}

export async function upsertConfirmations(tx: Queryable, planId: number, items: readonly { key: string; note: string | null }[], actor: AuditActor): Promise<void> {
  for (const item of items) {
    await tx.query(
      `insert into reading_confirmation (plan_id, item_key, note, confirmed_by_user_id, confirmed_by_label) values ($1, $2, $3, $4, $5)
       on conflict (plan_id, item_key) do update set note = excluded.note, confirmed_at = now(),
         confirmed_by_user_id = excluded.confirmed_by_user_id, confirmed_by_label = excluded.confirmed_by_label`,
      [planId, item.key, item.note, actor.userId, actor.label],
    );
  }
}

export type { Confirmations };
