/**
 * Sign-in through the municipality's OpenID Connect provider (only where one
 * is configured; elsewhere these addresses are 404):
 *
 *   GET /:lgCode/staff/sign-in/oidc           begins: records the checks, sends the browser to the provider
 *   GET /:lgCode/staff/sign-in/oidc/callback  the provider sends the browser back here
 *
 * The begun sign-in's token travels in the cookie dxp_oidc: HttpOnly,
 * SameSite=Lax (sent on the provider's top-level redirect back, not on
 * cross-site subrequests), limited to these two paths, ten minutes.
 * The staff-area middleware of routes.tsx runs first (municipality, session).
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { clientIp } from "../../core/http/client-ip.ts";
import { notFound } from "../../core/http/http-error.ts";
import { secureCookies } from "../../core/http/request-scheme.ts";
import type { Database } from "../../core/db/database.ts";
import type { Municipality } from "../tenancy/municipality.ts";
import { beginOidcSignIn, completeOidcSignIn } from "./commands/oidc-sign-in.ts";
import { LOGIN_ATTEMPT_COOKIE, LOGIN_ATTEMPT_TTL_MS, oidcPath } from "./domain/oidc-policy.ts";
import { sessionIdOf } from "./domain/session-policy.ts";
import { safeNextPath } from "./domain/sign-in-policy.ts";
import { IdentityProviderError, type IdentityProvider, type IdentityProviders } from "./identity-provider.ts";
import { readSessionToken, setSessionCookie } from "./session-cookie.ts";
import { staffBase, staffState, type StaffEnv } from "./staff-area.ts";
import { OIDC_REFUSALS, OidcRefusedPage } from "./views/oidc-pages.tsx";

export type OidcDeps = { db: Database; providers: IdentityProviders; trustProxy?: boolean };

const STAFF = "/:lgCode{[0-9]{6}}/staff";

export function oidcRoutes(deps: OidcDeps): Hono<StaffEnv> {
  const { db, providers } = deps;
  const r = new Hono<StaffEnv>();
  const providerOf = (c: Context) => {
    const provider = providers.for(staffState(c).municipality.lgCode);
    if (!provider) throw notFound();
    return provider;
  };
  const refused = (c: Context, reason: keyof typeof OIDC_REFUSALS) => {
    const refusal = OIDC_REFUSALS[reason];
    return c.html(<OidcRefusedPage municipality={staffState(c).municipality} refusal={refusal} />, refusal.status);
  };

  r.get(`${STAFF}/sign-in/oidc`, async (c) => {
    const { municipality, session } = staffState(c);
    const provider = providerOf(c);
    const next = safeNextPath(c.req.query("next"), municipality.lgCode);
    if (session?.stage === "ready") return c.redirect(next ?? staffBase(municipality), 303);
    try {
      // Before anything is recorded: a provider that cannot be reached leaves nothing behind.
      await provider.discover();
    } catch (error) {
      if (!(error instanceof IdentityProviderError)) throw error;
      console.error(error.message);
      return refused(c, "unavailable");
    }
    const begun = await beginOidcSignIn(db, { municipalityId: municipality.id, provider, nextPath: next });
    const url = await provider.authorizationUrl(begun.checks);
    setCookie(c, LOGIN_ATTEMPT_COOKIE, begun.token, { ...attemptCookie(c, municipality, provider), maxAge: LOGIN_ATTEMPT_TTL_MS / 1000 });
    return c.redirect(url.href, 303);
  });

  r.get(`${STAFF}/sign-in/oidc/callback`, async (c) => {
    const { municipality } = staffState(c);
    const provider = providerOf(c);
    const attemptToken = getCookie(c, LOGIN_ATTEMPT_COOKIE);
    deleteCookie(c, LOGIN_ATTEMPT_COOKIE, attemptCookie(c, municipality, provider));
    const presented = readSessionToken(c);
    const result = await completeOidcSignIn(db, {
      municipalityId: municipality.id,
      provider,
      attemptToken: attemptToken && /^[A-Za-z0-9_-]{43}$/.test(attemptToken) ? attemptToken : undefined,
      callbackQuery: new URL(c.req.url).searchParams,
      client: { ip: clientIp(c, deps.trustProxy), userAgent: c.req.header("User-Agent")?.slice(0, 500) ?? null },
      previousSessionId: presented ? sessionIdOf(presented) : undefined,
    });
    if (!result.ok) return refused(c, result.reason);
    setSessionCookie(c, result.token);
    // The staff-area pages take a person who still owes a TOTP code to that step, and on to the page.
    return c.redirect(result.nextPath ?? staffBase(municipality), 303);
  });

  return r;
}

function attemptCookie(c: Context, municipality: Pick<Municipality, "lgCode">, provider: IdentityProvider) {
  // Secure also when TLS ends at a proxy: the registered redirect URI says how the browser comes back.
  const secure = secureCookies(c) || provider.redirectUri.startsWith("https:");
  return { httpOnly: true, sameSite: "Lax", path: oidcPath(municipality.lgCode), secure } as const;
}
