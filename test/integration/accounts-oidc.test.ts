/**
 * Staff sign-in through the municipality's OpenID Connect provider, against
 * a real provider (oidc-provider on a loopback port): the test's browser
 * follows the redirects and fills in the provider's login and consent forms
 * over HTTP, as a person's browser would.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { LICENSES, type OidcProviderConfig } from "../../src/config.ts";
import { attemptIdOf } from "../../src/modules/accounts/domain/oidc-policy.ts";
import type { Role } from "../../src/modules/tenancy/roles.ts";
import { sessionIdOf } from "../../src/modules/accounts/domain/session-policy.ts";
import { createMunicipality, createStaff, type TestStaff } from "../support/accounts.ts";
import { APP_ORIGIN, CrossSiteBrowser } from "../support/cross-site-browser.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";
import { startOidcProvider, type ProviderAccount, type TestOidcProvider } from "../support/oidc-provider.ts";

const TOKUSHIMA = "362018";
const CHIYODA = "131016";
const NARUTO = "362026"; // no provider configured
const NOT_REGISTERED = "この職員アカウントは登録されていません。管理者にお問い合わせください";
const START_AGAIN = "サインインの手続きを確認できませんでした";

const account = (username: string, extra: Partial<ProviderAccount> = {}): ProviderAccount => ({
  username,
  password: `${username}-idp-password`,
  sub: `sub-${username}`,
  email: `${username}@city.example.lg.jp`,
  emailVerified: true,
  amr: ["pwd"],
  ...extra,
});

const HANAKO = account("hanako");
const ADMIN_MFA = account("admin-mfa", { amr: ["pwd", "mfa"] });
const ADMIN_PWD = account("admin-pwd");
const LINKED_BY_EMAIL = account("link", { email: "Link.User@City.Example.lg.jp" });
const UNVERIFIED = account("unverified", { emailVerified: false });
const STRANGER = account("stranger");

const clientOf = (lgCode: string) => ({
  clientId: `dx-plan-${lgCode}`,
  clientSecret: `secret-of-${lgCode}-0123456789abcdef`,
  redirectUris: [`${APP_ORIGIN}/${lgCode}/staff/sign-in/oidc/callback`],
});

let idp: TestOidcProvider;

beforeAll(async () => {
  idp = await startOidcProvider({
    clients: [clientOf(TOKUSHIMA), clientOf(CHIYODA)],
    accounts: [HANAKO, ADMIN_MFA, ADMIN_PWD, LINKED_BY_EMAIL, UNVERIFIED, STRANGER],
  });
});

afterAll(async () => {
  await idp?.stop();
});

describeEachDatabase("staff sign-in through the municipality's OpenID Connect provider", (ctx) => {
  let app: ReturnType<typeof createApp>;
  const staff: Record<string, TestStaff> = {};
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    for (const [lgCode, name] of [[TOKUSHIMA, "徳島市"], [CHIYODA, "千代田区"], [NARUTO, "鳴門市"]] as const) {
      ids[lgCode] = await createMunicipality(ctx.db, lgCode, name);
    }
    const provision = async (key: string, roles: Role[], columns: { subject?: string; email?: string; totp?: boolean }) => {
      staff[key] = await createStaff(ctx.db, { lgCode: TOKUSHIMA, roles, totp: columns.totp, name: `職員 ${key}` });
      await ctx.db.query("update app_user set oidc_subject = $2, email = $3 where id = $1", [
        staff[key]!.id,
        columns.subject ?? null,
        columns.email ?? null,
      ]);
    };
    await provision("hanako", ["viewer"], { subject: HANAKO.sub });
    await provision("adminMfa", ["administrator"], { subject: ADMIN_MFA.sub });
    await provision("adminPwd", ["administrator"], { subject: ADMIN_PWD.sub, totp: true });
    await provision("link", ["digital_officer"], { email: "link.user@city.example.lg.jp" });
    await provision("unverified", ["viewer"], { email: UNVERIFIED.email });

    const config = {
      license: LICENSES["pdl-1.0"],
      siteUrl: undefined,
      oidcProviders: [TOKUSHIMA, CHIYODA].map(
        (lgCode): OidcProviderConfig => ({ lgCode, issuer: idp.issuer, ...clientOf(lgCode), redirectBase: APP_ORIGIN }),
      ),
    };
    app = createApp({ db: ctx.db, config });
  });

  const browser = () => new CrossSiteBrowser(app);
  const isApp = (url: URL) => url.origin === APP_ORIGIN;

  /**
   * From the app's OIDC entry to the moment the provider sends the browser
   * back: returns the callback address, not yet visited. `tamper` may change
   * the authorization request on its way to the provider.
   */
  async function toCallback(
    b: CrossSiteBrowser,
    lgCode: string,
    who: ProviderAccount,
    options: { next?: string; tamper?: (authorize: URL) => void } = {},
  ): Promise<URL> {
    const begin = await b.request(`${APP_ORIGIN}/${lgCode}/staff/sign-in/oidc${options.next ? `?next=${encodeURIComponent(options.next)}` : ""}`);
    expect(begin.status, "begin").toBe(303);
    const authorize = new URL(begin.headers.get("location")!);
    expect(authorize.origin).toBe(idp.issuer);
    options.tamper?.(authorize);
    let page = await b.open(authorize.href, { stopAt: isApp });
    expect(page.html, "the provider's login form").toContain('name="password"');
    page = await b.submit(page, { username: who.username, password: who.password }, { stopAt: isApp });
    if (!isApp(new URL(page.url))) {
      expect(page.html, "the provider's consent form").toContain("許可");
      page = await b.submit(page, {}, { stopAt: isApp });
    }
    const callback = new URL(page.url);
    expect(callback.pathname).toBe(`/${lgCode}/staff/sign-in/oidc/callback`);
    return callback;
  }

  async function lastAudit(lgCode: string) {
    const [row] = await ctx.db.query<{ action: string; entity_id: string | null; actor_label: string; after: Record<string, unknown> }>(
      "select action, entity_id, actor_label, after from audit_log where municipality_id = $1 order by id desc limit 1",
      [ids[lgCode]],
    );
    return row!;
  }

  const sessionsOf = (userId: number) =>
    ctx.db.query<{ id: string; mfa_verified: boolean }>("select id, mfa_verified from user_session where user_id = $1", [userId]);

  it("offers the provider on the sign-in page only where one is configured", async () => {
    const b = browser();
    const tokushima = await b.open(`${APP_ORIGIN}/${TOKUSHIMA}/staff/sign-in?next=/${TOKUSHIMA}/staff/password`);
    expect(visibleText(tokushima.html)).toContain("庁内の認証基盤でサインイン");
    expect(tokushima.html).toContain(`href="/${TOKUSHIMA}/staff/sign-in/oidc?next=%2F${TOKUSHIMA}%2Fstaff%2Fpassword"`);

    const naruto = await b.open(`${APP_ORIGIN}/${NARUTO}/staff/sign-in`);
    expect(naruto.status).toBe(200);
    expect(visibleText(naruto.html)).not.toContain("庁内の認証基盤");
    expect((await b.request(`${APP_ORIGIN}/${NARUTO}/staff/sign-in/oidc`)).status).toBe(404);
    expect((await b.request(`${APP_ORIGIN}/${NARUTO}/staff/sign-in/oidc/callback?code=x&state=y`)).status).toBe(404);
  });

  it("signs a provisioned user in with PKCE, state and nonce, and audits it", async () => {
    const b = browser();
    const begin = await b.request(`${APP_ORIGIN}/${TOKUSHIMA}/staff/sign-in/oidc`);
    const authorize = new URL(begin.headers.get("location")!);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get("nonce")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${APP_ORIGIN}/${TOKUSHIMA}/staff/sign-in/oidc/callback`);
    expect(authorize.searchParams.get("client_id")).toBe(`dx-plan-${TOKUSHIMA}`);
    const attemptCookie = begin.headers.getSetCookie().find((c) => c.startsWith("dxp_oidc="))!;
    expect(attemptCookie).toContain("HttpOnly");
    expect(attemptCookie).toContain("SameSite=Lax");
    expect(attemptCookie).toContain(`Path=/${TOKUSHIMA}/staff/sign-in/oidc`);
    // The verifier and the nonce stay on the server; the browser holds only a random token.
    expect(attemptCookie).not.toContain(authorize.searchParams.get("state")!);

    const callback = await toCallback(b, TOKUSHIMA, HANAKO);
    const attemptId = attemptIdOf(b.cookieFor(callback.href, "dxp_oidc")!);
    expect(await ctx.db.query("select 1 from oidc_login_attempt where id = $1", [attemptId])).toHaveLength(1);
    const home = await b.open(callback.href);
    expect(home.url).toBe(`${APP_ORIGIN}/${TOKUSHIMA}/staff`);
    expect(home.status).toBe(200);
    expect(visibleText(home.html)).toContain("サインイン中: 職員 hanako");
    const session = b.cookieFor(`${APP_ORIGIN}/`, "dxp_session")!;
    expect((await sessionsOf(staff.hanako!.id)).map((s) => s.id)).toContain(sessionIdOf(session));
    expect(b.cookieFor(callback.href, "dxp_oidc")).toBeUndefined();
    expect(await ctx.db.query("select 1 from oidc_login_attempt where id = $1", [attemptId])).toHaveLength(0);

    const audit = await lastAudit(TOKUSHIMA);
    expect(audit.action).toBe("auth.sign_in");
    expect(audit.entity_id).toBe(String(staff.hanako!.id));
    expect(audit.after).toMatchObject({ method: "oidc", issuer: idp.issuer, subject: HANAKO.sub, mfaByProvider: false });

    // The callback is answered once: replaying it finds nothing to finish.
    const replay = await b.open(callback.href);
    expect(replay.status).toBe(400);
    expect(visibleText(replay.html)).toContain(START_AGAIN);
  });

  it("starts a new session and ends the one the browser held", async () => {
    const b = browser();
    // Half signed in by password (the TOTP code is still owed): that session must end, not be reused.
    const form = await b.open(`${APP_ORIGIN}/${TOKUSHIMA}/staff/sign-in`);
    const owed = await b.submit(form, { loginId: staff.adminPwd!.loginId, password: staff.adminPwd!.password });
    expect(owed.url).toBe(`${APP_ORIGIN}/${TOKUSHIMA}/staff/two-factor`);
    const before = b.cookieFor(`${APP_ORIGIN}/`, "dxp_session")!;

    await b.open((await toCallback(b, TOKUSHIMA, ADMIN_PWD)).href);
    const after = b.cookieFor(`${APP_ORIGIN}/`, "dxp_session")!;
    expect(after).not.toBe(before);
    const sessions = (await sessionsOf(staff.adminPwd!.id)).map((s) => s.id);
    expect(sessions).toContain(sessionIdOf(after));
    expect(sessions).not.toContain(sessionIdOf(before));

    // Once signed in, the entrance leads to the staff area rather than to the provider again.
    const hanako = browser();
    await hanako.open((await toCallback(hanako, TOKUSHIMA, HANAKO)).href);
    const again = await hanako.request(`${APP_ORIGIN}/${TOKUSHIMA}/staff/sign-in/oidc`);
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe(`/${TOKUSHIMA}/staff`);
  });

  it("returns to the staff page asked for at the start", async () => {
    const b = browser();
    const callback = await toCallback(b, TOKUSHIMA, HANAKO, { next: `/${TOKUSHIMA}/staff/password` });
    const page = await b.open(callback.href);
    expect(page.url).toBe(`${APP_ORIGIN}/${TOKUSHIMA}/staff/password`);
    expect(page.status).toBe(200);
  });

  it("refuses an unknown subject with the Japanese page, creates no account and audits the refusal", async () => {
    const b = browser();
    const users = await ctx.db.query("select id from app_user");
    const page = await b.open((await toCallback(b, TOKUSHIMA, STRANGER)).href);
    expect(page.status).toBe(403);
    expect(visibleText(page.html)).toContain(NOT_REGISTERED);
    expect(b.cookieFor(`${APP_ORIGIN}/`, "dxp_session")).toBeUndefined();
    expect(await ctx.db.query("select id from app_user")).toHaveLength(users.length);
    const audit = await lastAudit(TOKUSHIMA);
    expect(audit.action).toBe("auth.sign_in_failed");
    expect(audit.entity_id).toBeNull();
    expect(audit.after).toMatchObject({ method: "oidc", reason: "unknown_subject", subject: STRANGER.sub, email: STRANGER.email });
  });

  it("links an existing account by the provider's verified e-mail address, audited, and finds it by subject afterwards", async () => {
    const b = browser();
    const home = await b.open((await toCallback(b, TOKUSHIMA, LINKED_BY_EMAIL)).href);
    expect(home.url).toBe(`${APP_ORIGIN}/${TOKUSHIMA}/staff`);
    const [row] = await ctx.db.query<{ oidc_subject: string }>("select oidc_subject from app_user where id = $1", [staff.link!.id]);
    expect(row!.oidc_subject).toBe(LINKED_BY_EMAIL.sub);
    const actions = await ctx.db.query<{ action: string; before: unknown; after: Record<string, unknown> }>(
      "select action, before, after from audit_log where entity_type = 'app_user' and entity_id = $1 order by id",
      [String(staff.link!.id)],
    );
    const link = actions.find((a) => a.action === "user.oidc_link")!;
    expect(link.before).toEqual({ oidcSubject: null });
    expect(link.after).toMatchObject({ oidcSubject: LINKED_BY_EMAIL.sub, issuer: idp.issuer });
    expect(actions.at(-1)!.action).toBe("auth.sign_in");

    // Next time the subject finds the account; nothing is linked again.
    const again = browser();
    await again.open((await toCallback(again, TOKUSHIMA, LINKED_BY_EMAIL)).href);
    const links = await ctx.db.query("select 1 from audit_log where action = 'user.oidc_link' and entity_id = $1", [String(staff.link!.id)]);
    expect(links).toHaveLength(1);
  });

  it("does not link by an e-mail address the provider has not verified", async () => {
    const b = browser();
    const page = await b.open((await toCallback(b, TOKUSHIMA, UNVERIFIED)).href);
    expect(page.status).toBe(403);
    expect(visibleText(page.html)).toContain(NOT_REGISTERED);
    const [row] = await ctx.db.query<{ oidc_subject: string | null }>("select oidc_subject from app_user where id = $1", [
      staff.unverified!.id,
    ]);
    expect(row!.oidc_subject).toBeNull();
  });

  it("refuses a callback whose state was tampered with, and audits it", async () => {
    const b = browser();
    const callback = await toCallback(b, TOKUSHIMA, HANAKO);
    const tampered = new URL(callback);
    const state = callback.searchParams.get("state")!;
    tampered.searchParams.set("state", `${state.slice(0, -1)}${state.endsWith("A") ? "B" : "A"}`);
    const page = await b.open(tampered.href);
    expect(page.status).toBe(400);
    expect(visibleText(page.html)).toContain(START_AGAIN);
    expect(b.cookieFor(`${APP_ORIGIN}/`, "dxp_session")).toBeUndefined();
    expect((await lastAudit(TOKUSHIMA)).after).toMatchObject({ method: "oidc", reason: "state_mismatch" });
    // The attempt is spent: the genuine callback cannot be used after a tampered one.
    expect((await b.open(callback.href)).status).toBe(400);
    expect((await lastAudit(TOKUSHIMA)).after).toMatchObject({ reason: "no_attempt" });
  });

  it("keeps municipalities apart: a subject linked in one is unknown in another, and a callback cannot change municipality", async () => {
    // Hanako's subject is linked in Tokushima only.
    const b = browser();
    const refused = await b.open((await toCallback(b, CHIYODA, HANAKO)).href);
    expect(refused.status).toBe(403);
    expect(visibleText(refused.html)).toContain(NOT_REGISTERED);
    expect((await lastAudit(CHIYODA)).after).toMatchObject({ reason: "unknown_subject", subject: HANAKO.sub });

    // A sign-in begun in Tokushima, its callback delivered to Chiyoda's address.
    const c = browser();
    const callback = await toCallback(c, TOKUSHIMA, HANAKO);
    const token = c.cookieFor(callback.href, "dxp_oidc")!;
    const elsewhere = new URL(callback);
    elsewhere.pathname = `/${CHIYODA}/staff/sign-in/oidc/callback`;
    // The browser does not even send the cookie there (its path is Tokushima's) …
    expect(c.cookieFor(elsewhere.href, "dxp_oidc")).toBeUndefined();
    expect((await c.open(elsewhere.href)).status).toBe(400);
    expect((await lastAudit(CHIYODA)).after).toMatchObject({ reason: "no_attempt" });
    // … and when it is sent anyway, the attempt's municipality does not match.
    const forced = await app.request(elsewhere.href, { headers: { Cookie: `dxp_oidc=${token}` } });
    expect(forced.status).toBe(400);
    expect(forced.headers.getSetCookie().some((h) => h.startsWith("dxp_session="))).toBe(false);
    expect((await lastAudit(CHIYODA)).after).toMatchObject({ reason: "wrong_municipality", attemptMunicipalityId: ids[TOKUSHIMA] });
  });

  it("refuses an ID token whose nonce is not the one this sign-in sent", async () => {
    const b = browser();
    const callback = await toCallback(b, TOKUSHIMA, HANAKO, {
      // The provider is asked for another nonce than the one the app recorded: its ID token carries that one.
      tamper: (authorize) => authorize.searchParams.set("nonce", "a-nonce-from-another-sign-in-0000000000000"),
    });
    const page = await b.open(callback.href);
    expect(page.status).toBe(502);
    expect(visibleText(page.html)).toContain("庁内の認証基盤からの応答を確認できませんでした");
    expect(b.cookieFor(`${APP_ORIGIN}/`, "dxp_session")).toBeUndefined();
    const audit = await lastAudit(TOKUSHIMA);
    expect(audit.action).toBe("auth.sign_in_failed");
    expect(audit.after).toMatchObject({ method: "oidc", reason: "invalid_response" });
    expect(String(audit.after.message)).toMatch(/nonce/);
  });

  it("lets the provider's MFA stand for the second factor of administrators; otherwise asks for the TOTP code", async () => {
    const withMfa = browser();
    const home = await withMfa.open((await toCallback(withMfa, TOKUSHIMA, ADMIN_MFA)).href);
    expect(home.url).toBe(`${APP_ORIGIN}/${TOKUSHIMA}/staff`);
    expect(home.status).toBe(200);
    expect((await sessionsOf(staff.adminMfa!.id)).map((s) => s.mfa_verified)).toEqual([true]);
    expect((await lastAudit(TOKUSHIMA)).after).toMatchObject({ mfaByProvider: true, amr: ["pwd", "mfa"] });
    expect((await withMfa.open(`${APP_ORIGIN}/${TOKUSHIMA}/staff/users`)).status).toBe(200);

    const passwordOnly = browser();
    const codePage = await passwordOnly.open((await toCallback(passwordOnly, TOKUSHIMA, ADMIN_PWD)).href);
    expect(codePage.url).toBe(`${APP_ORIGIN}/${TOKUSHIMA}/staff/two-factor`);
    expect(visibleText(codePage.html)).toContain("確認コードの入力");
    expect((await lastAudit(TOKUSHIMA)).after).toMatchObject({ mfaByProvider: false, secondFactorPending: true });
  });
});
