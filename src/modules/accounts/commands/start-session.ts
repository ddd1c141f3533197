/**
 * Replacing a session by a new one with a new token, inside a command's
 * transaction: after a second factor is verified or enrolled, or the
 * password changed, so a token seen before the step is worth nothing after it.
 */
import type { Queryable } from "../../../core/db/database.ts";
import { newCsrfToken, newSessionToken, sessionIdOf } from "../domain/session-policy.ts";
import { deleteSession, insertSession } from "../repository/session-repository.ts";

export type SessionClient = { ip: string; userAgent: string | null };

export async function replaceSession(
  tx: Queryable,
  oldSessionId: string,
  userId: number,
  mfaVerified: boolean,
  client: SessionClient,
  now: Date,
): Promise<string> {
  await deleteSession(tx, oldSessionId);
  return startSession(tx, userId, mfaVerified, client, now);
}

/**
 * A new session with a new token, inside a command's transaction: OIDC
 * sign-in starts its sessions here (password sign-in writes the same row).
 */
export async function startSession(
  tx: Queryable,
  userId: number,
  mfaVerified: boolean,
  client: SessionClient,
  now: Date,
): Promise<string> {
  const token = newSessionToken();
  await insertSession(tx, {
    id: sessionIdOf(token),
    userId,
    csrfToken: newCsrfToken(),
    mfaVerified,
    ip: client.ip,
    userAgent: client.userAgent,
    at: now,
  });
  return token;
}
