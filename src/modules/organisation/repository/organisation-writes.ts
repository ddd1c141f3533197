/**
 * Write queries of the organisation registry, called by its commands inside
 * their transactions (which also write the audit record).
 */
import type { Queryable } from "../../../core/db/database.ts";

/**
 * Organisation commands of one municipality run one after another: a name
 * checked as free stays free until the command commits.
 */
export async function lockMunicipality(tx: Queryable, municipalityId: number): Promise<void> {
  await tx.query("select id from municipality where id = $1 for update", [municipalityId]);
}

export async function insertBureau(tx: Queryable, municipalityId: number, name: string): Promise<number> {
  const [row] = await tx.query<{ id: number }>("insert into bureau (municipality_id, name) values ($1, $2) returning id", [municipalityId, name]);
  return row!.id;
}

export async function updateBureauName(tx: Queryable, bureauId: number, name: string): Promise<void> {
  await tx.query("update bureau set name = $2 where id = $1", [bureauId, name]);
}

export async function deleteBureau(tx: Queryable, bureauId: number): Promise<void> {
  await tx.query("delete from bureau where id = $1 and not exists (select 1 from division where bureau_id = $1)", [bureauId]);
}

export async function insertDivision(tx: Queryable, municipalityId: number, name: string, bureauId: number | null): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    "insert into division (municipality_id, name, bureau_id) values ($1, $2, $3) returning id",
    [municipalityId, name, bureauId],
  );
  return row!.id;
}

export async function updateDivisionName(tx: Queryable, divisionId: number, name: string): Promise<void> {
  await tx.query("update division set name = $2 where id = $1", [divisionId, name]);
}

export async function updateDivisionBureau(tx: Queryable, divisionId: number, bureauId: number | null): Promise<void> {
  await tx.query("update division set bureau_id = $2 where id = $1", [divisionId, bureauId]);
}

export async function deleteDivision(tx: Queryable, divisionId: number): Promise<void> {
  await tx.query("delete from division where id = $1", [divisionId]);
}

export async function updateUserDivision(tx: Queryable, municipalityId: number, userId: number, divisionId: number | null): Promise<void> {
  await tx.query("update app_user set division_id = $3 where municipality_id = $1 and id = $2", [municipalityId, userId, divisionId]);
}

/**
 * Bumps the version of the plans whose initiatives name the division, so the
 * portal's cache (keyed by plan.updated_at) shows a renamed division at once.
 */
export async function touchPlansNamingDivision(tx: Queryable, divisionId: number): Promise<void> {
  await tx.query(
    `update plan set updated_at = greatest(now(), updated_at + interval '1 millisecond')
      where id in (select i.plan_id from initiative i join initiative_division x on x.initiative_id = i.id where x.division_id = $1)`,
    [divisionId],
  );
}
