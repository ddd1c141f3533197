import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { csrfProtection } from "../../src/core/http/csrf.ts";
import { HttpError } from "../../src/core/http/http-error.ts";
import { requiresTwoFactor } from "../../src/modules/tenancy/roles.ts";
import {
  ABSOLUTE_TIMEOUT_MS,
  IDLE_TIMEOUT_MS,
  isSessionExpired,
  needsTouch,
  newSessionToken,
  sessionIdOf,
  sessionStage,
} from "../../src/modules/accounts/domain/session-policy.ts";
import { ACCOUNT_FAILURE_LIMIT, countFailure, FAILURE_WINDOW_MS, safeNextPath } from "../../src/modules/accounts/domain/sign-in-policy.ts";

const t0 = new Date("2025-04-01T09:00:00Z");
const after = (ms: number) => new Date(t0.getTime() + ms);

describe("account lock counting", () => {
  it(`locks at the ${ACCOUNT_FAILURE_LIMIT}th failure within the window`, () => {
    let state = { failedSignIns: 0, windowStartedAt: null as Date | null, lockedAt: null as Date | null };
    for (let i = 1; i < ACCOUNT_FAILURE_LIMIT; i++) {
      const r = countFailure(state, after(i * 60_000));
      expect(r.lockedNow).toBe(false);
      state = r.state;
    }
    const last = countFailure(state, after(10 * 60_000));
    expect(last.lockedNow).toBe(true);
    expect(last.state.lockedAt).toEqual(after(10 * 60_000));
    expect(countFailure(last.state, after(11 * 60_000)).lockedNow).toBe(false); // already locked: locked once
  });

  it("starts a new window when the first failure is older than the window", () => {
    const state = { failedSignIns: 4, windowStartedAt: t0, lockedAt: null };
    const r = countFailure(state, after(FAILURE_WINDOW_MS));
    expect(r).toEqual({ state: { failedSignIns: 1, windowStartedAt: after(FAILURE_WINDOW_MS), lockedAt: null }, lockedNow: false });
  });
});

describe("sessions", () => {
  it("expire after 30 idle minutes or 8 hours in all", () => {
    expect(IDLE_TIMEOUT_MS).toBe(30 * 60_000);
    expect(ABSOLUTE_TIMEOUT_MS).toBe(8 * 3600_000);
    expect(isSessionExpired({ createdAt: t0, lastSeenAt: t0 }, after(IDLE_TIMEOUT_MS - 1))).toBe(false);
    expect(isSessionExpired({ createdAt: t0, lastSeenAt: t0 }, after(IDLE_TIMEOUT_MS))).toBe(true);
    const active = after(ABSOLUTE_TIMEOUT_MS - 60_000);
    expect(isSessionExpired({ createdAt: t0, lastSeenAt: active }, after(ABSOLUTE_TIMEOUT_MS - 1))).toBe(false);
    expect(isSessionExpired({ createdAt: t0, lastSeenAt: active }, after(ABSOLUTE_TIMEOUT_MS))).toBe(true);
  });

  it("write last_seen_at at most once a minute", () => {
    expect(needsTouch({ lastSeenAt: t0 }, after(59_999))).toBe(false);
    expect(needsTouch({ lastSeenAt: t0 }, after(60_000))).toBe(true);
  });

  it("use 32 random bytes as the token and store only its SHA-256", () => {
    const token = newSessionToken();
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(sessionIdOf(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(sessionIdOf(token)).not.toContain(token);
    expect(newSessionToken()).not.toBe(token);
  });

  it("lead through the second factor, its enrolment and the password change before anything else", () => {
    const user = { roles: [] as never[], totpEnabled: false, mustChangePassword: false };
    expect(sessionStage(user, { mfaVerified: false })).toBe("ready");
    expect(sessionStage({ ...user, totpEnabled: true }, { mfaVerified: false })).toBe("two_factor");
    expect(sessionStage({ ...user, totpEnabled: true }, { mfaVerified: true })).toBe("ready");
    expect(sessionStage({ ...user, roles: ["secretariat"] }, { mfaVerified: false })).toBe("two_factor_setup");
    expect(sessionStage({ ...user, roles: ["administrator"], mustChangePassword: true }, { mfaVerified: false })).toBe("two_factor_setup");
    expect(sessionStage({ ...user, mustChangePassword: true }, { mfaVerified: false })).toBe("password_change");
    // After an administrator's reset, enrolment is required whatever the roles.
    expect(sessionStage({ ...user, mustEnrolTotp: true }, { mfaVerified: false })).toBe("two_factor_setup");
    expect(sessionStage({ ...user, roles: ["cio"] }, { mfaVerified: false })).toBe("two_factor_setup");
  });

  it("require a second factor for administrators, the secretariat and the CIO only", () => {
    expect(requiresTwoFactor(["administrator"])).toBe(true);
    expect(requiresTwoFactor(["viewer", "secretariat"])).toBe(true);
    expect(requiresTwoFactor(["cio"])).toBe(true); // finalises the grades that are published
    expect(requiresTwoFactor(["committee_member", "division_head", "digital_officer", "viewer"])).toBe(false);
  });
});

describe("the next parameter after sign-in", () => {
  it("accepts only this municipality's staff pages", () => {
    expect(safeNextPath("/362018/staff/users", "362018")).toBe("/362018/staff/users");
    expect(safeNextPath("/362018/staff", "362018")).toBe("/362018/staff");
    expect(safeNextPath("/362018/staff?tab=1", "362018")).toBe("/362018/staff?tab=1");
    for (const bad of ["https://evil.example/", "//evil.example/362018/staff", "/362018/staffer", "/131016/staff", "/362018/staff/\\evil", "/362018/staff//evil.example", "/362018", undefined]) {
      expect(safeNextPath(bad, "362018"), String(bad)).toBeUndefined();
    }
  });
});

describe("csrfProtection middleware", () => {
  const app = new Hono();
  app.onError((e, c) => (e instanceof HttpError ? c.text(e.title, e.status) : c.text("500", 500)));
  app.use(csrfProtection({ expectedToken: (c) => c.req.header("X-Test-Session"), trustedOrigins: ["https://dx.example.lg.jp"] }));
  app.post("/form", (c) => c.text("ok"));
  app.get("/form", (c) => c.text("ok"));
  const post = (headers: Record<string, string>, body = "") =>
    app.request("http://app.internal/form", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body,
    });

  it("lets safe methods through", async () => {
    expect((await app.request("http://app.internal/form", { headers: { "Sec-Fetch-Site": "cross-site" } })).status).toBe(200);
  });

  it("refuses cross-site requests by Sec-Fetch-Site, else by Origin", async () => {
    expect((await post({ "Sec-Fetch-Site": "same-origin" })).status).toBe(200);
    expect((await post({ "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    expect((await post({ "Sec-Fetch-Site": "same-site" })).status).toBe(403);
    expect((await post({ Origin: "http://app.internal" })).status).toBe(200);
    expect((await post({ Origin: "https://app.internal" })).status).toBe(200); // TLS ended at a proxy
    expect((await post({ Origin: "https://dx.example.lg.jp" })).status).toBe(200); // SITE_URL
    expect((await post({ Origin: "https://evil.example" })).status).toBe(403);
    expect((await post({ Origin: "null" })).status).toBe(403);
    expect((await post({})).status).toBe(200); // not a browser's cross-site form
  });

  it("requires the session's token in _csrf when there is a session", async () => {
    expect((await post({ "X-Test-Session": "abc" }, "_csrf=abc")).status).toBe(200);
    expect((await post({ "X-Test-Session": "abc" }, "_csrf=abd")).status).toBe(403);
    expect((await post({ "X-Test-Session": "abc" }, "_csrf=ab")).status).toBe(403);
    expect((await post({ "X-Test-Session": "abc" }, "other=1")).status).toBe(403);
  });
});
