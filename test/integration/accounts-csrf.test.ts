import { beforeAll, expect, it } from "vitest";
import { createMunicipality, createStaff, signInAs, type TestStaff } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";

const BASE = "/362018/staff";

describeEachDatabase("CSRF protection of the staff area", (ctx) => {
  let admin: TestStaff;
  let target: TestStaff;

  beforeAll(async () => {
    await createMunicipality(ctx.db, "362018", "徳島市");
    admin = await createStaff(ctx.db, { lgCode: "362018", roles: ["administrator"], totp: true });
    target = await createStaff(ctx.db, { lgCode: "362018", roles: ["viewer"] });
  });

  // Every state-changing route of the staff area, with a valid body apart from the token.
  const routes = (): { path: string; fields: Record<string, string> }[] => [
    { path: `${BASE}/sign-out`, fields: {} },
    { path: `${BASE}/sign-out-everywhere`, fields: {} },
    { path: `${BASE}/two-factor`, fields: { code: "123456" } },
    { path: `${BASE}/two-factor/setup`, fields: { code: "123456" } },
    { path: `${BASE}/password`, fields: { currentPassword: "x", newPassword: "y", confirmation: "y" } },
    { path: `${BASE}/users/new`, fields: { loginId: "new-user", displayName: "新 規", role: "viewer" } },
    { path: `${BASE}/users/${target.id}/roles`, fields: { role: "administrator" } },
    { path: `${BASE}/users/${target.id}/unlock`, fields: {} },
  ];

  it("refuses every state-changing staff request without the token or with a wrong one (403), changing nothing", async () => {
    const b = new TestBrowser(testApp(ctx.db));
    await signInAs(ctx.db, b, admin);
    await b.get(BASE);
    const good = b.csrfToken()!;
    expect(good).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const auditCount = async () => (await ctx.db.query<{ n: number }>("select count(*) as n from audit_log"))[0]!.n;
    const before = await auditCount();
    for (const { path, fields } of routes()) {
      for (const token of [null, "", "wrong-token", good.slice(0, -1)]) {
        const res = await b.post(path, { ...fields, _csrf: token });
        expect(res.status, `${path} with ${token}`).toBe(403);
      }
    }
    expect(visibleText(b.lastHtml)).toContain("この操作を受け付けられませんでした");
    expect(await auditCount()).toBe(before);
    expect((await b.get(BASE)).status).toBe(200); // still signed in: nothing happened
    const [roles] = await ctx.db.query<{ n: number }>("select count(*) as n from user_role where user_id = $1 and role = 'administrator'", [target.id]);
    expect(roles!.n).toBe(0);
  });

  it("accepts the same requests with the session's token", async () => {
    const b = new TestBrowser(testApp(ctx.db));
    await signInAs(ctx.db, b, admin);
    await b.get(`${BASE}/users/${target.id}`);
    const res = await b.post(`${BASE}/users/${target.id}/roles`, { role: ["viewer", "division_head"] });
    expect(res.status).toBe(303);
  });

  it("does not accept another session's token", async () => {
    const mine = new TestBrowser(testApp(ctx.db));
    const theirs = new TestBrowser(testApp(ctx.db));
    await signInAs(ctx.db, mine, admin);
    await signInAs(ctx.db, theirs, target);
    await theirs.get(BASE);
    const res = await mine.post(`${BASE}/users/${target.id}/unlock`, { _csrf: theirs.csrfToken()! });
    expect(res.status).toBe(403);
  });

  it("refuses a sign-in form posted from another site (login CSRF)", async () => {
    const b = new TestBrowser(testApp(ctx.db));
    const fields = { loginId: target.loginId, password: target.password };
    expect((await b.post(`${BASE}/sign-in`, fields, { Origin: "https://evil.example" })).status).toBe(403);
    expect((await b.post(`${BASE}/sign-in`, fields, { "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    expect(b.sessionToken).toBeUndefined();
    expect((await b.post(`${BASE}/sign-in`, fields, { Origin: "http://localhost", "Sec-Fetch-Site": "same-origin" })).status).toBe(303);
  });

  it("refuses cross-site requests even with a valid token", async () => {
    const b = new TestBrowser(testApp(ctx.db));
    await signInAs(ctx.db, b, admin);
    await b.get(BASE);
    expect((await b.post(`${BASE}/sign-out`, {}, { Origin: "https://evil.example" })).status).toBe(403);
  });
});
