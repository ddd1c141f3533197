import { describe, expect, it } from "vitest";
import {
  base32Decode,
  base32Encode,
  generateTotpSecret,
  otpauthUri,
  timeStep,
  totp,
  verifyTotp,
} from "../../src/modules/accounts/domain/totp.ts";

// RFC 6238 Appendix B: the seeds are ASCII "1234567890" repeated to 20, 32 and 64 bytes.
const SEED_SHA1 = Buffer.from("12345678901234567890");
const SEED_SHA256 = Buffer.from("12345678901234567890123456789012");
const SEED_SHA512 = Buffer.from("1234567890123456789012345678901234567890123456789012345678901234");

const RFC_6238_VECTORS: [number, string, string, string][] = [
  // time, SHA-1, SHA-256, SHA-512 (8 digits)
  [59, "94287082", "46119246", "90693936"],
  [1111111109, "07081804", "68084774", "25091201"],
  [1111111111, "14050471", "67062674", "99943326"],
  [1234567890, "89005924", "91819424", "93441116"],
  [2000000000, "69279037", "90698825", "38618901"],
  [20000000000, "65353130", "77737706", "47863826"],
];

describe("TOTP (RFC 6238)", () => {
  for (const [time, sha1, sha256, sha512] of RFC_6238_VECTORS) {
    it(`matches the RFC test vectors at T=${time}`, () => {
      expect(totp(SEED_SHA1, time, { digits: 8 })).toBe(sha1);
      expect(totp(SEED_SHA256, time, { digits: 8, algorithm: "sha256" })).toBe(sha256);
      expect(totp(SEED_SHA512, time, { digits: 8, algorithm: "sha512" })).toBe(sha512);
    });
  }

  it("gives the last 6 digits with the default settings (SHA-1, 6 digits, 30 s)", () => {
    expect(totp(SEED_SHA1, 59)).toBe("287082");
    expect(totp(SEED_SHA1, 1111111109)).toBe("081804");
  });

  it("encodes and decodes base32 (RFC 4648 vectors)", () => {
    const vectors: [string, string][] = [
      ["", ""],
      ["f", "MY"],
      ["fo", "MZXQ"],
      ["foo", "MZXW6"],
      ["foob", "MZXW6YQ"],
      ["fooba", "MZXW6YTB"],
      ["foobar", "MZXW6YTBOI"],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded);
      expect(base32Decode(encoded).toString()).toBe(plain);
    }
    expect(base32Decode("mzxw 6ytb oi==").toString()).toBe("foobar");
    expect(() => base32Decode("MZ1")).toThrow();
  });

  it("generates 160-bit secrets", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(secret);
  });

  describe("verifyTotp", () => {
    const secret = base32Encode(SEED_SHA1);
    const now = 1111111111;
    const codeAt = (t: number) => totp(SEED_SHA1, t);

    it("accepts the current code and one step either side, and returns its step", () => {
      expect(verifyTotp(secret, codeAt(now), now, null)).toEqual({ ok: true, step: timeStep(now) });
      expect(verifyTotp(secret, codeAt(now - 30), now, null)).toEqual({ ok: true, step: timeStep(now) - 1 });
      expect(verifyTotp(secret, codeAt(now + 30), now, null)).toEqual({ ok: true, step: timeStep(now) + 1 });
    });

    it("refuses codes two steps away, malformed codes and wrong codes", () => {
      expect(verifyTotp(secret, codeAt(now - 60), now, null).ok).toBe(false);
      expect(verifyTotp(secret, codeAt(now + 60), now, null).ok).toBe(false);
      expect(verifyTotp(secret, "12345", now, null).ok).toBe(false);
      expect(verifyTotp(secret, "abcdef", now, null).ok).toBe(false);
      const wrong = String((Number(codeAt(now)) + 1) % 1_000_000).padStart(6, "0");
      expect(verifyTotp(secret, wrong, now, null).ok).toBe(false);
    });

    it("refuses a code whose step was already used (replay), and earlier steps", () => {
      const step = timeStep(now);
      expect(verifyTotp(secret, codeAt(now), now, step).ok).toBe(false);
      expect(verifyTotp(secret, codeAt(now - 30), now, step - 1).ok).toBe(false);
      expect(verifyTotp(secret, codeAt(now + 30), now, step).ok).toBe(true);
    });

    it("ignores spaces typed inside the code", () => {
      const code = codeAt(now);
      expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now, null).ok).toBe(true);
    });
  });

  it("builds an otpauth:// URI that authenticator apps read", () => {
    const uri = otpauthUri("JBSWY3DPEHPK3PXP", "徳島市DX推進計画", "admin");
    const url = new URL(uri);
    expect(url.protocol).toBe("otpauth:");
    expect(uri.startsWith("otpauth://totp/%E5%BE%B3%E5%B3%B6%E5%B8%82DX%E6%8E%A8%E9%80%B2%E8%A8%88%E7%94%BB:admin?")).toBe(true);
    expect(url.searchParams.get("secret")).toBe("JBSWY3DPEHPK3PXP");
    expect(url.searchParams.get("issuer")).toBe("徳島市DX推進計画");
    expect(url.searchParams.get("digits")).toBe("6");
    expect(url.searchParams.get("period")).toBe("30");
    expect(url.searchParams.get("algorithm")).toBe("SHA1");
  });
});
