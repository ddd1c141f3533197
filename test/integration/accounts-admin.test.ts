import { beforeAll, expect, it } from "vitest";
import { createUserCommand } from "../../src/modules/accounts/cli.ts";
import { auditActions, createDivision, createMunicipality, createStaff, signInAs, type TestStaff } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";

const BASE = "/362018/staff";

describeEachDatabase("account administration", (ctx) => {
  let admin: TestStaff;
  let divisionId = 0;
  let adminBrowser: TestBrowser;

  beforeAll(async () => {
    const m = await createMunicipality(ctx.db, "362018", "徳島市");
    await createMunicipality(ctx.db, "131016", "千代田区");
    divisionId = await createDivision(ctx.db, m, "デジタル推進課");
    admin = await createStaff(ctx.db, { lgCode: "362018", roles: ["administrator"], totp: true, loginId: "admin" });
    adminBrowser = new TestBrowser(testApp(ctx.db));
    await signInAs(ctx.db, adminBrowser, admin);
  });

  it("lists users with their roles, second factor and lock status", async () => {
    const locked = await createStaff(ctx.db, { lgCode: "362018", roles: ["viewer", "cio"], name: "鍵 掛子" });
    await ctx.db.query("update app_user set locked_at = now() where id = $1", [locked.id]);
    await createStaff(ctx.db, { lgCode: "131016", roles: ["viewer"], name: "他の 区民" });
    const res = await adminBrowser.get(`${BASE}/users`);
    expect(res.status).toBe(200);
    const text = visibleText(adminBrowser.lastHtml);
    expect(text).toContain("鍵 掛子");
    expect(text).toMatch(/CIO、閲覧者\s*未設定\s*ロック中/);
    expect(text).not.toContain("他の 区民");
  });

  it("refuses the administration pages to other roles (403)", async () => {
    const officer = await createStaff(ctx.db, { lgCode: "362018", roles: ["digital_officer", "division_head"] });
    const b = new TestBrowser(testApp(ctx.db));
    await signInAs(ctx.db, b, officer);
    for (const path of [`${BASE}/users`, `${BASE}/users/new`, `${BASE}/users/${admin.id}`]) {
      expect((await b.get(path)).status, path).toBe(403);
    }
    expect(visibleText(b.lastHtml)).toContain("このページを利用する権限がありません");
    await b.get(BASE);
    expect(b.lastHtml).not.toContain(`${BASE}/users`);
    expect((await b.post(`${BASE}/users/${officer.id}/roles`, { role: "administrator" })).status).toBe(403);
  });

  it("re-renders an invalid new user with status 400, an error summary and messages at each field", async () => {
    await adminBrowser.get(`${BASE}/users/new`);
    const res = await adminBrowser.post(`${BASE}/users/new`, { loginId: "x", displayName: "", email: "not-an-email", divisionId: "" });
    expect(res.status).toBe(400);
    const html = adminBrowser.lastHtml;
    expect(html).toContain('<div class="error-summary" tabindex="-1" role="alert"');
    expect(html).toContain('<a href="#login-id">ログインIDは半角英数字と');
    expect(html).toContain('<a href="#display-name">氏名を入力してください</a>');
    expect(html).toContain('<a href="#email">メールアドレスの形式が正しくありません');
    expect(html).toContain('<a href="#roles-0">役割を1つ以上選んでください</a>');
    expect(html).toMatch(/<input id="display-name"[^>]*aria-describedby="display-name-error"[^>]*aria-invalid="true"/);
    expect(html).toMatch(/<fieldset aria-describedby="roles-hint roles-error">/);
    expect(html).toContain('value="not-an-email"'); // what was typed is kept
    // The summary lists the errors in the order of the fields.
    const order = ["#login-id", "#display-name", "#email", "#roles-0"].map((id) => html.indexOf(`href="${id}"`));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("refuses a login id already taken, whatever its case", async () => {
    await adminBrowser.get(`${BASE}/users/new`);
    const res = await adminBrowser.post(`${BASE}/users/new`, { loginId: "ADMIN", displayName: "偽 管理者", role: "viewer" });
    expect(res.status).toBe(400);
    expect(adminBrowser.lastHtml).toContain('<a href="#login-id">このログインIDは既に使われています</a>');
  });

  it("creates a user with a temporary password shown once, audited; the user must replace it", async () => {
    await adminBrowser.get(`${BASE}/users/new`);
    const res = await adminBrowser.post(`${BASE}/users/new`, {
      loginId: "sato.ichiro",
      displayName: "佐藤 一郎",
      email: "sato@example.lg.jp",
      divisionId: String(divisionId),
      role: ["digital_officer", "division_head"],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const temporary = /<code class="secret">([^<]+)<\/code>/.exec(adminBrowser.lastHtml)![1]!;
    expect(temporary).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    const [created] = await ctx.db.query<{ id: number; must_change_password: boolean; password_hash: string }>(
      "select id, must_change_password, password_hash from app_user where login_id = 'sato.ichiro'",
    );
    expect(created!.must_change_password).toBe(true);
    expect(created!.password_hash).toMatch(/^\$argon2id\$/);
    const [audit] = await ctx.db.query<{ actor_user_id: number; after: Record<string, unknown> }>(
      "select actor_user_id, after from audit_log where action = 'user.create' and entity_id = $1",
      [String(created!.id)],
    );
    expect(audit!.actor_user_id).toBe(admin.id);
    expect(audit!.after).toEqual({
      loginId: "sato.ichiro",
      displayName: "佐藤 一郎",
      email: "sato@example.lg.jp",
      divisionId,
      roles: ["digital_officer", "division_head"],
    });
    expect(JSON.stringify(audit!.after)).not.toContain(temporary);

    const b = new TestBrowser(testApp(ctx.db));
    await b.get(`${BASE}/sign-in`);
    await b.post(`${BASE}/sign-in`, { loginId: "Sato.Ichiro", password: temporary }); // case-insensitive id
    expect((await b.get(BASE)).headers.get("location")).toBe(`${BASE}/password`);
  });

  it("changes roles, recording the permission change with the roles before and after", async () => {
    const staff = await createStaff(ctx.db, { lgCode: "362018", roles: ["viewer"] });
    await adminBrowser.get(`${BASE}/users/${staff.id}`);
    expect(adminBrowser.lastHtml).toMatch(/<input type="checkbox" id="roles-6" name="role" value="viewer" checked=""/);
    const res = await adminBrowser.post(`${BASE}/users/${staff.id}/roles`, { role: ["committee_member", "cio"] });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${BASE}/users/${staff.id}?notice=roles_changed`);
    const [row] = await ctx.db.query<{ actor_user_id: number; before: { roles: string[] }; after: { roles: string[] } }>(
      "select actor_user_id, before, after from audit_log where action = 'user.roles_change' and entity_id = $1",
      [String(staff.id)],
    );
    expect(row).toEqual({ actor_user_id: admin.id, before: { roles: ["viewer"] }, after: { roles: ["cio", "committee_member"] } });
    // An unknown role is refused.
    await adminBrowser.get(`${BASE}/users/${staff.id}`);
    expect((await adminBrowser.post(`${BASE}/users/${staff.id}/roles`, { role: "superuser" })).status).toBe(400);
  });

  it("refuses to remove the administrator role from the last administrator", async () => {
    await adminBrowser.get(`${BASE}/users/${admin.id}`);
    const res = await adminBrowser.post(`${BASE}/users/${admin.id}/roles`, { role: "viewer" });
    expect(res.status).toBe(400);
    expect(visibleText(adminBrowser.lastHtml)).toContain("最後のシステム管理者からシステム管理者の役割を外すことはできません");
    expect(await auditActions(ctx.db, admin.id)).not.toContain("user.roles_change");
  });

  it("answers 404 for a user id of another municipality", async () => {
    const elsewhere = await createStaff(ctx.db, { lgCode: "131016", roles: ["viewer"] });
    expect((await adminBrowser.get(`${BASE}/users/${elsewhere.id}`)).status).toBe(404);
    await adminBrowser.get(BASE);
    expect((await adminBrowser.post(`${BASE}/users/${elsewhere.id}/roles`, { role: "administrator" })).status).toBe(404);
    await adminBrowser.get(BASE); // the 404 page has no form: take the token again
    expect((await adminBrowser.post(`${BASE}/users/${elsewhere.id}/unlock`)).status).toBe(404);
  });

  it("creates the first administrator from the command line, audited as the CLI", async () => {
    const lines: string[] = [];
    const out = { log: (s: string) => lines.push(s), error: (s: string) => lines.push(`ERR ${s}`) };
    const code = await createUserCommand(
      ["--lg-code", "131016", "--login", "chiyoda-admin", "--name", "管理者", "--role", "administrator", "--role", "secretariat"],
      out,
      ctx.db,
    );
    expect(code, lines.join("\n")).toBe(0);
    expect(lines.join("\n")).toMatch(/仮パスワード: [A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}/);
    const [row] = await ctx.db.query<{ actor_user_id: number | null; actor_label: string }>(
      "select actor_user_id, actor_label from audit_log where action = 'user.create' and after->>'loginId' = 'chiyoda-admin'",
    );
    expect(row!.actor_user_id).toBeNull();
    expect(row!.actor_label).toMatch(/^CLI（.+）$/);

    const errors: string[] = [];
    const bad = { log: () => undefined, error: (s: string) => errors.push(s) };
    expect(await createUserCommand(["--lg-code", "131016", "--login", "xyz", "--name", "a", "--role", "root"], bad, ctx.db)).toBe(2);
    expect(await createUserCommand(["--lg-code", "999999", "--login", "abc", "--name", "a", "--role", "viewer"], bad, ctx.db)).toBe(1);
    expect(
      await createUserCommand(["--lg-code", "362018", "--login", "abc", "--name", "a", "--role", "viewer", "--division", "存在しない課"], bad, ctx.db),
    ).toBe(1);
    expect(await createUserCommand(["--lg-code", "362018", "--login", "ok-division", "--name", "a", "--role", "viewer", "--division", "デジタル推進課"], bad, ctx.db)).toBe(0);
    expect(errors.join("\n")).toContain("不明な役割です: root");
    expect(errors.join("\n")).toContain("団体コード 999999 の地方公共団体は登録されていません");
    expect(errors.join("\n")).toContain("「存在しない課」は徳島市の課として登録されていません");
  });
});
