/**
 * Commands on bureaus (部局): create, rename, delete an empty one. Each is one
 * transaction with its audit record; names are unique per municipality.
 */
import { withAudit } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import type { CommandContext } from "../../accounts/commands/manage-users.ts";
import { bureauNameTaken, countDivisionsOfBureau, findBureau } from "../repository/organisation-queries.ts";
import { deleteBureau as deleteBureauRow, insertBureau, lockMunicipality, updateBureauName } from "../repository/organisation-writes.ts";

/** A refusal says what it is about when that is not the name: the chosen bureau. */
export type OrganisationResult = { ok: true; id: number } | { ok: false; message: string; about?: "bureau" };

const taken = (name: string) => `部局「${name}」はすでに登録されています。別の名称にしてください`;
const missing = { ok: false, message: "部局が見つかりません" } as const;

export async function createBureau(db: Database, context: CommandContext, name: string): Promise<OrganisationResult> {
  return withAudit(db, context, async (tx, audit) => {
    await lockMunicipality(tx, context.municipalityId);
    if (await bureauNameTaken(tx, context.municipalityId, name)) return { ok: false, message: taken(name) };
    const id = await insertBureau(tx, context.municipalityId, name);
    await audit({ action: "bureau.create", entityType: "bureau", entityId: id, after: { name } });
    return { ok: true, id };
  });
}

export async function renameBureau(db: Database, context: CommandContext, bureauId: number, name: string): Promise<OrganisationResult> {
  return withAudit(db, context, async (tx, audit) => {
    await lockMunicipality(tx, context.municipalityId);
    const bureau = await findBureau(tx, context.municipalityId, bureauId);
    if (!bureau) return missing;
    if (bureau.name === name) return { ok: true, id: bureauId };
    if (await bureauNameTaken(tx, context.municipalityId, name, bureauId)) return { ok: false, message: taken(name) };
    await updateBureauName(tx, bureauId, name);
    await audit({ action: "bureau.rename", entityType: "bureau", entityId: bureauId, before: { name: bureau.name }, after: { name } });
    return { ok: true, id: bureauId };
  });
}

/** Only a bureau without divisions: its divisions would otherwise lose their bureau unnoticed. */
export async function deleteBureau(db: Database, context: CommandContext, bureauId: number): Promise<OrganisationResult> {
  return withAudit(db, context, async (tx, audit) => {
    await lockMunicipality(tx, context.municipalityId);
    const bureau = await findBureau(tx, context.municipalityId, bureauId);
    if (!bureau) return missing;
    const divisions = await countDivisionsOfBureau(tx, bureauId);
    if (divisions > 0) {
      return { ok: false, message: `部局「${bureau.name}」には課が${divisions}つあるため削除できません。先に各課の部局を変更してください` };
    }
    await deleteBureauRow(tx, bureauId);
    await audit({ action: "bureau.delete", entityType: "bureau", entityId: bureauId, before: { name: bureau.name } });
    return { ok: true, id: bureauId };
  });
}
