import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  generateTemporaryPassword,
  hashPassword,
  verifyAgainstDummy,
  verifyPassword,
} from "../../src/modules/accounts/domain/password-hash.ts";
import { isCommonPassword, MIN_PASSWORD_LENGTH, passwordProblems } from "../../src/modules/accounts/domain/password-policy.ts";

const LIST = new URL("../../src/modules/accounts/domain/common-passwords.txt", import.meta.url);

describe("password policy", () => {
  it("accepts a long passphrase", () => {
    expect(passwordProblems("眉山の夜景と阿波おどりが好き", "tanaka")).toEqual([]);
    expect(passwordProblems("correct horse battery staple", "tanaka")).toEqual([]);
  });

  it(`refuses fewer than ${MIN_PASSWORD_LENGTH} characters, counting characters not bytes`, () => {
    expect(passwordProblems("short-pass1", "x-user")).toEqual(["パスワードは12文字以上にしてください"]);
    expect(passwordProblems("あいうえおかきくけこさし", "x-user")).toEqual([]); // 12 characters, 36 bytes
  });

  it("refuses well-known passwords whatever their case", () => {
    expect(isCommonPassword("password")).toBe(true);
    expect(isCommonPassword("PassWord")).toBe(true);
    expect(isCommonPassword("1qaz2wsx")).toBe(true);
    expect(isCommonPassword("tokushima")).toBe(true);
    expect(isCommonPassword("sakura")).toBe(true);
    expect(passwordProblems("Password1234", "someone")).toEqual([
      "よく使われていて推測されやすいパスワードです。別のパスワードにしてください",
    ]);
    expect(passwordProblems("QWERTYUIOP123", "someone")).toHaveLength(1);
    expect(passwordProblems("Tokushima2024", "someone")).toHaveLength(1);
  });

  it("refuses a password containing the login id, ignoring case", () => {
    expect(passwordProblems("my-Tanaka-password-is-long", "tanaka")).toEqual(["パスワードにログインIDを含めないでください"]);
  });

  it("reports every problem at once", () => {
    expect(passwordProblems("admin", "admin")).toHaveLength(3);
  });

  it("ships a list of at least 1,000 common passwords, lowercase, one per line, no duplicates", () => {
    const lines = readFileSync(LIST, "utf8").split("\n").filter((l) => l !== "");
    expect(lines.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(lines).size).toBe(lines.length);
    for (const line of lines) {
      expect(line).toBe(line.toLowerCase());
      expect(line).toBe(line.trim());
    }
    for (const expected of ["123456", "password", "qwerty", "iloveyou", "1qaz2wsx", "tokushima", "sakura"]) {
      expect(lines).toContain(expected);
    }
  });
});

describe("argon2id password hashing", () => {
  it("hashes with argon2id at OWASP's parameters and verifies", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery stapler")).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password here")).not.toBe(await hashPassword("same password here"));
  });

  it("treats a malformed stored hash as a mismatch", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
    expect(await verifyAgainstDummy("anything")).toBe(false);
  });

  it("generates readable temporary passwords", () => {
    const password = generateTemporaryPassword();
    expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{4}(-[a-km-zA-HJ-NP-Z2-9]{4}){3}$/);
    expect(generateTemporaryPassword()).not.toBe(password);
  });
});
