/**
 * Commands on divisions (課): create, rename, move to a bureau, delete one
 * that nothing refers to. Each is one transaction with its audit record;
 * names are unique per municipality (the database says so too).
 */
import { withAudit } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import type { CommandContext } from "../../accounts/commands/manage-users.ts";
import { lockPlan } from "../../plan/repository/plan-writes.ts";
import { updateDraftContent } from "../../plan/revisions/repository/revision-writes.ts";
import { renameDivisionInPlan } from "../domain/rename-division.ts";
import {
  divisionNameTaken,
  divisionReferences,
  findBureau,
  findDivisionEntry,
  listOpenDrafts,
} from "../repository/organisation-queries.ts";
import {
  deleteDivision as deleteDivisionRow,
  insertDivision,
  lockMunicipality,
  touchPlansNamingDivision,
  updateDivisionBureau,
  updateDivisionName,
} from "../repository/organisation-writes.ts";
import type { OrganisationResult } from "./bureaus.ts";

const taken = (name: string) => `課「${name}」はすでに登録されています。別の名称にしてください`;
const missing = { ok: false, message: "課が見つかりません" } as const;
const noBureau = { ok: false, message: "部局を一覧から選んでください", about: "bureau" } as const;

export async function createDivision(
  db: Database,
  context: CommandContext,
  input: { name: string; bureauId: number | null },
): Promise<OrganisationResult> {
  return withAudit(db, context, async (tx, audit) => {
    await lockMunicipality(tx, context.municipalityId);
    const bureau = input.bureauId === null ? null : await findBureau(tx, context.municipalityId, input.bureauId);
    if (bureau === undefined) return noBureau;
    if (await divisionNameTaken(tx, context.municipalityId, input.name)) return { ok: false, message: taken(input.name) };
    const id = await insertDivision(tx, context.municipalityId, input.name, bureau?.id ?? null);
    await audit({ action: "division.create", entityType: "division", entityId: id, after: { name: input.name, bureau } });
    return { ok: true, id };
  });
}

/**
 * Renames a division everywhere it is current: the registry (so the portal
 * shows the new name at once) and the open drafts, which name divisions by
 * name. Published revisions keep the old name; the next publication lists
 * the rename among its changes.
 */
export async function renameDivision(db: Database, context: CommandContext, divisionId: number, name: string): Promise<OrganisationResult> {
  return withAudit(db, context, async (tx, audit) => {
    await lockMunicipality(tx, context.municipalityId);
    const division = await findDivisionEntry(tx, context.municipalityId, divisionId);
    if (!division) return missing;
    if (division.name === name) return { ok: true, id: divisionId };
    if (await divisionNameTaken(tx, context.municipalityId, name, divisionId)) return { ok: false, message: taken(name) };
    await updateDivisionName(tx, divisionId, name);
    await touchPlansNamingDivision(tx, divisionId);
    const draftsRenamed: number[] = [];
    for (const draft of await listOpenDrafts(tx, context.municipalityId)) {
      const renamed = renameDivisionInPlan(draft.content, division.name, name);
      if (!renamed) continue;
      await lockPlan(tx, draft.planId);
      // A draft saved meanwhile keeps its lock version check: the rename is applied to what was read.
      if ((await updateDraftContent(tx, draft.revisionId, renamed, draft.lockVersion)) !== undefined) draftsRenamed.push(draft.revisionId);
    }
    await audit({
      action: "division.rename",
      entityType: "division",
      entityId: divisionId,
      before: { name: division.name },
      after: { name, draftsRenamed },
    });
    return { ok: true, id: divisionId };
  });
}

export async function setDivisionBureau(
  db: Database,
  context: CommandContext,
  divisionId: number,
  bureauId: number | null,
): Promise<OrganisationResult> {
  return withAudit(db, context, async (tx, audit) => {
    const division = await findDivisionEntry(tx, context.municipalityId, divisionId);
    if (!division) return missing;
    const bureau = bureauId === null ? null : await findBureau(tx, context.municipalityId, bureauId);
    if (bureau === undefined) return noBureau;
    if ((division.bureau?.id ?? null) === (bureau?.id ?? null)) return { ok: true, id: divisionId };
    await updateDivisionBureau(tx, divisionId, bureau?.id ?? null);
    await audit({
      action: "division.set_bureau",
      entityType: "division",
      entityId: divisionId,
      before: { bureau: division.bureau },
      after: { bureau },
    });
    return { ok: true, id: divisionId };
  });
}

/**
 * Only a division that no initiative, open draft or member of staff refers
 * to: a plan's responsible division is part of the published record, so it
 * can be renamed but not deleted.
 */
export async function deleteDivision(db: Database, context: CommandContext, divisionId: number): Promise<OrganisationResult> {
  return withAudit(db, context, async (tx, audit) => {
    await lockMunicipality(tx, context.municipalityId);
    const division = await findDivisionEntry(tx, context.municipalityId, divisionId);
    if (!division) return missing;
    const refs = await divisionReferences(tx, context.municipalityId, division);
    if (refs.initiatives.length > 0 || refs.drafts > 0) {
      return { ok: false, message: `課「${division.name}」は取組項目の担当に指定されているため削除できません。名称の変更はできます` };
    }
    if (refs.members > 0) {
      return { ok: false, message: `課「${division.name}」には職員が${refs.members}人所属しているため削除できません。先に所属を変更してください` };
    }
    await deleteDivisionRow(tx, divisionId);
    await audit({ action: "division.delete", entityType: "division", entityId: divisionId, before: { name: division.name, bureau: division.bureau } });
    return { ok: true, id: divisionId };
  });
}
