import { describe, expect, it } from "vitest";
import { fiscalYearLabel, periodLabel, warekiFiscalYear } from "../../src/core/format/fiscal-year.ts";
import { groupDigits, withUnit } from "../../src/core/format/number.ts";
import { isValidLgCode, lgCodeCheckDigit } from "../../src/core/lg-code.ts";

describe("fiscal years", () => {
  it("shows 和暦 with 西暦 beside it", () => {
    expect(fiscalYearLabel(2022)).toBe("令和4年度（2022年度）");
    expect(periodLabel(2022, 2025)).toBe("令和4年度（2022年度）〜令和7年度（2025年度）");
  });
  it("calls the first year of an era 元年度", () => {
    expect(warekiFiscalYear(2019)).toBe("令和元年度");
    expect(warekiFiscalYear(1989)).toBe("平成元年度");
    expect(warekiFiscalYear(2018)).toBe("平成30年度");
  });
});

describe("numbers as printed", () => {
  it("groups digits without touching the scale", () => {
    expect(groupDigits("2600000")).toBe("2,600,000");
    expect(groupDigits("38.0")).toBe("38.0");
    expect(groupDigits("75.5")).toBe("75.5");
    expect(groupDigits("1234567.25")).toBe("1,234,567.25");
    expect(groupDigits("-1000")).toBe("-1,000");
    expect(groupDigits("0")).toBe("0");
  });
  it("keeps no value distinct from zero", () => {
    expect(withUnit(null, "件")).toBe("—");
    expect(withUnit("0", "業務")).toBe("0業務");
  });
});

describe("全国地方公共団体コード", () => {
  it("accepts real codes and their check digits", () => {
    for (const code of ["362018", "131016", "011002", "362026", "014729"]) expect(isValidLgCode(code), code).toBe(true);
    expect(lgCodeCheckDigit("36201")).toBe(8);
  });
  it("refuses a wrong check digit, wrong length or non-digits", () => {
    for (const code of ["362017", "36201", "3620180", "36201a", ""]) expect(isValidLgCode(code), code).toBe(false);
  });
});
