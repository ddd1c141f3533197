import { describe, expect, it } from "vitest";
import { parseJapaneseDay } from "../../src/core/format/japanese-date.ts";

describe("parseJapaneseDay: a day as written in a city office", () => {
  it.each([
    ["令和7年3月31日", "2025-03-31"],
    ["R7.3.31", "2025-03-31"],
    ["r7/3/31", "2025-03-31"],
    ["2025/3/31", "2025-03-31"],
    ["2025-03-31", "2025-03-31"],
    ["2025年3月31日", "2025-03-31"],
    ["２０２５／３／３１", "2025-03-31"],
    ["令和元年5月1日", "2019-05-01"],
    ["H31.4.30", "2019-04-30"],
    ["平成31年4月30日", "2019-04-30"],
    ["令和6年2月29日", "2024-02-29"],
  ])("%s → %s", (input, day) => {
    expect(parseJapaneseDay(input)).toEqual({ ok: true, day });
  });

  it.each([
    ["2025-02-29", "2025年2月29日という日付はありません"],
    ["令和7年13月1日", "2025年13月1日という日付はありません"],
    ["平成32年1月1日", "平成の期間にない日付です"],
    ["令和元年4月30日", "令和の期間にない日付です"],
    ["3月31日", "日付として読めません"],
    ["", "日付を入力してください"],
  ])("refuses %s, saying why", (input, message) => {
    const parsed = parseJapaneseDay(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
});
