/**
 * saveProfile: the secretariat (or an administrator) edits the municipality's
 * profile — the contact for the plan, the city's site, the plan's adoption
 * date. One transaction with its audit record; the public content version is
 * bumped so every cached public page shows the new footer at once.
 */
import { withAudit, type AuditContext } from "../../../../core/audit/audit.ts";
import type { Database } from "../../../../core/db/database.ts";
import { markPublicContentChanged } from "../../../tenancy/repository/municipality-queries.ts";
import { findProfile, upsertProfile, type ProfileFields } from "../repository/profile-queries.ts";

export async function saveProfile(db: Database, ctx: AuditContext & { municipalityId: number }, fields: ProfileFields): Promise<{ ok: true; changed: boolean }> {
  return withAudit(db, ctx, async (tx, audit) => {
    const stored = await findProfile(tx, ctx.municipalityId, true);
    const before: ProfileFields | null = stored
      ? { division: stored.division, phone: stored.phone, email: stored.email, address: stored.address, siteUrl: stored.siteUrl, planAdoptedOn: stored.planAdoptedOn }
      : null;
    if (before && JSON.stringify(before) === JSON.stringify(fields)) return { ok: true, changed: false };
    await upsertProfile(tx, ctx.municipalityId, fields, ctx.actor.label);
    await markPublicContentChanged(tx, ctx.municipalityId);
    await audit({ action: "municipality_profile.save", entityType: "municipality_profile", entityId: ctx.municipalityId, before, after: fields });
    return { ok: true, changed: true };
  });
}
