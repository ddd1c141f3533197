import { describe, expect, it } from "vitest";
import { achievement, initiativeSuggestion } from "../../src/modules/cycle/domain/achievement.ts";

describe("KPI achievement rule", () => {
  it("rates higher-is-better KPIs as actual ÷ target", () => {
    expect(achievement({ direction: "higher", target: "160", actual: "176" })).toEqual({ status: "rated", met: true, ratePercent: 110, suggestedGrade: "S" });
    expect(achievement({ direction: "higher", target: "160", actual: "160" })).toMatchObject({ ratePercent: 100, suggestedGrade: "A" });
    expect(achievement({ direction: "higher", target: "160", actual: "120" })).toMatchObject({ met: false, ratePercent: 75, suggestedGrade: "B" });
    expect(achievement({ direction: "higher", target: "160", actual: "100" })).toMatchObject({ ratePercent: 62.5, suggestedGrade: "C" });
  });

  it("compares decimals exactly, whatever their printed scale", () => {
    expect(achievement({ direction: "higher", target: "38.0", actual: "38" })).toMatchObject({ met: true, ratePercent: 100 });
    expect(achievement({ direction: "higher", target: "37.8", actual: "37.79" })).toMatchObject({ met: false, ratePercent: 100 });
  });

  it("inverts the ratio for lower-is-better KPIs, and 0 meets any target", () => {
    expect(achievement({ direction: "lower", target: "10", actual: "8" })).toMatchObject({ met: true, ratePercent: 125, suggestedGrade: "S" });
    expect(achievement({ direction: "lower", target: "10", actual: "20" })).toMatchObject({ met: false, ratePercent: 50, suggestedGrade: "C" });
    expect(achievement({ direction: "lower", target: "0", actual: "0" })).toMatchObject({ met: true, ratePercent: null, suggestedGrade: "A" });
  });

  it("caps keep KPIs at 100%: keeping a level cannot exceed it", () => {
    expect(achievement({ direction: "keep", target: "2", actual: "3" })).toMatchObject({ met: true, ratePercent: 100, suggestedGrade: "A" });
    expect(achievement({ direction: "keep", target: "2", actual: "1" })).toMatchObject({ met: false, ratePercent: 50 });
  });

  it("gives no rate, never 0%, without an actual or without a target", () => {
    expect(achievement({ direction: "higher", target: "5", actual: null })).toEqual({ status: "no_actual" });
    expect(achievement({ direction: "higher", target: null, actual: "3" })).toEqual({ status: "no_target" });
  });

  it("treats a target of 0 as met by any actual", () => {
    expect(achievement({ direction: "higher", target: "0", actual: "0" })).toMatchObject({ met: true, ratePercent: null, suggestedGrade: "A" });
  });

  it("suggests the lowest grade among an initiative's rated KPIs", () => {
    const s = achievement({ direction: "higher", target: "10", actual: "12" });
    const b = achievement({ direction: "higher", target: "10", actual: "8" });
    expect(initiativeSuggestion([s, b, { status: "no_target" }])).toBe("B");
    expect(initiativeSuggestion([{ status: "no_actual" }])).toBeUndefined();
  });
});
