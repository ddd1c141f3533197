/** The demo module's SQL: its marker (migrations/0009_demo.sql) and the checks before loading. */
import type { Queryable } from "../../core/db/database.ts";

export type DemoMarker = { startedAt: Date; completedAt: Date | null };

export async function findDemoMarker(db: Queryable, municipalityId: number): Promise<DemoMarker | undefined> {
  const [row] = await db.query<{ started_at: Date; completed_at: Date | null }>(
    "select started_at, completed_at from demo_marker where municipality_id = $1",
    [municipalityId],
  );
  return row && { startedAt: new Date(row.started_at), completedAt: row.completed_at && new Date(row.completed_at) };
}

export async function insertDemoMarker(tx: Queryable, municipalityId: number): Promise<void> {
  await tx.query("insert into demo_marker (municipality_id) values ($1)", [municipalityId]);
}

export async function completeDemoMarker(tx: Queryable, municipalityId: number): Promise<void> {
  await tx.query("update demo_marker set completed_at = now() where municipality_id = $1", [municipalityId]);
}

/** What would make the sample collide with real work: cycles already opened, or the demo's login ids taken. */
export async function demoConflicts(db: Queryable, municipalityId: number, loginIds: readonly string[]): Promise<{ cycles: number; takenLoginIds: string[] }> {
  const [cycles] = await db.query<{ n: number }>("select count(*)::int as n from evaluation_cycle where municipality_id = $1", [
    municipalityId,
  ]);
  const taken = await db.query<{ login_id: string }>(
    "select login_id from app_user where municipality_id = $1 and login_id = any($2::text[]) order by login_id",
    [municipalityId, [...loginIds]],
  );
  return { cycles: cycles!.n, takenLoginIds: taken.map((r) => r.login_id) };
}
