/**
 * The one-time answer code printed on each letter (decision 029).
 *
 * - 11 random characters and a check character from a 31-character alphabet:
 *   Crockford's base32 without Z (Crockford already leaves out I, L, O and U;
 *   Z goes too because it is read as 2). 31^11 ≈ 2.5 × 10^16 codes, about 54
 *   bits, drawn with crypto.randomInt (no modulo bias).
 * - The check character makes the weighted sum Σ (i+1)·v_i over all 12
 *   positions ≡ 0 (mod 31). 31 is prime and the weights 1…12 are distinct and
 *   non-zero mod 31, so every single wrong character (difference 1…30) and
 *   every swap of two different characters, adjacent or not, changes the sum:
 *   a mistyped code is told apart from a wrong one without a database look-up.
 * - Shown in groups of four for reading aloud over the phone: 7KQ3-M9VD-R2XF.
 * - Read back forgivingly: lower case, spaces, hyphens and full-width
 *   characters are accepted; O→0, I/L→1, Z→2, U→V as they are misread.
 */
import { randomInt } from "node:crypto";

export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXY";
const BASE = CODE_ALPHABET.length; // 31, prime
export const CODE_DATA_LENGTH = 11;
export const CODE_LENGTH = CODE_DATA_LENGTH + 1;

const valueOf = (ch: string) => CODE_ALPHABET.indexOf(ch);

/** The character that makes Σ (i+1)·v_i ≡ 0 (mod 31) once appended at position 12. */
export function checkCharacter(data: string): string {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += (i + 1) * valueOf(data[i]!);
  const weight = data.length + 1;
  // weight · c ≡ −sum (mod 31): c = −sum · weight⁻¹; the inverse exists because 31 is prime.
  const inverse = modInverse(weight % BASE, BASE);
  const c = (((BASE - (sum % BASE)) % BASE) * inverse) % BASE;
  return CODE_ALPHABET[c]!;
}

function modInverse(a: number, m: number): number {
  for (let x = 1; x < m; x++) if ((a * x) % m === 1) return x;
  throw new Error(`no inverse of ${a} mod ${m}`);
}

export function newAnswerCode(): string {
  let data = "";
  for (let i = 0; i < CODE_DATA_LENGTH; i++) data += CODE_ALPHABET[randomInt(BASE)];
  return data + checkCharacter(data);
}

/** True when the 12 characters are from the alphabet and the check character holds. */
export function isValidCode(code: string): boolean {
  if (code.length !== CODE_LENGTH) return false;
  let sum = 0;
  for (let i = 0; i < code.length; i++) {
    const v = valueOf(code[i]!);
    if (v < 0) return false;
    sum += (i + 1) * v;
  }
  return sum % BASE === 0;
}

const MISREAD: Record<string, string> = { O: "0", I: "1", L: "1", Z: "2", U: "V" };

/** What a person typed, as the stored form: upper case, without separators, misreadings mapped. */
export function normaliseCode(typed: string): string {
  return typed
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-‐‑–—ー－]/g, "")
    .replace(/[OILZU]/g, (ch) => MISREAD[ch]!);
}

/** 7KQ3M9VDR2XF → 7KQ3-M9VD-R2XF */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)!.join("-");
}

export type CodeReading = { ok: true; code: string } | { ok: false; reason: "empty" | "length" | "characters" | "check" };

export function readCode(typed: string): CodeReading {
  const code = normaliseCode(typed);
  if (code === "") return { ok: false, reason: "empty" };
  if (![...code].every((ch) => valueOf(ch) >= 0)) return { ok: false, reason: "characters" };
  if (code.length !== CODE_LENGTH) return { ok: false, reason: "length" };
  if (!isValidCode(code)) return { ok: false, reason: "check" };
  return { ok: true, code };
}

export const CODE_READING_MESSAGES: Record<Exclude<CodeReading, { ok: true }>["reason"], string> = {
  empty: "回答用コードを入力してください",
  length: "回答用コードは12文字です（例: 7KQ3-M9VD-R2XF）。お手紙に印刷されたコードをご確認ください",
  characters: "回答用コードに使われない文字が含まれています。お手紙に印刷されたコードをご確認ください",
  check: "回答用コードに入力の誤りがあります（1文字の違いか、文字の入れ替わり）。お手紙に印刷されたコードをご確認ください",
};
