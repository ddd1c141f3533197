import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

describe("COOKIE_SECURE", () => {
  it("defaults to auto and takes always or never", () => {
    expect(loadConfig({}).cookieSecure).toBe("auto");
    expect(loadConfig({ COOKIE_SECURE: "always" }).cookieSecure).toBe("always");
    expect(loadConfig({ COOKIE_SECURE: "never" }).cookieSecure).toBe("never");
  });

  it("refuses anything else, naming the variable, in Japanese", () => {
    expect(() => loadConfig({ COOKIE_SECURE: "true" })).toThrow(ConfigError);
    expect(() => loadConfig({ COOKIE_SECURE: "yes" })).toThrow(/COOKIE_SECURE: auto、always、never のいずれかを指定してください/);
  });
});
