/** The municipality profile (migrations/0010): read for the staff form, written by saveProfile. */
import type { Queryable } from "../../../../core/db/database.ts";

/** As stored: the adoption here is the profile's own (null = the plan file's is used). */
export type StoredProfile = {
  division: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  siteUrl: string | null;
  planAdoptedOn: string | null;
  updatedAt: Date;
  updatedByLabel: string;
};

export type ProfileFields = Omit<StoredProfile, "updatedAt" | "updatedByLabel">;

type Row = {
  division: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  site_url: string | null;
  plan_adopted_on: string | null;
  updated_at: Date;
  updated_by_label: string;
};

export async function findProfile(db: Queryable, municipalityId: number, forUpdate = false): Promise<StoredProfile | undefined> {
  const [row] = await db.query<Row>(
    `select division, phone, email, address, site_url, plan_adopted_on, updated_at, updated_by_label
       from municipality_profile where municipality_id = $1${forUpdate ? " for update" : ""}`,
    [municipalityId],
  );
  return (
    row && {
      division: row.division,
      phone: row.phone,
      email: row.email,
      address: row.address,
      siteUrl: row.site_url,
      planAdoptedOn: row.plan_adopted_on,
      updatedAt: new Date(row.updated_at),
      updatedByLabel: row.updated_by_label,
    }
  );
}

/** The current plan's adoption as its file gives it: the form's default. */
export async function findPlanAdoption(db: Queryable, municipalityId: number): Promise<string | null> {
  const [row] = await db.query<{ adopted_on: string | null }>("select adopted_on from plan where municipality_id = $1 and is_current", [municipalityId]);
  return row?.adopted_on ?? null;
}

export async function upsertProfile(tx: Queryable, municipalityId: number, fields: ProfileFields, actorLabel: string): Promise<void> {
  await tx.query(
    `insert into municipality_profile (municipality_id, division, phone, email, address, site_url, plan_adopted_on, updated_by_label)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (municipality_id) do update set division = excluded.division, phone = excluded.phone, email = excluded.email,
       address = excluded.address, site_url = excluded.site_url, plan_adopted_on = excluded.plan_adopted_on,
       updated_at = now(), updated_by_label = excluded.updated_by_label`,
    [municipalityId, fields.division, fields.phone, fields.email, fields.address, fields.siteUrl, fields.planAdoptedOn, actorLabel],
  );
}
