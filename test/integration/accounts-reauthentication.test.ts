/**
 * Changes that hand the account over ask for the current password again,
 * under sign-in's limits on guessing: the password change (wrong current
 * passwords lock the account like wrong sign-ins; an address with too many
 * failures is refused) and enrolling an authenticator app, first or anew.
 */
import { beforeAll, expect, it } from "vitest";
import { ACCOUNT_FAILURE_LIMIT, IP_FAILURE_LIMIT } from "../../src/modules/accounts/domain/sign-in-policy.ts";
import { auditActions, createMunicipality, createStaff, currentCode, signInAs } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";

const BASE = "/362018/staff";
const NEW_PASSWORD = "眉山の夜景と阿波おどりが好き";

describeEachDatabase("reauthentication for password and authenticator changes", (ctx) => {
  let municipalityId: number;
  const browser = (ip = "192.0.2.10") => new TestBrowser(testApp(ctx.db), ip);
  const storedSecret = async (userId: number) =>
    (await ctx.db.query<{ totp_secret: string }>("select totp_secret from app_user where id = $1", [userId]))[0]!.totp_secret;

  beforeAll(async () => {
    municipalityId = await createMunicipality(ctx.db, "362018", "徳島市");
  });

  it(`locks the account at the ${ACCOUNT_FAILURE_LIMIT}th wrong current password, ends its sessions and says so`, async () => {
    const staff = await createStaff(ctx.db, { lgCode: "362018", roles: ["viewer"] });
    const b = browser("192.0.2.21");
    const other = browser("192.0.2.22");
    await signInAs(ctx.db, b, staff);
    await signInAs(ctx.db, other, staff);
    await b.get(`${BASE}/password`);
    for (let i = 1; i < ACCOUNT_FAILURE_LIMIT; i++) {
      const res = await b.post(`${BASE}/password`, { currentPassword: `guess number ${i}`, newPassword: NEW_PASSWORD, confirmation: NEW_PASSWORD });
      expect(res.status).toBe(400);
      expect(b.lastHtml).toContain('<a href="#current-password">現在のパスワードが正しくありません</a>');
    }
    const last = await b.post(`${BASE}/password`, { currentPassword: "guess number 5", newPassword: NEW_PASSWORD, confirmation: NEW_PASSWORD });
    expect(last.status).toBe(303);
    expect(last.headers.get("location")).toBe(`${BASE}/sign-in?reason=locked`);
    expect(b.sessionToken).toBeUndefined();
    // The failures are sign-in attempts from that address, so sign-in's per-address limit sees them too.
    const [attempts] = await ctx.db.query<{ n: number }>(
      "select count(*)::int as n from sign_in_attempt where ip = '192.0.2.21' and not succeeded and login_id = $1",
      [staff.loginId],
    );
    expect(attempts!.n).toBe(ACCOUNT_FAILURE_LIMIT);
    await b.get(`${BASE}/sign-in?reason=locked`);
    expect(visibleText(b.lastHtml)).toContain("現在のパスワードの誤りが続いたため、このアカウントをロックし、サインアウトしました");
    // Every session of the account has ended, and the right password no longer signs in.
    expect((await other.get(BASE)).headers.get("location")).toBe(`${BASE}/sign-in?next=%2F362018%2Fstaff`);
    expect((await b.post(`${BASE}/sign-in`, { loginId: staff.loginId, password: staff.password })).status).toBe(400);

    const actions = await auditActions(ctx.db, staff.id);
    expect(actions.filter((a) => a === "user.password_change_failed")).toHaveLength(ACCOUNT_FAILURE_LIMIT);
    expect(actions).toContain("account.lock");
    expect(actions).not.toContain("user.password_change");
  });

  it("refuses the change, even with the right password, from an address with too many failures", async () => {
    const staff = await createStaff(ctx.db, { lgCode: "362018", roles: ["viewer"] });
    const b = browser("192.0.2.31");
    await signInAs(ctx.db, b, staff);
    // Failed sign-ins from this address under other login ids (someone trying accounts one by one).
    await ctx.db.query(
      `insert into sign_in_attempt (municipality_id, login_id, ip, succeeded)
       select $1, 'guess' || n, '192.0.2.31', false from generate_series(1, $2::int) n`,
      [municipalityId, IP_FAILURE_LIMIT],
    );
    await b.get(`${BASE}/password`);
    const res = await b.post(`${BASE}/password`, { currentPassword: staff.password, newPassword: NEW_PASSWORD, confirmation: NEW_PASSWORD });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("900");
    expect(visibleText(b.lastHtml)).toContain("この接続元からの確認を一時的に停止しています");
    expect(await auditActions(ctx.db, staff.id)).toContain("user.password_change_failed");
    // Nothing changed: the old password still signs in (from another address).
    const again = browser("192.0.2.32");
    await again.get(`${BASE}/sign-in`);
    expect((await again.post(`${BASE}/sign-in`, { loginId: staff.loginId, password: staff.password })).status).toBe(303);
  });

  it("asks for the password before replacing an enrolled authenticator app", async () => {
    const staff = await createStaff(ctx.db, { lgCode: "362018", roles: ["secretariat"], totp: true });
    const b = browser("192.0.2.41");
    const other = browser("192.0.2.42");
    await signInAs(ctx.db, b, staff);
    await signInAs(ctx.db, other, staff);
    await b.get(BASE);
    expect(b.lastHtml).toContain(`<a href="${BASE}/two-factor/setup">認証アプリの変更</a>`);
    await b.get(`${BASE}/two-factor/setup`);
    expect(visibleText(b.lastHtml)).toContain("認証アプリの変更");
    expect(b.lastHtml).toMatch(/<input id="enrol-current-password" name="currentPassword" type="password"[^>]*autocomplete="current-password"/);
    const secret = /<input type="hidden" name="secret" value="([A-Z2-7]{32})"\/>/.exec(b.lastHtml)![1]!;
    expect(secret).not.toBe(staff.totpSecret);
    const code = currentCode(secret);

    // No password: 400, nothing checked or counted.
    const missing = await b.post(`${BASE}/two-factor/setup`, { secret, code });
    expect(missing.status).toBe(400);
    expect(b.lastHtml).toContain('<a href="#enrol-current-password">確認のため、現在のパスワードを入力してください</a>');
    // The page keeps the secret it showed, so the app just added still matches.
    expect(b.lastHtml).toContain(`value="${secret}"`);

    // A wrong password: 400, audited, counted towards the lock; the enrolled app is unchanged.
    const wrong = await b.post(`${BASE}/two-factor/setup`, { secret, code, currentPassword: "not my password at all" });
    expect(wrong.status).toBe(400);
    expect(b.lastHtml).toContain('<a href="#enrol-current-password">現在のパスワードが正しくありません</a>');
    expect(await auditActions(ctx.db, staff.id)).toContain("user.two_factor_enable_failed");
    const [counted] = await ctx.db.query<{ failed_sign_ins: number }>("select failed_sign_ins from app_user where id = $1", [staff.id]);
    expect(counted!.failed_sign_ins).toBe(1);
    expect(await storedSecret(staff.id)).toBe(staff.totpSecret);

    // The password and a code of the new app: replaced, the other session ended, failures cleared.
    const ok = await b.post(`${BASE}/two-factor/setup`, { secret, code, currentPassword: staff.password });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe(`${BASE}?notice=two_factor_enabled`);
    expect(await storedSecret(staff.id)).toBe(secret);
    expect(await auditActions(ctx.db, staff.id)).toContain("user.two_factor_replace");
    expect((await b.get(BASE)).status).toBe(200);
    expect((await other.get(BASE)).status).toBe(303);
    const [cleared] = await ctx.db.query<{ failed_sign_ins: number }>("select failed_sign_ins from app_user where id = $1", [staff.id]);
    expect(cleared!.failed_sign_ins).toBe(0);
  });

  it("asks for the password at a first, optional enrolment too", async () => {
    const staff = await createStaff(ctx.db, { lgCode: "362018", roles: ["digital_officer"] });
    const b = browser("192.0.2.51");
    await signInAs(ctx.db, b, staff);
    await b.get(`${BASE}/two-factor/setup`);
    expect(b.lastHtml).not.toContain('name="secret"');
    const secret = /<code>([A-Z2-7 ]+)<\/code>/.exec(b.lastHtml)![1]!.replace(/ /g, "");
    expect((await b.post(`${BASE}/two-factor/setup`, { code: currentCode(secret) })).status).toBe(400);
    expect((await b.post(`${BASE}/two-factor/setup`, { code: currentCode(secret), currentPassword: "wrong password here" })).status).toBe(400);
    expect((await b.post(`${BASE}/two-factor/setup`, { code: currentCode(secret), currentPassword: staff.password })).status).toBe(303);
    expect(await auditActions(ctx.db, staff.id)).toEqual(expect.arrayContaining(["user.two_factor_enable_failed", "user.two_factor_enable"]));
  });
});
