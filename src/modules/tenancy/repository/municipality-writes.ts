/** Registering a hosted municipality (decision 037): the one write of the municipality table besides the plan import's. */
import type { Queryable } from "../../../core/db/database.ts";

/** The new row's id, or undefined when the code is already registered (the unique constraint decides, not a prior read). */
export async function insertMunicipality(
  tx: Queryable,
  m: { lgCode: string; name: string; prefectureName: string },
): Promise<number | undefined> {
  const [row] = await tx.query<{ id: number }>(
    "insert into municipality (lg_code, name, prefecture) values ($1, $2, $3) on conflict (lg_code) do nothing returning id",
    [m.lgCode, m.name, m.prefectureName],
  );
  return row?.id;
}
