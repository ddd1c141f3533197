/**
 * What a password must be (NIST SP 800-63B §5.1.1.2, in short): long enough,
 * not a well-known password, not built from the login id. No composition
 * rules ("one symbol, one digit"): they push people to predictable patterns
 * and add little. Messages are Japanese, addressed to the person typing.
 */
import { readFileSync } from "node:fs";

export const MIN_PASSWORD_LENGTH = 12;
/** argon2 takes any length, but a megabyte-long "password" is an attack on CPU, not a password. */
export const MAX_PASSWORD_LENGTH = 256;

/**
 * common-passwords.txt: lowercase, one per line — well-known leaked
 * passwords (123456, password, 1qaz2wsx…), Japanese words people use
 * (sakura, tokushima, awaodori…) and their usual suffixed forms.
 */
const COMMON = new Set(
  readFileSync(new URL("./common-passwords.txt", import.meta.url), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== ""),
);

export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.toLowerCase());
}

/** The problems with a new password, empty when it is acceptable. */
export function passwordProblems(password: string, loginId: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) problems.push(`パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください`);
  if (length > MAX_PASSWORD_LENGTH) problems.push(`パスワードは${MAX_PASSWORD_LENGTH}文字以内にしてください`);
  if (isCommonPassword(password)) problems.push("よく使われていて推測されやすいパスワードです。別のパスワードにしてください");
  if (loginId !== "" && password.toLowerCase().includes(loginId.toLowerCase())) {
    problems.push("パスワードにログインIDを含めないでください");
  }
  return problems;
}
