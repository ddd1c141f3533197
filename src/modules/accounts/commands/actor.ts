/** How accounts appear in the audit log's actor_label: readable without a join. */
import type { AuditActor } from "../../../core/audit/audit.ts";

export const userActor = (user: { id: number; displayName: string; loginId: string }): AuditActor => ({
  userId: user.id,
  label: `${user.displayName}（${user.loginId}）`,
});

/** Someone who has not proved who they are yet: only the login id they typed. */
export const anonymousActor = (loginId: string): AuditActor => ({ userId: null, label: `未認証（ログインID: ${loginId}）` });
