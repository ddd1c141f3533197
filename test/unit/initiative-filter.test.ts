import { describe, expect, it } from "vitest";
import { filterToQuery, parseInitiativeFilter } from "../../src/modules/plan/domain/initiative-filter.ts";

const plan = {
  policies: [1, 2, 3, 4].map((n) => ({ number: n, title: `方針${n}`, outcomes: [] })),
  initiatives: [],
};

describe("parseInitiativeFilter", () => {
  it("reads a shareable query back into the same filter", () => {
    const parsed = parseInitiativeFilter({ policy: ["2"], kpi: ["1"], q: ["オンライン"], new: [""] }, plan);
    expect(parsed).toEqual({ ok: true, filter: { policy: 2, division: undefined, isNew: undefined, hasKpi: true, q: "オンライン" } });
    if (parsed.ok) expect(filterToQuery(parsed.filter)).toBe(`?policy=2&kpi=1&q=${encodeURIComponent("オンライン")}`);
  });

  it("names each bad parameter in Japanese", () => {
    const parsed = parseInitiativeFilter({ policy: ["二"], kpi: ["yes"] }, plan);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors.join()).toContain("取組方針（policy）");
      expect(parsed.errors.join()).toContain("数値目標あり（kpi）");
    }
  });

  it("refuses a policy the plan does not have", () => {
    expect(parseInitiativeFilter({ policy: ["7"] }, plan)).toEqual({ ok: false, errors: ["取組方針 7 はこの計画にありません"] });
  });
});
