/**
 * The one-time answer code (decision 029): random codes from the alphabet
 * without look-alikes, and a check character that catches every single
 * wrong character and every swap of two different characters — tried
 * exhaustively on a sample of real codes, not argued.
 */
import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, CODE_LENGTH, checkCharacter, formatCode, isValidCode, newAnswerCode, normaliseCode, readCode } from "../../src/modules/survey/fieldwork/domain/answer-code.ts";

describe("answer codes", () => {
  const codes = Array.from({ length: 40 }, () => newAnswerCode());

  it("are 12 characters from 31 without I, L, O, U or Z, with a valid check character, and differ", () => {
    expect(CODE_ALPHABET).toHaveLength(31);
    expect(CODE_ALPHABET).not.toMatch(/[ILOUZ]/);
    for (const code of codes) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Y]{12}$/);
      expect(isValidCode(code)).toBe(true);
      expect(checkCharacter(code.slice(0, 11))).toBe(code[11]);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("catch every single wrong character, check character included", () => {
    for (const code of codes) {
      for (let i = 0; i < CODE_LENGTH; i++) {
        for (const ch of CODE_ALPHABET) {
          if (ch === code[i]) continue;
          const wrong = code.slice(0, i) + ch + code.slice(i + 1);
          expect(isValidCode(wrong), `${code} → ${wrong}`).toBe(false);
        }
      }
    }
  });

  it("catch every swap of two different characters, adjacent or not", () => {
    for (const code of codes) {
      for (let i = 0; i < CODE_LENGTH; i++) {
        for (let j = i + 1; j < CODE_LENGTH; j++) {
          if (code[i] === code[j]) continue;
          const chars = [...code];
          [chars[i], chars[j]] = [chars[j]!, chars[i]!];
          expect(isValidCode(chars.join("")), `${code} swap ${i},${j}`).toBe(false);
        }
      }
    }
  });

  it("read back what people type: groups, lower case, full-width, look-alikes", () => {
    const code = codes[0]!;
    expect(formatCode(code)).toMatch(/^.{4}-.{4}-.{4}$/);
    expect(readCode(formatCode(code).toLowerCase())).toEqual({ ok: true, code });
    expect(readCode(` ${formatCode(code).replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))} `)).toEqual({ ok: true, code });
    expect(normaliseCode("o1l-iz u")).toBe("0111" + "2V");
    expect(readCode("")).toEqual({ ok: false, reason: "empty" });
    expect(readCode("ABC")).toEqual({ ok: false, reason: "length" });
    expect(readCode("ABCD-EFGH-JK!M")).toEqual({ ok: false, reason: "characters" });
    const swapped = code[0] === code[1] ? undefined : code[1]! + code[0]! + code.slice(2);
    if (swapped) expect(readCode(swapped)).toEqual({ ok: false, reason: "check" });
  });
});
