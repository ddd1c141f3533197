import { beforeAll, expect, it } from "vitest";
import { sessionIdOf } from "../../src/modules/accounts/domain/session-policy.ts";
import { auditActions, createMunicipality, createStaff, signInAs, type TestStaff } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";

const BASE = "/362018/staff";

describeEachDatabase("staff sessions", (ctx) => {
  let user: TestStaff;
  let other: TestStaff;
  const signedIn = async (staff: TestStaff) => {
    const b = new TestBrowser(testApp(ctx.db));
    await signInAs(ctx.db, b, staff);
    return b;
  };
  const sessionRow = (b: TestBrowser) =>
    ctx.db.query<{ last_seen_at: Date }>("select last_seen_at from user_session where id = $1", [sessionIdOf(b.sessionToken!)]);

  beforeAll(async () => {
    await createMunicipality(ctx.db, "362018", "徳島市");
    await createMunicipality(ctx.db, "131016", "千代田区");
    user = await createStaff(ctx.db, { lgCode: "362018", roles: ["division_head"] });
    other = await createStaff(ctx.db, { lgCode: "131016", roles: ["division_head"] });
  });

  it("ends a session after 30 idle minutes, deleting it, and says so on the sign-in page", async () => {
    const b = await signedIn(user);
    const id = sessionIdOf(b.sessionToken!);
    await ctx.db.query("update user_session set last_seen_at = now() - interval '31 minutes' where id = $1", [id]);
    const res = await b.get(`${BASE}/users`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${BASE}/sign-in?next=%2F362018%2Fstaff%2Fusers&reason=expired`);
    expect(b.sessionToken).toBeUndefined(); // cookie cleared
    expect(await ctx.db.query("select 1 from user_session where id = $1", [id])).toEqual([]);
    await b.get(res.headers.get("location")!);
    expect(visibleText(b.lastHtml)).toContain("一定時間操作がなかったか");
  });

  it("ends a session 8 hours after sign-in even when it is in use", async () => {
    const b = await signedIn(user);
    const id = sessionIdOf(b.sessionToken!);
    await ctx.db.query("update user_session set created_at = now() - interval '8 hours 1 minute', last_seen_at = now() where id = $1", [id]);
    expect((await b.get(BASE)).status).toBe(303);
    expect(await ctx.db.query("select 1 from user_session where id = $1", [id])).toEqual([]);
  });

  it("keeps an active session alive, writing last_seen_at at most once a minute", async () => {
    const b = await signedIn(user);
    const id = sessionIdOf(b.sessionToken!);
    await ctx.db.query("update user_session set last_seen_at = now() - interval '29 minutes' where id = $1", [id]);
    expect((await b.get(BASE)).status).toBe(200);
    const [touched] = await sessionRow(b);
    expect(Date.now() - touched!.last_seen_at.getTime()).toBeLessThan(10_000);
    await ctx.db.query("update user_session set last_seen_at = now() - interval '30 seconds' where id = $1", [id]);
    const [before] = await sessionRow(b);
    expect((await b.get(BASE)).status).toBe(200);
    const [after] = await sessionRow(b);
    expect(after!.last_seen_at.getTime()).toBe(before!.last_seen_at.getTime());
  });

  it("signs out: the session row is gone, the cookie cleared, and the old token no longer works", async () => {
    const b = await signedIn(user);
    const token = b.sessionToken!;
    await b.get(BASE);
    const res = await b.post(`${BASE}/sign-out`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${BASE}/sign-in?reason=signed_out`);
    expect(b.sessionToken).toBeUndefined();
    expect(await ctx.db.query("select 1 from user_session where id = $1", [sessionIdOf(token)])).toEqual([]);
    b.cookies.set("dxp_session", token); // a copy of the old cookie
    expect((await b.get(BASE)).status).toBe(303);
    expect(await auditActions(ctx.db, user.id)).toContain("auth.sign_out");
  });

  it("signs out everywhere: every session of the user ends, other users' stay", async () => {
    const office = await signedIn(user);
    const laptop = await signedIn(user);
    const colleague = await signedIn(await createStaff(ctx.db, { lgCode: "362018", roles: ["viewer"] }));
    await office.get(BASE);
    expect(office.lastHtml).toContain(`action="${BASE}/sign-out-everywhere"`);
    const res = await office.post(`${BASE}/sign-out-everywhere`);
    expect(res.status).toBe(303);
    expect((await laptop.get(BASE)).status).toBe(303);
    expect((await office.get(BASE)).status).toBe(303);
    expect((await colleague.get(BASE)).status).toBe(200);
    expect(await ctx.db.query("select 1 from user_session where user_id = $1", [user.id])).toEqual([]);
    const [row] = await ctx.db.query<{ after: { sessionsEnded: number } }>(
      "select after from audit_log where entity_id = $1 and action = 'auth.sign_out_everywhere'",
      [String(user.id)],
    );
    expect(row!.after.sessionsEnded).toBeGreaterThanOrEqual(2);
  });

  it("answers 404 to a session of another municipality, on every staff page", async () => {
    const b = await signedIn(other); // 千代田区's user
    expect((await b.get("/131016/staff")).status).toBe(200);
    for (const path of [BASE, `${BASE}/users`, `${BASE}/users/${user.id}`, `${BASE}/password`, `${BASE}/two-factor/setup`]) {
      expect((await b.get(path)).status, path).toBe(404);
    }
    expect((await b.post(`${BASE}/sign-out-everywhere`, { _csrf: b.csrfToken() ?? "" })).status).toBe(404);
    // …and the session itself is untouched at home.
    expect((await b.get("/131016/staff")).status).toBe(200);
  });

  it("answers 404 for a municipality that does not exist", async () => {
    const b = new TestBrowser(testApp(ctx.db));
    expect((await b.get("/999999/staff/sign-in")).status).toBe(404);
  });

  it("refuses the session of a disabled user at once", async () => {
    const someone = await createStaff(ctx.db, { lgCode: "362018", roles: ["viewer"] });
    const b = await signedIn(someone);
    await ctx.db.query("update app_user set disabled_at = now() where id = $1", [someone.id]);
    expect((await b.get(BASE)).status).toBe(303);
    expect(await ctx.db.query("select 1 from user_session where user_id = $1", [someone.id])).toEqual([]);
  });

  it("sends Cache-Control: no-store on staff pages", async () => {
    const b = await signedIn(user);
    const res = await b.get(BASE);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
  });
});
