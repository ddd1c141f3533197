/** The OIDC_* settings: all or none, https (http on loopback only), the redirect base. */
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { providerAssertsMfa } from "../../src/modules/accounts/domain/oidc-policy.ts";

const FULL = {
  OIDC_ISSUER: "https://idp.city.example.lg.jp/realms/staff",
  OIDC_CLIENT_ID: "dx-plan",
  OIDC_CLIENT_SECRET: "s3cret",
  OIDC_LG_CODE: "362018",
  SITE_URL: "https://dx.city.example.lg.jp/",
};

const errorOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error("expected a ConfigError");
};

describe("OIDC settings", () => {
  it("are optional: none set means password sign-in only", () => {
    expect(loadConfig({}).oidcProviders).toEqual([]);
    expect(loadConfig({ OIDC_ISSUER: "", OIDC_CLIENT_ID: "" }).oidcProviders).toEqual([]);
  });

  it("describe one municipality's provider, returning to SITE_URL by default", () => {
    expect(loadConfig(FULL).oidcProviders).toEqual([
      {
        lgCode: "362018",
        issuer: "https://idp.city.example.lg.jp/realms/staff",
        clientId: "dx-plan",
        clientSecret: "s3cret",
        redirectBase: "https://dx.city.example.lg.jp",
      },
    ]);
    expect(loadConfig({ ...FULL, OIDC_REDIRECT_BASE: "https://staff.example.lg.jp" }).oidcProviders[0]!.redirectBase).toBe(
      "https://staff.example.lg.jp",
    );
  });

  it("stop start-up when only some are set, naming each one missing", () => {
    const message = errorOf({ OIDC_ISSUER: FULL.OIDC_ISSUER, OIDC_LG_CODE: "362018", SITE_URL: FULL.SITE_URL });
    expect(message).toContain("起動できません");
    expect(message).toMatch(/- OIDC_CLIENT_ID: .*すべてが必要です/);
    expect(message).toMatch(/- OIDC_CLIENT_SECRET: /);
    expect(message).not.toMatch(/- OIDC_ISSUER: /);
    expect(errorOf({ OIDC_REDIRECT_BASE: "https://dx.example.lg.jp" })).toMatch(/- OIDC_ISSUER: /);
  });

  it("need somewhere to return to: OIDC_REDIRECT_BASE or SITE_URL", () => {
    const { SITE_URL: _, ...withoutSite } = FULL;
    expect(errorOf(withoutSite)).toMatch(/- OIDC_REDIRECT_BASE: /);
  });

  it("accept http:// only on loopback", () => {
    expect(errorOf({ ...FULL, OIDC_ISSUER: "http://idp.city.example.lg.jp" })).toMatch(/- OIDC_ISSUER: https:\/\//);
    expect(loadConfig({ ...FULL, OIDC_ISSUER: "http://127.0.0.1:8080" }).oidcProviders[0]!.issuer).toBe("http://127.0.0.1:8080");
    expect(errorOf({ ...FULL, SITE_URL: "http://dx.city.example.lg.jp" })).toMatch(/- SITE_URL: /);
    expect(loadConfig({ ...FULL, SITE_URL: "http://localhost:3000" }).oidcProviders[0]!.redirectBase).toBe("http://localhost:3000");
  });

  it("check the municipality code", () => {
    expect(errorOf({ ...FULL, OIDC_LG_CODE: "362019" })).toMatch(/- OIDC_LG_CODE: 6桁の全国地方公共団体コード/);
  });
});

describe("the provider's MFA", () => {
  it("counts only amr values that mean more than a password", () => {
    expect(providerAssertsMfa(["pwd", "mfa"])).toBe(true);
    expect(providerAssertsMfa(["otp"])).toBe(true);
    expect(providerAssertsMfa(["pwd"])).toBe(false);
    expect(providerAssertsMfa(["hwk"])).toBe(false);
    expect(providerAssertsMfa([])).toBe(false);
  });
});
