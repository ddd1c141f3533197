/**
 * Sign-in through the municipality's OpenID Connect provider, in two steps
 * (docs/decisions/012-oidc.md):
 *
 * beginOidcSignIn: records state, nonce, PKCE verifier and the page to return
 * to, under the SHA-256 of a random token that the browser keeps in a cookie.
 *
 * completeOidcSignIn: takes that record (once), checks that the callback
 * belongs to it, lets the provider exchange the code and validate the ID
 * token, then finds the account by (municipality, subject) — or links the
 * one unlinked account with the provider's verified e-mail address — and
 * starts a session as password sign-in does. Accounts are never created here:
 * administrators provision them. Every outcome is audited.
 */
import { timingSafeEqual } from "node:crypto";
import { recordAudit, type AuditActor } from "../../../core/audit/audit.ts";
import type { Database, Queryable } from "../../../core/db/database.ts";
import { attemptIdOf, LOGIN_ATTEMPT_TTL_MS, providerAssertsMfa, randomToken, type OidcFailure } from "../domain/oidc-policy.ts";
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from "../domain/session-policy.ts";
import { IdentityProviderError, type AuthorizationChecks, type IdentityProvider, type OidcIdentity } from "../identity-provider.ts";
import {
  deleteExpiredLoginAttempts,
  findUnlinkedUsersByEmail,
  findUserByOidcSubject,
  insertLoginAttempt,
  linkOidcSubject,
  takeLoginAttempt,
} from "../repository/oidc-repository.ts";
import { deleteExpiredSessions, deleteSession } from "../repository/session-repository.ts";
import type { StaffUser } from "../user.ts";
import { userActor } from "./actor.ts";
import { startSession, type SessionClient } from "./start-session.ts";

export type BeginOidcInput = {
  municipalityId: number;
  provider: Pick<IdentityProvider, "issuer">;
  /** A page of this municipality's staff area (already checked by safeNextPath). */
  nextPath: string | undefined;
  now?: Date;
};

/** token: for the browser's cookie; checks: for the authorization request. */
export async function beginOidcSignIn(db: Database, input: BeginOidcInput): Promise<{ token: string; checks: AuthorizationChecks }> {
  const now = input.now ?? new Date();
  const token = randomToken();
  const checks = { state: randomToken(), nonce: randomToken(), codeVerifier: randomToken() };
  await db.transaction(async (tx) => {
    await deleteExpiredLoginAttempts(tx, now);
    await insertLoginAttempt(
      tx,
      attemptIdOf(token),
      {
        municipalityId: input.municipalityId,
        issuer: input.provider.issuer,
        ...checks,
        nextPath: input.nextPath ?? null,
        expiresAt: new Date(now.getTime() + LOGIN_ATTEMPT_TTL_MS),
      },
      now,
    );
  });
  return { token, checks };
}

export type CompleteOidcInput = {
  municipalityId: number;
  provider: Pick<IdentityProvider, "issuer" | "finish">;
  /** From the browser's cookie; undefined when it sent none. */
  attemptToken: string | undefined;
  /** The callback's query: code, state, iss — or error. */
  callbackQuery: URLSearchParams;
  client: SessionClient;
  /** The session the browser presented, ended by this sign-in. */
  previousSessionId?: string;
  now?: Date;
};

export type CompleteOidcResult =
  | { ok: true; token: string; userId: number; nextPath: string | null }
  | { ok: false; reason: OidcFailure };

const UNAUTHENTICATED: AuditActor = { userId: null, label: "未認証（庁内の認証基盤）" };
const unregistered = (identity: OidcIdentity): AuditActor => ({ userId: null, label: `未登録（認証基盤の利用者: ${identity.subject}）` });

export async function completeOidcSignIn(db: Database, input: CompleteOidcInput): Promise<CompleteOidcResult> {
  const now = input.now ?? new Date();
  // The actor is known only once the account is found, so entries are written one by one (not withAudit).
  const record = (tx: Queryable, actor: AuditActor, entry: { action: string; entityId: number | null; before?: object; after: object }) =>
    recordAudit(tx, {
      municipalityId: input.municipalityId,
      actor,
      ip: input.client.ip,
      entityType: "app_user",
      ...entry,
      after: { method: "oidc", ...entry.after },
    });
  const refuse = async (reason: OidcFailure, detail: object = {}, actor = UNAUTHENTICATED, tx?: Queryable, userId: number | null = null) => {
    const write = (q: Queryable) => record(q, actor, { action: "auth.sign_in_failed", entityId: userId, after: { reason, ...detail } });
    await (tx ? write(tx) : db.transaction(write));
    return { ok: false, reason } as const;
  };

  // Taken (deleted) before anything is checked: a callback is answered once, whatever its outcome.
  const attempt = input.attemptToken ? await takeLoginAttempt(db, attemptIdOf(input.attemptToken)) : undefined;
  if (!attempt) return refuse("no_attempt");
  if (attempt.municipalityId !== input.municipalityId) {
    return refuse("wrong_municipality", { attemptMunicipalityId: attempt.municipalityId });
  }
  if (attempt.issuer !== input.provider.issuer) return refuse("issuer_mismatch", { attemptIssuer: attempt.issuer });
  if (attempt.expiresAt.getTime() <= now.getTime()) return refuse("expired");
  if (!sameToken(input.callbackQuery.get("state"), attempt.state)) return refuse("state_mismatch");

  let identity: OidcIdentity;
  try {
    identity = await input.provider.finish(input.callbackQuery, attempt);
  } catch (error) {
    if (!(error instanceof IdentityProviderError)) throw error;
    return refuse(error.reason, { code: error.code ?? null, message: error.message.slice(0, 500) });
  }

  return db.transaction(async (tx) => {
    const found = await findAccount(tx, input.municipalityId, identity);
    const who = { subject: identity.subject, email: identity.verifiedEmail };
    if (!found.ok) return refuse(found.reason, who, unregistered(identity), tx, found.userId ?? null);
    const user = found.user;
    if (found.link) {
      if (!(await linkOidcSubject(tx, user.id, identity.subject))) return refuse("unknown_subject", who, unregistered(identity), tx);
      await record(tx, userActor(user), {
        action: "user.oidc_link",
        entityId: user.id,
        before: { oidcSubject: null },
        after: { oidcSubject: identity.subject, issuer: input.provider.issuer, matchedEmail: identity.verifiedEmail },
      });
    }
    const mfaByProvider = providerAssertsMfa(identity.amr);
    await deleteExpiredSessions(
      tx,
      user.id,
      new Date(now.getTime() - IDLE_TIMEOUT_MS),
      new Date(now.getTime() - ABSOLUTE_TIMEOUT_MS),
    );
    if (input.previousSessionId) await deleteSession(tx, input.previousSessionId);
    // The provider's multi-factor authentication counts as this session's second factor.
    const token = await startSession(tx, user.id, mfaByProvider, input.client, now);
    await record(tx, userActor(user), {
      action: "auth.sign_in",
      entityId: user.id,
      after: {
        issuer: input.provider.issuer,
        subject: identity.subject,
        amr: identity.amr,
        mfaByProvider,
        secondFactorPending: !mfaByProvider && user.totpEnabled,
      },
    });
    return { ok: true, token, userId: user.id, nextPath: attempt.nextPath } as const;
  });
}

type FoundAccount =
  | { ok: true; user: StaffUser; link: boolean }
  | { ok: false; reason: "unknown_subject" | "ambiguous_email" | "disabled"; userId?: number };

/**
 * The account the subject is linked to; else the only unlinked account with
 * the provider's verified e-mail address (to be linked). Several such
 * accounts are refused rather than guessed between.
 */
async function findAccount(tx: Queryable, municipalityId: number, identity: OidcIdentity): Promise<FoundAccount> {
  const linked = await findUserByOidcSubject(tx, municipalityId, identity.subject);
  if (linked) return linked.disabledAt ? { ok: false, reason: "disabled", userId: linked.id } : { ok: true, user: linked, link: false };
  if (!identity.verifiedEmail) return { ok: false, reason: "unknown_subject" };
  const candidates = await findUnlinkedUsersByEmail(tx, municipalityId, identity.verifiedEmail);
  if (candidates.length === 0) return { ok: false, reason: "unknown_subject" };
  if (candidates.length > 1) return { ok: false, reason: "ambiguous_email" };
  const [user] = candidates as [StaffUser];
  return user.disabledAt ? { ok: false, reason: "disabled", userId: user.id } : { ok: true, user, link: true };
}

function sameToken(sent: string | null, expected: string): boolean {
  if (sent === null) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
