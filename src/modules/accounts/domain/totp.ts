/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) with
 * node:crypto, compatible with the usual authenticator apps: SHA-1, 6 digits,
 * 30-second steps. A code is accepted one step either side of now (clock
 * drift), and never for a step at or before the last one accepted (replay).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one. */
export const TOTP_WINDOW = 1;

type Algorithm = "sha1" | "sha256" | "sha512";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32, ignoring case, spaces and padding (people copy secrets by hand). */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, "");
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`base32 ではない文字です: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new secret: 20 random bytes (160 bits, the size RFC 4226 recommends), as base32. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

export function hotp(key: Uint8Array, counter: bigint, digits = TOTP_DIGITS, algorithm: Algorithm = "sha1"): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(counter);
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

export function timeStep(unixSeconds: number, period = TOTP_PERIOD_SECONDS): number {
  return Math.floor(unixSeconds / period);
}

export function totp(
  key: Uint8Array,
  unixSeconds: number,
  options: { digits?: number; algorithm?: Algorithm; period?: number } = {},
): string {
  return hotp(key, BigInt(timeStep(unixSeconds, options.period)), options.digits, options.algorithm);
}

export type TotpCheck = { ok: true; step: number } | { ok: false };

/**
 * Checks a code typed by a person against a base32 secret. Returns the
 * matching step, which the caller stores as the last one used.
 */
export function verifyTotp(secret: string, code: string, unixSeconds: number, lastStep: number | null): TotpCheck {
  const typed = code.replace(/[\s-]/g, "");
  if (!/^\d{6}$/.test(typed)) return { ok: false };
  const key = base32Decode(secret);
  const now = timeStep(unixSeconds);
  let matched: number | undefined;
  // Compare every candidate, without stopping early, so timing says nothing about which one matched.
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step++) {
    const expected = hotp(key, BigInt(step));
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(typed)) && matched === undefined) matched = step;
  }
  if (matched === undefined) return { ok: false };
  if (lastStep !== null && matched <= lastStep) return { ok: false };
  return { ok: true, step: matched };
}

/** The otpauth:// address that authenticator apps read (Key URI Format). */
export function otpauthUri(secret: string, issuer: string, account: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({
    secret,
    issuer,
    algorithm: "SHA1",
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}

/** The secret in groups of four, easier to type into an app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}
