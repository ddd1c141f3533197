/** Ending sessions: this one, or all of the user's (a lost phone, a shared PC left signed in). */
import { withAudit } from "../../../core/audit/audit.ts";
import type { Database } from "../../../core/db/database.ts";
import { deleteSession, deleteUserSessions } from "../repository/session-repository.ts";
import type { AccountHolder } from "../user.ts";
import { userActor } from "./actor.ts";

export async function signOut(db: Database, input: { user: AccountHolder; sessionId: string; ip: string }): Promise<void> {
  await withAudit(db, { municipalityId: input.user.municipalityId, actor: userActor(input.user), ip: input.ip }, async (tx, audit) => {
    await deleteSession(tx, input.sessionId);
    await audit({ action: "auth.sign_out", entityType: "app_user", entityId: input.user.id });
  });
}

export async function signOutEverywhere(db: Database, input: { user: AccountHolder; ip: string }): Promise<number> {
  return withAudit(db, { municipalityId: input.user.municipalityId, actor: userActor(input.user), ip: input.ip }, async (tx, audit) => {
    const ended = await deleteUserSessions(tx, input.user.id);
    await audit({ action: "auth.sign_out_everywhere", entityType: "app_user", entityId: input.user.id, after: { sessionsEnded: ended } });
    return ended;
  });
}
