/**
 * A municipality's OpenID Connect provider, through `openid-client`: the
 * authorization code flow with PKCE (S256), state and nonce. The provider's
 * metadata and keys are read on first use (discovery), not at start-up, so a
 * provider that is down stops OIDC sign-in only, never the site.
 *
 * The ID token's signature is checked against the provider's JWKS even
 * though it comes straight from the token endpoint (enableNonRepudiationChecks),
 * and so are iss, aud, exp and nonce. See docs/decisions/012-oidc.md.
 */
import * as oidc from "openid-client";
import type { OidcProviderConfig } from "../../config.ts";
import { oidcCallbackPath } from "./domain/oidc-policy.ts";

/** Who the provider says signed in. */
export type OidcIdentity = {
  subject: string;
  /** Only an address the provider marks as verified (email_verified: true); else null. */
  verifiedEmail: string | null;
  /** Authentication method references (RFC 8176), e.g. ["pwd", "mfa"]. */
  amr: string[];
};

/** What the callback must match: kept server-side while the browser is at the provider. */
export type AuthorizationChecks = { state: string; nonce: string; codeVerifier: string };

export class IdentityProviderError extends Error {
  constructor(
    readonly reason: "provider_error" | "invalid_response" | "unavailable",
    message: string,
    /** For the audit log: the provider's error code or the check that failed. */
    readonly code?: string,
  ) {
    super(message);
  }
}

const TIMEOUT_SECONDS = 10;
const SCOPE = "openid email";

export class IdentityProvider {
  readonly lgCode: string;
  readonly issuer: string;
  readonly redirectUri: string;
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(private readonly settings: OidcProviderConfig) {
    this.lgCode = settings.lgCode;
    this.issuer = settings.issuer;
    this.redirectUri = `${settings.redirectBase}${oidcCallbackPath(settings.lgCode)}`;
  }

  /** Reads the provider's metadata once; a failure is not cached, so the next sign-in tries again. */
  discover(): Promise<oidc.Configuration> {
    this.configuration ??= oidc
      .discovery(new URL(this.issuer), this.settings.clientId, undefined, oidc.ClientSecretBasic(this.settings.clientSecret), {
        // http:// is accepted by the settings only on loopback (development and tests).
        execute: [
          ...(this.issuer.startsWith("http:") ? [oidc.allowInsecureRequests] : []),
          oidc.enableNonRepudiationChecks,
        ],
        timeout: TIMEOUT_SECONDS,
      })
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw new IdentityProviderError("unavailable", `OIDC discovery of ${this.issuer} failed: ${describe(error)}`, codeOf(error));
      });
    return this.configuration;
  }

  async authorizationUrl(checks: AuthorizationChecks): Promise<URL> {
    const configuration = await this.discover();
    return oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: SCOPE,
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: "S256",
    });
  }

  /**
   * Checks the authorization response (the callback's query), exchanges the
   * code and validates the ID token. The e-mail address comes from the ID
   * token or, when the provider keeps it out of the token, from userinfo.
   */
  async finish(callbackQuery: URLSearchParams, checks: AuthorizationChecks): Promise<OidcIdentity> {
    const configuration = await this.discover();
    // The registered redirect URI, not the request's own URL: behind a proxy the app sees another scheme or host.
    const current = new URL(this.redirectUri);
    for (const [name, value] of callbackQuery) current.searchParams.append(name, value);
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      if (error instanceof oidc.AuthorizationResponseError) {
        throw new IdentityProviderError("provider_error", error.error_description ?? error.error, error.error);
      }
      throw new IdentityProviderError("invalid_response", describe(error), codeOf(error));
    }
    const claims = tokens.claims()!;
    let email: unknown = claims.email;
    let emailVerified: unknown = claims.email_verified;
    if (email === undefined && configuration.serverMetadata().userinfo_endpoint) {
      try {
        const info = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
        email = info.email;
        emailVerified = info.email_verified;
      } catch (error) {
        throw new IdentityProviderError("invalid_response", `userinfo: ${describe(error)}`, codeOf(error));
      }
    }
    return {
      subject: claims.sub,
      verifiedEmail: typeof email === "string" && email !== "" && emailVerified === true ? email : null,
      amr: Array.isArray(claims.amr) ? claims.amr.filter((m): m is string => typeof m === "string") : [],
    };
  }
}

/** The providers of the instance, by municipality. Today at most one (OIDC_*); later one per municipality. */
export class IdentityProviders {
  private readonly byLgCode: ReadonlyMap<string, IdentityProvider>;

  constructor(configs: readonly OidcProviderConfig[]) {
    this.byLgCode = new Map(configs.map((config) => [config.lgCode, new IdentityProvider(config)]));
  }

  for(lgCode: string): IdentityProvider | undefined {
    return this.byLgCode.get(lgCode);
  }
}

/** openid-client wraps the failed check (e.g. 'unexpected ID Token "nonce" claim value') as the cause. */
const describe = (error: unknown): string =>
  error instanceof Error
    ? error.cause instanceof Error
      ? `${error.message}: ${error.cause.message}`
      : error.message
    : String(error);
const codeOf = (error: unknown) =>
  error && typeof error === "object" && "code" in error && typeof error.code === "string" ? error.code : undefined;
