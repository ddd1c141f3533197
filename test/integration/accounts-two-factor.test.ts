import { beforeAll, expect, it } from "vitest";
import { base32Decode, totp } from "../../src/modules/accounts/domain/totp.ts";
import { ACCOUNT_FAILURE_LIMIT } from "../../src/modules/accounts/domain/sign-in-policy.ts";
import { auditActions, createMunicipality, createStaff, currentCode, signInAs } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";

const BASE = "/362018/staff";

describeEachDatabase("two-factor authentication", (ctx) => {
  const browser = () => new TestBrowser(testApp(ctx.db));
  const passwordOnly = async (b: TestBrowser, staff: { loginId: string; password: string }) => {
    await b.get(`${BASE}/sign-in`);
    expect((await b.post(`${BASE}/sign-in`, { loginId: staff.loginId, password: staff.password })).status).toBe(303);
  };

  beforeAll(async () => {
    await createMunicipality(ctx.db, "362018", "徳島市");
  });

  it("makes an administrator or the secretariat enrol before reaching any staff page", async () => {
    for (const role of ["administrator", "secretariat"] as const) {
      const staff = await createStaff(ctx.db, { lgCode: "362018", roles: [role] });
      const b = browser();
      await passwordOnly(b, staff);
      for (const path of [BASE, `${BASE}/users`, `${BASE}/password`, `${BASE}/users/new`]) {
        const res = await b.get(path);
        expect(res.status, path).toBe(303);
        expect(res.headers.get("location"), path).toBe(`${BASE}/two-factor/setup`);
      }
      // A POST elsewhere is turned away too (with a valid token).
      await b.get(`${BASE}/two-factor/setup`);
      expect((await b.post(`${BASE}/sign-out-everywhere`)).headers.get("location")).toBe(`${BASE}/two-factor/setup`);

      await b.get(`${BASE}/two-factor/setup`);
      expect(visibleText(b.lastHtml)).toContain("あなたの役割では二要素認証が必須です");
      const secret = /<code>([A-Z2-7 ]+)<\/code>/.exec(b.lastHtml)![1]!.replace(/ /g, "");
      expect(secret).toHaveLength(32);
      expect(b.lastHtml).toContain(`otpauth://totp/`);
      expect(b.lastHtml).toContain(`secret=${secret}`);
      // Reloading shows the same pending secret.
      await b.get(`${BASE}/two-factor/setup`);
      expect(b.lastHtml).toContain(`secret=${secret}`);

      const wrong = await b.post(`${BASE}/two-factor/setup`, {
        currentPassword: staff.password,
        code: "000000" === currentCode(secret) ? "111111" : "000000",
      });
      expect(wrong.status).toBe(400);
      expect(b.lastHtml).toContain('<a href="#code">確認コードが正しくありません');
      expect(b.lastHtml).toMatch(/<input id="code"[^>]*aria-describedby="code-error"[^>]*aria-invalid="true"/);

      const tokenBefore = b.sessionToken;
      const ok = await b.post(`${BASE}/two-factor/setup`, { currentPassword: staff.password, code: currentCode(secret) });
      expect(ok.status).toBe(303);
      expect(ok.headers.get("location")).toBe(`${BASE}?notice=two_factor_enabled`);
      expect(b.sessionToken).not.toBe(tokenBefore); // a new session after the second factor
      expect((await b.get(BASE)).status).toBe(200);
      expect(await auditActions(ctx.db, staff.id)).toContain("user.two_factor_enable");

      // Next time: password, then the code.
      const next = browser();
      await passwordOnly(next, staff);
      expect((await next.get(`${BASE}/users`)).headers.get("location")).toBe(`${BASE}/two-factor?next=%2F362018%2Fstaff%2Fusers`);
      expect((await next.get(BASE)).headers.get("location")).toBe(`${BASE}/two-factor`);
    }
  });

  it("asks an enrolled user for the code after the password, and accepts full-width digits", async () => {
    const staff = await createStaff(ctx.db, { lgCode: "362018", roles: ["secretariat"], totp: true });
    const b = browser();
    await passwordOnly(b, staff);
    const pending = b.sessionToken;
    expect((await b.get(BASE)).headers.get("location")).toBe(`${BASE}/two-factor`);
    await b.get(`${BASE}/two-factor?next=/362018/staff/password`);
    expect(b.lastHtml).toContain('autocomplete="one-time-code"');
    expect(b.lastHtml).toContain('<input type="hidden" name="next" value="/362018/staff/password"/>');
    const fullWidth = currentCode(staff.totpSecret!).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const res = await b.post(`${BASE}/two-factor`, { code: fullWidth, next: "/362018/staff/password" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${BASE}/password`);
    expect(b.sessionToken).not.toBe(pending);
    expect((await b.get(BASE)).status).toBe(200);
    expect(await auditActions(ctx.db, staff.id)).toEqual(expect.arrayContaining(["auth.sign_in", "auth.two_factor_verified"]));
  });

  it("refuses a code used before (replay), even in a new sign-in", async () => {
    const staff = await createStaff(ctx.db, { lgCode: "362018", roles: ["administrator"], totp: true });
    const secret = base32Decode(staff.totpSecret!);
    const now = Date.now() / 1000;
    const first = browser();
    await passwordOnly(first, staff);
    await first.get(`${BASE}/two-factor`);
    const code = totp(secret, now);
    expect((await first.post(`${BASE}/two-factor`, { code })).status).toBe(303);

    const second = browser();
    await passwordOnly(second, staff);
    await second.get(`${BASE}/two-factor`);
    const replay = await second.post(`${BASE}/two-factor`, { code });
    expect(replay.status).toBe(400);
    // The previous step's code is older than the used one: refused as well.
    expect((await second.post(`${BASE}/two-factor`, { code: totp(secret, now - 30) })).status).toBe(400);
  });

  it(`counts wrong codes towards the lock: at the ${ACCOUNT_FAILURE_LIMIT}th the account locks and the session ends`, async () => {
    const staff = await createStaff(ctx.db, { lgCode: "362018", roles: ["administrator"], totp: true });
    const b = browser();
    await passwordOnly(b, staff);
    await b.get(`${BASE}/two-factor`);
    const good = new Set([-1, 0, 1].map((o) => currentCode(staff.totpSecret!, o)));
    const wrongCodes = ["000000", "111111", "222222", "333333", "444444", "555555", "666666"].filter((c) => !good.has(c));
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT - 1; i++) {
      expect((await b.post(`${BASE}/two-factor`, { code: wrongCodes[i]! })).status).toBe(400);
    }
    const last = await b.post(`${BASE}/two-factor`, { code: wrongCodes[ACCOUNT_FAILURE_LIMIT - 1]! });
    expect(last.status).toBe(303);
    expect(last.headers.get("location")).toBe(`${BASE}/sign-in?reason=ended`);
    expect(b.sessionToken).toBeUndefined();
    const actions = await auditActions(ctx.db, staff.id);
    expect(actions.filter((a) => a === "auth.two_factor_failed")).toHaveLength(ACCOUNT_FAILURE_LIMIT);
    expect(actions).toContain("account.lock");
    // Locked: the right password no longer opens a session.
    await b.get(`${BASE}/sign-in`);
    expect((await b.post(`${BASE}/sign-in`, { loginId: staff.loginId, password: staff.password })).status).toBe(400);
  });

  it("lets other roles enrol optionally from the staff home", async () => {
    const staff = await createStaff(ctx.db, { lgCode: "362018", roles: ["digital_officer"] });
    const b = browser();
    await signInAs(ctx.db, b, staff);
    expect((await b.get(BASE)).status).toBe(200);
    expect(b.lastHtml).toContain(`href="${BASE}/two-factor/setup"`);
    await b.get(`${BASE}/two-factor/setup`);
    expect(visibleText(b.lastHtml)).not.toContain("必須です");
  });
});
