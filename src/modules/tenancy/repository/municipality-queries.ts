/**
 * The municipality table: finding a hosted municipality by its code, and the
 * public-content version that cached public pages are checked against.
 */
import type { Queryable } from "../../../core/db/database.ts";
import type { Municipality } from "../municipality.ts";

export async function listMunicipalities(db: Queryable): Promise<Municipality[]> {
  const rows = await db.query<MunicipalityRow>(
    `select id, lg_code, name, prefecture, ${HAS_DEMO_DATA} from municipality m order by lg_code`,
  );
  return rows.map(toMunicipality);
}

export async function findMunicipality(db: Queryable, lgCode: string): Promise<Municipality | undefined> {
  const rows = await db.query<MunicipalityRow>(
    `select id, lg_code, name, prefecture, ${HAS_DEMO_DATA} from municipality m where lg_code = $1`,
    [lgCode],
  );
  return rows[0] && toMunicipality(rows[0]);
}

/**
 * Call in the transaction of any change that alters what the public portal
 * shows outside the plan itself (published results, …), so cached public
 * pages of that municipality are rendered afresh.
 */
export async function markPublicContentChanged(tx: Queryable, municipalityId: number): Promise<void> {
  await tx.query(
    "update municipality set public_changed_at = greatest(now(), public_changed_at + interval '1 millisecond') where id = $1",
    [municipalityId],
  );
}

export type MunicipalityRow = { id: number; lg_code: string; name: string; prefecture: string | null; has_demo_data: boolean };

/** Whether municipality `m` holds sample data (migrations/0009_demo.sql): one primary-key probe. */
export const HAS_DEMO_DATA = "exists (select 1 from demo_marker dm where dm.municipality_id = m.id) as has_demo_data";

export function toMunicipality(row: MunicipalityRow): Municipality {
  return { id: row.id, lgCode: row.lg_code, name: row.name, prefecture: row.prefecture, hasDemoData: row.has_demo_data };
}
