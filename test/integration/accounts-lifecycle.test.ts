/**
 * The administrator's account lifecycle (issue #7 §3): a temporary password
 * reissued, the second factor reset, deactivation and reactivation, a new
 * division; each audited, each ending the person's sessions where it must,
 * and the refusals (another municipality's user, other roles, oneself).
 */
import { beforeAll, expect, it } from "vitest";
import { auditActions, createDivision, createMunicipality, createStaff, currentCode, signInAs, type TestStaff } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";

const BASE = "/362018/staff";

describeEachDatabase("account lifecycle", (ctx) => {
  let admin: TestStaff;
  let adminBrowser: TestBrowser;
  let digital = 0;
  let crisis = 0;
  const browser = () => new TestBrowser(testApp(ctx.db));
  /** A staff member signed in on their own browser, to see their session end. */
  const signedInStaff = async (options: Parameters<typeof createStaff>[1]) => {
    const staff = await createStaff(ctx.db, options);
    const b = browser();
    await signInAs(ctx.db, b, staff);
    expect((await b.get(BASE)).status).toBe(200);
    return { staff, b };
  };
  const trySignIn = async (loginId: string, password: string) => {
    const b = browser();
    await b.get(`${BASE}/sign-in`);
    const res = await b.post(`${BASE}/sign-in`, { loginId, password });
    return { b, res };
  };
  const confirmAndPost = async (userId: number, action: string) => {
    const page = await adminBrowser.get(`${BASE}/users/${userId}/${action}`);
    expect(page.status, action).toBe(200);
    return adminBrowser.post(`${BASE}/users/${userId}/${action}`);
  };

  beforeAll(async () => {
    const m = await createMunicipality(ctx.db, "362018", "徳島市");
    await createMunicipality(ctx.db, "131016", "千代田区");
    digital = await createDivision(ctx.db, m, "デジタル推進課");
    crisis = await createDivision(ctx.db, m, "危機管理課");
    admin = await createStaff(ctx.db, { lgCode: "362018", roles: ["administrator"], totp: true, loginId: "lifecycle-admin" });
    adminBrowser = browser();
    await signInAs(ctx.db, adminBrowser, admin);
  });

  it("reissues a temporary password after a confirmation step: shown once, old password and sessions ended, change required", async () => {
    const { staff, b } = await signedInStaff({ lgCode: "362018", roles: ["digital_officer"], divisionId: digital });
    await ctx.db.query("update app_user set locked_at = now(), failed_sign_ins = 5 where id = $1", [staff.id]);
    await adminBrowser.get(`${BASE}/users/${staff.id}`);
    expect(adminBrowser.lastHtml).toContain(`href="${BASE}/users/${staff.id}/password-reissue"`);
    const res = await confirmAndPost(staff.id, "password-reissue");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const temporary = /<code class="secret">([^<]+)<\/code>/.exec(adminBrowser.lastHtml)![1]!;
    expect(temporary).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    // The person's browser is signed out at once.
    expect((await b.get(BASE)).headers.get("location")).toMatch(new RegExp(`^${BASE}/sign-in`));
    expect((await trySignIn(staff.loginId, staff.password)).res.status).toBe(400);
    const { b: fresh, res: signedIn } = await trySignIn(staff.loginId, temporary);
    expect(signedIn.status).toBe(303); // the lock was lifted with the new password
    expect((await fresh.get(BASE)).headers.get("location")).toBe(`${BASE}/password`);
    const [audit] = await ctx.db.query<{ actor_user_id: number; after: Record<string, unknown> }>(
      "select actor_user_id, after from audit_log where action = 'user.password_reissue' and entity_id = $1",
      [String(staff.id)],
    );
    expect(audit).toEqual({ actor_user_id: admin.id, after: { mustChangePassword: true, lockedAt: null, sessionsEnded: 1 } });
    expect(JSON.stringify(audit)).not.toContain(temporary);
  });

  it("resets a second factor: sessions ended, the person enrols again at the next sign-in, with a QR code", async () => {
    // A division head chose a second factor though the role does not require it: the reset must not leave a password alone.
    const { staff, b } = await signedInStaff({ lgCode: "362018", roles: ["division_head"], totp: true, divisionId: crisis });
    const res = await confirmAndPost(staff.id, "two-factor-reset");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${BASE}/users/${staff.id}?notice=two_factor_reset`);
    expect((await b.get(BASE)).headers.get("location")).toMatch(new RegExp(`^${BASE}/sign-in`));
    const { b: next } = await trySignIn(staff.loginId, staff.password);
    expect((await next.get(BASE)).headers.get("location")).toBe(`${BASE}/two-factor/setup`);
    await next.get(`${BASE}/two-factor/setup`);
    expect(visibleText(next.lastHtml)).toContain("システム管理者が二要素認証を初期化しました");
    expect(next.lastHtml).toMatch(/<svg class="qr-code" role="img" aria-label="認証アプリで読み取るQRコード[^"]*"/);
    const secret = /<code>([A-Z2-7 ]+)<\/code>/.exec(next.lastHtml)![1]!;
    expect(secret).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/); // the key beside it, in groups of four
    const enrolled = await next.post(`${BASE}/two-factor/setup`, { currentPassword: staff.password, code: currentCode(secret.replace(/ /g, "")) });
    expect(enrolled.status).toBe(303);
    expect((await next.get(BASE)).status).toBe(200);
    const [row] = await ctx.db.query<{ must_enrol_totp: boolean }>("select must_enrol_totp from app_user where id = $1", [staff.id]);
    expect(row!.must_enrol_totp).toBe(false);
    expect(await auditActions(ctx.db, staff.id)).toEqual(expect.arrayContaining(["user.two_factor_reset", "user.two_factor_enable"]));
  });

  it("deactivates after confirmation (sessions ended, sign-in refused) and reactivates", async () => {
    const { staff, b } = await signedInStaff({ lgCode: "362018", roles: ["viewer"], name: "退職 予定" });
    await adminBrowser.get(`${BASE}/users/${staff.id}/deactivate`);
    expect(visibleText(adminBrowser.lastHtml)).toContain("アカウントの停止の確認");
    expect(adminBrowser.lastHtml).toContain(`<form method="post" action="${BASE}/users/${staff.id}/deactivate"`);
    const res = await adminBrowser.post(`${BASE}/users/${staff.id}/deactivate`);
    expect(res.headers.get("location")).toBe(`${BASE}/users/${staff.id}?notice=deactivated`);
    expect((await ctx.db.query("select 1 from user_session where user_id = $1", [staff.id])).length).toBe(0);
    expect((await b.get(BASE)).headers.get("location")).toMatch(new RegExp(`^${BASE}/sign-in`));
    const refused = await trySignIn(staff.loginId, staff.password);
    expect(refused.res.status).toBe(400);
    expect(visibleText(refused.b.lastHtml)).toContain("ログインIDまたはパスワードが正しくありません");
    await adminBrowser.get(`${BASE}/users`);
    expect(visibleText(adminBrowser.lastHtml)).toMatch(/退職 予定.*停止中/);

    await adminBrowser.get(`${BASE}/users/${staff.id}`);
    const again = await adminBrowser.post(`${BASE}/users/${staff.id}/reactivate`);
    expect(again.headers.get("location")).toBe(`${BASE}/users/${staff.id}?notice=reactivated`);
    expect((await trySignIn(staff.loginId, staff.password)).res.status).toBe(303);
    expect(await auditActions(ctx.db, staff.id)).toEqual(expect.arrayContaining(["user.deactivate", "user.reactivate"]));
  });

  it("changes the division, audited with the names before and after; a division of another municipality is refused", async () => {
    const staff = await createStaff(ctx.db, { lgCode: "362018", roles: ["digital_officer"], divisionId: digital });
    await adminBrowser.get(`${BASE}/users/${staff.id}`);
    const res = await adminBrowser.post(`${BASE}/users/${staff.id}/division`, { divisionId: String(crisis) });
    expect(res.headers.get("location")).toBe(`${BASE}/users/${staff.id}?notice=division_changed`);
    const [audit] = await ctx.db.query<{ before: unknown; after: unknown }>(
      "select before, after from audit_log where action = 'user.division_change' and entity_id = $1",
      [String(staff.id)],
    );
    expect(audit).toEqual({ before: { divisionId: digital, division: "デジタル推進課" }, after: { divisionId: crisis, division: "危機管理課" } });
    const chiyoda = (await ctx.db.query<{ id: number }>("select id from municipality where lg_code = '131016'"))[0]!.id;
    const foreignDivision = await createDivision(ctx.db, chiyoda, "区民課");
    await adminBrowser.get(`${BASE}/users/${staff.id}`);
    const refused = await adminBrowser.post(`${BASE}/users/${staff.id}/division`, { divisionId: String(foreignDivision) });
    expect(refused.status).toBe(400);
    expect(adminBrowser.lastHtml).toContain('<a href="#division">所属を一覧から選んでください</a>');
    expect((await ctx.db.query<{ division_id: number }>("select division_id from app_user where id = $1", [staff.id]))[0]!.division_id).toBe(crisis);
  });

  it("refuses an administrator's own deactivation, password reissue, second-factor reset and removal of their own administrator role", async () => {
    await createStaff(ctx.db, { lgCode: "362018", roles: ["administrator"], totp: true }); // not the last administrator
    await adminBrowser.get(`${BASE}/users/${admin.id}`);
    expect(visibleText(adminBrowser.lastHtml)).toContain("ご自身のアカウントの停止、パスワードの再発行、二要素認証の初期化はできません");
    expect(adminBrowser.lastHtml).not.toContain(`${BASE}/users/${admin.id}/deactivate`);
    for (const [action, message] of [
      ["deactivate", "ご自身のアカウントは停止できません"],
      ["password-reissue", "ご自身のパスワードは「パスワードの変更」から変更してください"],
      ["two-factor-reset", "ご自身の認証アプリは「認証アプリの変更」から変更してください"],
    ] as const) {
      await adminBrowser.get(`${BASE}/users/${admin.id}`);
      const res = await adminBrowser.post(`${BASE}/users/${admin.id}/${action}`);
      expect(res.status, action).toBe(400);
      expect(adminBrowser.lastHtml, action).toContain(`<a href="#account-actions">${message}`);
    }
    await adminBrowser.get(`${BASE}/users/${admin.id}`);
    const roles = await adminBrowser.post(`${BASE}/users/${admin.id}/roles`, { role: ["viewer"] });
    expect(roles.status).toBe(400);
    expect(visibleText(adminBrowser.lastHtml)).toContain("ご自身からシステム管理者の役割を外すことはできません");
    expect(await auditActions(ctx.db, admin.id)).not.toEqual(
      expect.arrayContaining(["user.deactivate"]),
    );
    expect((await adminBrowser.get(BASE)).status).toBe(200); // still signed in, still an administrator
  });

  it("answers 404 for another municipality's user and 403 to other roles; refuses a change without the CSRF token", async () => {
    const elsewhere = await createStaff(ctx.db, { lgCode: "131016", roles: ["viewer"] });
    for (const action of ["password-reissue", "two-factor-reset", "deactivate"]) {
      expect((await adminBrowser.get(`${BASE}/users/${elsewhere.id}/${action}`)).status, action).toBe(404);
    }
    for (const action of ["password-reissue", "two-factor-reset", "deactivate", "reactivate", "division"]) {
      await adminBrowser.get(BASE);
      expect((await adminBrowser.post(`${BASE}/users/${elsewhere.id}/${action}`, { divisionId: "" })).status, action).toBe(404);
    }
    expect(await auditActions(ctx.db, elsewhere.id)).toEqual(["user.create"]);

    const target = await createStaff(ctx.db, { lgCode: "362018", roles: ["viewer"] });
    const { b: head } = await signedInStaff({ lgCode: "362018", roles: ["division_head", "digital_officer"], divisionId: digital });
    expect((await head.get(`${BASE}/users/${target.id}/deactivate`)).status).toBe(403);
    await head.get(BASE);
    expect((await head.post(`${BASE}/users/${target.id}/deactivate`)).status).toBe(403);
    expect((await head.post(`${BASE}/users/${target.id}/password-reissue`, { _csrf: head.csrfToken() ?? null })).status).toBe(403);

    await adminBrowser.get(BASE);
    expect((await adminBrowser.post(`${BASE}/users/${target.id}/deactivate`, { _csrf: null })).status).toBe(403);
    expect(await auditActions(ctx.db, target.id)).toEqual(["user.create"]);
  });

  it("makes the CIO, who finalises grades, enrol a second factor before any staff page", async () => {
    const cio = await createStaff(ctx.db, { lgCode: "362018", roles: ["cio"] });
    const { b } = await trySignIn(cio.loginId, cio.password);
    expect((await b.get(BASE)).headers.get("location")).toBe(`${BASE}/two-factor/setup`);
    await b.get(`${BASE}/two-factor/setup`);
    expect(visibleText(b.lastHtml)).toContain("あなたの役割では二要素認証が必須です");
    expect(b.lastHtml).toContain('<svg class="qr-code" role="img"');
  });
});
