import { beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT_FAILURE_LIMIT, IP_FAILURE_LIMIT } from "../../src/modules/accounts/domain/sign-in-policy.ts";
import { sessionIdOf } from "../../src/modules/accounts/domain/session-policy.ts";
import { auditActions, createMunicipality, createStaff, signInAs, type TestStaff } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";

const BASE = "/362018/staff";
const GENERIC = "ログインIDまたはパスワードが正しくありません";

describeEachDatabase("staff sign-in", (ctx) => {
  let viewer: TestStaff;
  let admin: TestStaff;
  const browser = (ip?: string) => new TestBrowser(testApp(ctx.db), ip);

  beforeAll(async () => {
    await createMunicipality(ctx.db, "362018", "徳島市");
    viewer = await createStaff(ctx.db, { lgCode: "362018", roles: ["viewer"], name: "徳島 花子" });
    admin = await createStaff(ctx.db, { lgCode: "362018", roles: ["administrator"], totp: true });
  });

  it("shows an accessible sign-in form that sends no-store", async () => {
    const b = browser();
    const res = await b.get(`${BASE}/sign-in`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = b.lastHtml;
    expect(html).toContain('<label for="login-id">ログインID</label>');
    expect(html).toContain('autocomplete="current-password"');
    expect(html).not.toContain("error-summary");
  });

  it("signs in, setting an HttpOnly SameSite=Lax session cookie whose token is stored only hashed", async () => {
    const b = browser();
    await b.get(`${BASE}/sign-in`);
    const res = await b.post(`${BASE}/sign-in`, { loginId: viewer.loginId, password: viewer.password });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(BASE);
    const cookie = b.lastSetCookies.find((c) => c.name === "dxp_session")!;
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie.attributes.has("httponly")).toBe(true);
    expect(cookie.attributes.get("samesite")).toBe("Lax");
    expect(cookie.attributes.get("path")).toBe("/");
    expect(cookie.attributes.has("secure")).toBe(false); // plain http here
    const stored = await ctx.db.query<{ id: string }>("select id from user_session where user_id = $1", [viewer.id]);
    expect(stored.map((s) => s.id)).toContain(sessionIdOf(cookie.value));
    expect(stored.map((s) => s.id)).not.toContain(cookie.value);

    const home = await b.get(BASE);
    expect(home.status).toBe(200);
    expect(visibleText(b.lastHtml)).toContain("サインイン中: 徳島 花子");
    expect(visibleText(b.lastHtml)).toContain("閲覧者");
  });

  it("marks the cookie Secure when the page is served over HTTPS", async () => {
    const b = new TestBrowser(testApp(ctx.db), "192.0.2.11", "https://dx.example.lg.jp");
    await b.post(`${BASE}/sign-in`, { loginId: viewer.loginId, password: viewer.password });
    expect(b.lastSetCookies.find((c) => c.name === "dxp_session")!.attributes.has("secure")).toBe(true);
  });

  it("issues a new session token at every sign-in and ends the one the browser held (no fixation)", async () => {
    const b = browser();
    await signInAs(ctx.db, b, viewer);
    const first = b.sessionToken!;
    await signInAs(ctx.db, b, viewer);
    const second = b.sessionToken!;
    expect(second).not.toBe(first);
    const [old] = await ctx.db.query("select 1 from user_session where id = $1", [sessionIdOf(first)]);
    expect(old).toBeUndefined();
  });

  it("answers a wrong password and an unknown login id alike: 400, error summary, generic message", async () => {
    const pages: string[] = [];
    for (const attempt of [
      { loginId: viewer.loginId, password: "wrong password, long enough" },
      { loginId: "nobody-here", password: "wrong password, long enough" },
    ]) {
      const b = browser("198.51.100.1");
      await b.get(`${BASE}/sign-in`);
      const res = await b.post(`${BASE}/sign-in`, attempt);
      expect(res.status).toBe(400);
      expect(b.sessionToken).toBeUndefined();
      const html = b.lastHtml;
      expect(html).toContain('<div class="error-summary" tabindex="-1" role="alert"');
      expect(html).toContain(`<a href="#login-id">${GENERIC}</a>`);
      expect(html).toMatch(/<input id="login-id"[^>]*aria-describedby="login-id-error"[^>]*aria-invalid="true"/);
      expect(html).toMatch(/<input id="password"[^>]*aria-describedby="login-id-error"[^>]*aria-invalid="true"/);
      expect(html).toContain("<title>エラー: 職員サインイン");
      expect(html).not.toContain("wrong password"); // never echoes the password
      pages.push(visibleText(html).replace(attempt.loginId, "ID"));
    }
    expect(pages[0]).toBe(pages[1]);
  });

  it("asks for both fields when they are empty", async () => {
    const b = browser("198.51.100.2");
    await b.get(`${BASE}/sign-in`);
    const res = await b.post(`${BASE}/sign-in`, { loginId: "", password: "" });
    expect(res.status).toBe(400);
    expect(b.lastHtml).toContain('<a href="#login-id">ログインIDを入力してください</a>');
    expect(b.lastHtml).toContain('<a href="#password">パスワードを入力してください</a>');
  });

  it(`locks an account at the ${ACCOUNT_FAILURE_LIMIT}th failure, refuses even the right password, and audits it all`, async () => {
    const victim = await createStaff(ctx.db, { lgCode: "362018", roles: ["viewer"] });
    const b = browser("198.51.100.3");
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) {
      await b.get(`${BASE}/sign-in`);
      expect((await b.post(`${BASE}/sign-in`, { loginId: victim.loginId, password: `guess number ${i}` })).status).toBe(400);
    }
    const [row] = await ctx.db.query<{ locked_at: Date | null; failed_sign_ins: number }>(
      "select locked_at, failed_sign_ins from app_user where id = $1",
      [victim.id],
    );
    expect(row!.locked_at).toBeInstanceOf(Date);
    expect(row!.failed_sign_ins).toBe(ACCOUNT_FAILURE_LIMIT);

    await b.get(`${BASE}/sign-in`);
    const refused = await b.post(`${BASE}/sign-in`, { loginId: victim.loginId, password: victim.password });
    expect(refused.status).toBe(400);
    expect(b.lastHtml).toContain(GENERIC); // the page does not say "locked"
    expect(b.sessionToken).toBeUndefined();

    const actions = await auditActions(ctx.db, victim.id);
    expect(actions.filter((a) => a === "auth.sign_in_failed")).toHaveLength(ACCOUNT_FAILURE_LIMIT + 1);
    expect(actions.filter((a) => a === "account.lock")).toHaveLength(1);
    const [reason] = await ctx.db.query<{ after: { reason: string } }>(
      "select after from audit_log where entity_id = $1 and action = 'auth.sign_in_failed' order by id desc limit 1",
      [String(victim.id)],
    );
    expect(reason!.after.reason).toBe("locked");

    // An administrator unlocks it (audited), and the right password works again.
    const adminBrowser = browser("192.0.2.50");
    await signInAs(ctx.db, adminBrowser, admin);
    await adminBrowser.get(`${BASE}/users/${victim.id}`);
    expect(visibleText(adminBrowser.lastHtml)).toContain("ロック中");
    const unlocked = await adminBrowser.post(`${BASE}/users/${victim.id}/unlock`);
    expect(unlocked.status).toBe(303);
    expect(unlocked.headers.get("location")).toBe(`${BASE}/users/${victim.id}?notice=unlocked`);
    const [unlockRow] = await ctx.db.query<{ actor_user_id: number; before: { lockedAt: string | null }; after: { lockedAt: null } }>(
      "select actor_user_id, before, after from audit_log where entity_id = $1 and action = 'account.unlock'",
      [String(victim.id)],
    );
    expect(unlockRow!.actor_user_id).toBe(admin.id);
    expect(unlockRow!.before.lockedAt).not.toBeNull();
    expect(unlockRow!.after.lockedAt).toBeNull();

    await signInAs(ctx.db, b, victim);
    expect((await b.get(BASE)).status).toBe(200);
  });

  it("audits every sign-in and failure with the actor, the address and the same municipality", async () => {
    const user = await createStaff(ctx.db, { lgCode: "362018", roles: ["viewer"] });
    const b = browser("203.0.113.7");
    await b.get(`${BASE}/sign-in`);
    await b.post(`${BASE}/sign-in`, { loginId: user.loginId, password: "not the password at all" });
    await signInAs(ctx.db, b, user);
    const rows = await ctx.db.query<{ action: string; actor_user_id: number | null; actor_label: string; ip: string }>(
      "select action, actor_user_id, actor_label, ip from audit_log where entity_id = $1 and action like 'auth.%' order by id",
      [String(user.id)],
    );
    expect(rows.map((r) => r.action)).toEqual(["auth.sign_in_failed", "auth.sign_in"]);
    expect(rows[0]).toMatchObject({ actor_user_id: null, ip: "203.0.113.7" });
    expect(rows[0]!.actor_label).toContain(user.loginId);
    expect(rows[1]).toMatchObject({ actor_user_id: user.id, ip: "203.0.113.7" });
    const unknown = await ctx.db.query(
      "select 1 from audit_log where action = 'auth.sign_in_failed' and entity_id is null and after->>'loginId' = 'nobody-here'",
    );
    expect(unknown.length).toBeGreaterThan(0);
  });

  it(`refuses an address after ${IP_FAILURE_LIMIT} failures in the window (429), whichever login ids it tried`, async () => {
    const attacker = browser("203.0.113.66");
    for (let i = 0; i < IP_FAILURE_LIMIT; i++) {
      await attacker.get(`${BASE}/sign-in`);
      const res = await attacker.post(`${BASE}/sign-in`, { loginId: `guess${i}`, password: "password guess long" });
      expect(res.status).toBe(400);
    }
    await attacker.get(`${BASE}/sign-in`);
    const refused = await attacker.post(`${BASE}/sign-in`, { loginId: viewer.loginId, password: viewer.password });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("900");
    expect(visibleText(attacker.lastHtml)).toContain("この接続元からのサインインを一時的に停止しています");
    expect(attacker.sessionToken).toBeUndefined();

    // Another address is not affected.
    const colleague = browser("203.0.113.67");
    await signInAs(ctx.db, colleague, viewer);
    expect((await colleague.get(BASE)).status).toBe(200);

    // After the window the address may try again.
    await ctx.db.query("update sign_in_attempt set at = at - interval '16 minutes' where ip = '203.0.113.66'");
    await attacker.get(`${BASE}/sign-in`);
    expect((await attacker.post(`${BASE}/sign-in`, { loginId: viewer.loginId, password: viewer.password })).status).toBe(303);
  });

  describe("next", () => {
    it("sends a signed-out visitor to sign-in with next, and back there afterwards", async () => {
      const b = browser();
      const res = await b.get(`${BASE}/password`);
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe(`${BASE}/sign-in?next=%2F362018%2Fstaff%2Fpassword`);
      await b.get(res.headers.get("location")!);
      expect(b.lastHtml).toContain('<input type="hidden" name="next" value="/362018/staff/password"/>');
      const signedIn = await b.post(`${BASE}/sign-in`, { loginId: viewer.loginId, password: viewer.password, next: "/362018/staff/password" });
      expect(signedIn.headers.get("location")).toBe(`${BASE}/password`);
    });

    it("ignores a next that leaves the staff area", async () => {
      const b = browser();
      await b.get(`${BASE}/sign-in?next=https://evil.example/`);
      expect(b.lastHtml).not.toContain('name="next"');
      const res = await b.post(`${BASE}/sign-in`, { loginId: viewer.loginId, password: viewer.password, next: "//evil.example/" });
      expect(res.headers.get("location")).toBe(BASE);
    });
  });

  it("makes a user with a temporary password choose their own before anything else", async () => {
    const user = await createStaff(ctx.db, { lgCode: "362018", roles: ["viewer"] });
    await ctx.db.query("update app_user set must_change_password = true where id = $1", [user.id]);
    const b = browser();
    await signInAs(ctx.db, b, user);
    const home = await b.get(BASE);
    expect(home.headers.get("location")).toBe(`${BASE}/password`);
    await b.get(`${BASE}/password`);
    expect(visibleText(b.lastHtml)).toContain("仮パスワードでサインインしました");

    const weak = await b.post(`${BASE}/password`, { currentPassword: user.password, newPassword: "password1234", confirmation: "password1234" });
    expect(weak.status).toBe(400);
    expect(b.lastHtml).toContain('<a href="#new-password">よく使われていて推測されやすいパスワードです');
    expect(b.lastHtml).toMatch(/<input id="new-password"[^>]*aria-describedby="new-password-hint new-password-error"[^>]*aria-invalid="true"/);

    const tokenBefore = b.sessionToken;
    const ok = await b.post(`${BASE}/password`, {
      currentPassword: user.password,
      newPassword: "眉山の夜景と阿波おどりが好き",
      confirmation: "眉山の夜景と阿波おどりが好き",
    });
    expect(ok.status).toBe(303);
    expect(b.sessionToken).not.toBe(tokenBefore);
    expect((await b.get(BASE)).status).toBe(200);
    expect(await auditActions(ctx.db, user.id)).toContain("user.password_change");

    const again = browser();
    await again.get(`${BASE}/sign-in`);
    expect((await again.post(`${BASE}/sign-in`, { loginId: user.loginId, password: "眉山の夜景と阿波おどりが好き" })).status).toBe(303);
  });
});
