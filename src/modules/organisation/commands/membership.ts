/**
 * assignUserDivision: which division a member of staff belongs to
 * (app_user.division_id), or none. Audited like the other account changes.
 */
import { withAudit } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import type { CommandContext } from "../../accounts/commands/manage-users.ts";
import { findDivisionEntry, findMemberCandidate } from "../repository/organisation-queries.ts";
import { updateUserDivision } from "../repository/organisation-writes.ts";
import type { OrganisationResult } from "./bureaus.ts";

export async function assignUserDivision(
  db: Database,
  context: CommandContext,
  userId: number,
  divisionId: number | null,
): Promise<OrganisationResult> {
  return withAudit(db, context, async (tx, audit) => {
    const user = await findMemberCandidate(tx, context.municipalityId, userId);
    if (!user) return { ok: false, message: "職員を一覧から選んでください" };
    const division = divisionId === null ? null : await findDivisionEntry(tx, context.municipalityId, divisionId);
    if (division === undefined) return { ok: false, message: "課が見つかりません" };
    if (user.divisionId === (division?.id ?? null)) return { ok: true, id: userId };
    const before = user.divisionId === null ? null : await findDivisionEntry(tx, context.municipalityId, user.divisionId);
    await updateUserDivision(tx, context.municipalityId, userId, division?.id ?? null);
    await audit({
      action: "user.division_change",
      entityType: "app_user",
      entityId: userId,
      before: { division: before ? { id: before.id, name: before.name } : null },
      after: { division: division ? { id: division.id, name: division.name } : null },
    });
    return { ok: true, id: userId };
  });
}
