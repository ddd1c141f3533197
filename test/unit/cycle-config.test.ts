import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

describe("REMINDER_DAYS", () => {
  it("defaults to 7 and 1 days before the report deadline", () => {
    expect(loadConfig({}).reminderDays).toEqual([7, 1]);
    expect(loadConfig({ REMINDER_DAYS: " 14, 3,3 ,0" }).reminderDays).toEqual([14, 3, 0]);
  });

  it("refuses anything but a comma-separated list of days, in Japanese", () => {
    expect(() => loadConfig({ REMINDER_DAYS: "7日前" })).toThrow(ConfigError);
    expect(() => loadConfig({ REMINDER_DAYS: "7,-1" })).toThrow(/REMINDER_DAYS: 提出期限の何日前に知らせるかを、0以上の日数のカンマ区切りで指定してください（例: 7,1）/);
  });
});
