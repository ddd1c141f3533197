/**
 * Rules of sign-in through a municipality's OpenID Connect provider (see
 * docs/decisions/012-oidc.md): how long a begun sign-in may take, when the
 * provider's word counts as a second factor, and the reasons a sign-in is
 * refused (kept in the audit log; the pages say less).
 */
import { createHash, randomBytes } from "node:crypto";

/** The browser has this long between leaving for the provider and coming back. */
export const LOGIN_ATTEMPT_TTL_MS = 10 * 60_000;

/** Holds the begun sign-in's token; sent only to /:lgCode/staff/sign-in/oidc/… */
export const LOGIN_ATTEMPT_COOKIE = "dxp_oidc";

export const oidcPath = (lgCode: string) => `/${lgCode}/staff/sign-in/oidc`;
export const oidcCallbackPath = (lgCode: string) => `${oidcPath(lgCode)}/callback`;

/** 32 random bytes, base64url: the attempt's cookie token, state, nonce and PKCE verifier alike (43 characters). */
export const randomToken = () => randomBytes(32).toString("base64url");

/** The attempt row's id: the SHA-256 of the cookie's token, so the table alone finishes no sign-in. */
export const attemptIdOf = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * RFC 8176 authentication method references that mean more than a password
 * was used. Only these two: "mfa" says so outright, "otp" is a one-time code
 * (which city providers add to a password). Anything else ("pwd", "kba", none
 * at all) leaves administrators and the secretariat to our own TOTP step.
 */
const MFA_METHODS = new Set(["mfa", "otp"]);

export function providerAssertsMfa(amr: readonly string[]): boolean {
  return amr.some((method) => MFA_METHODS.has(method));
}

/**
 * Why an OIDC sign-in was refused, for the audit log.
 * - no_attempt … wrong_municipality: the callback does not belong to a sign-in this browser began here.
 * - provider_error: the provider answered with an error (the person cancelled, consent refused …).
 * - invalid_response: the code exchange or the ID token failed a check (signature, iss, aud, exp, nonce).
 * - unavailable: the provider could not be reached.
 * - unknown_subject, ambiguous_email, disabled: no usable account in this municipality.
 */
export type OidcFailure =
  | "no_attempt"
  | "expired"
  | "state_mismatch"
  | "issuer_mismatch"
  | "wrong_municipality"
  | "provider_error"
  | "invalid_response"
  | "unavailable"
  | "unknown_subject"
  | "ambiguous_email"
  | "disabled";
