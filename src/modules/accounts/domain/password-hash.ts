/**
 * Password hashing with argon2id at OWASP's recommended minimum
 * (m = 19 MiB, t = 2, p = 1): about 50 ms on one core. The parameters are
 * stored in each hash (PHC string), so raising them later only affects new
 * hashes; old ones still verify.
 */
import { Algorithm, hash, verify } from "@node-rs/argon2";
import { randomInt } from "node:crypto";

export const ARGON2_OPTIONS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false; // a malformed stored hash never verifies
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real check when there is no hash to check
 * against (unknown login id, OIDC-only user), so response times do not tell
 * which login ids exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("dummy password that never matches anything");
  await verifyPassword(await dummyHash, password);
  return false;
}

// No 0/O, 1/l/I: a temporary password is read from a screen and typed by hand.
const TEMPORARY_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A temporary password an administrator hands over: 4 groups of 4 (about 93 bits). */
export function generateTemporaryPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = "";
    for (let i = 0; i < 4; i++) group += TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join("-");
}
