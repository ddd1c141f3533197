/**
 * The audit log for the secretariat (issue #3 §7): the list with Japanese
 * labels, its filters and pages, who may see it, the CSV export checked
 * against the machine-readability rules, and the export's own record.
 */
import { gunzipSync } from "node:zlib";
import { expect, it } from "vitest";
import { recordAudit } from "../../src/core/audit/audit.ts";
import { userActor } from "../../src/modules/accounts/commands/actor.ts";
import { setRoles } from "../../src/modules/accounts/commands/manage-users.ts";
import { japanIso } from "../../src/modules/audit-trail/domain/japan-time.ts";
import { createMunicipality, createStaff, signInAs, type TestStaff } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";
import { fetchCsv, records } from "./opendata-support.ts";

const AUDIT = "/362018/staff/audit";
const COLUMNS = [
  "lg_code",
  "audit_id",
  "occurred_at",
  "actor_user_id",
  "actor_label",
  "action",
  "action_label",
  "entity_type",
  "entity_id",
  "before_json",
  "after_json",
  "ip",
];

/** The text of the results table's rows only (the form's options name every action too). */
const RESULTS = /aria-label="監査ログの記録"[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/;
const tableText = (html: string) => visibleText(RESULTS.exec(html)?.[1] ?? "");
const rowCount = (html: string) => (RESULTS.exec(html)?.[1] ?? "").split("<tr").length - 1;
const daysFromNow = (days: number) => japanIso(new Date(Date.now() + days * 86_400_000)).slice(0, 10);

describeEachDatabase("audit log pages", (ctx) => {
  let app: ReturnType<typeof testApp>;
  let secretariat: TestStaff;
  let admin: TestStaff;
  let target: TestStaff;
  let browser: TestBrowser;
  let municipalityId: number;

  const page = async (path: string, status = 200) => {
    const res = await browser.get(path);
    expect(res.status, path).toBe(status);
    return browser.lastHtml;
  };

  it("lists sign-ins and a role change, newest first, with Japanese labels", async () => {
    municipalityId = await createMunicipality(ctx.db, "362018", "徳島市");
    await createMunicipality(ctx.db, "131016", "千代田区");
    app = testApp(ctx.db);
    secretariat = await createStaff(ctx.db, { lgCode: "362018", roles: ["secretariat"], totp: true, name: "事務局 花子", loginId: "jimukyoku.hanako" });
    admin = await createStaff(ctx.db, { lgCode: "362018", roles: ["administrator"], totp: true, name: "管理 太郎", loginId: "kanri.taro" });
    target = await createStaff(ctx.db, { lgCode: "362018", roles: ["viewer"], name: "対象 次郎", loginId: "taisho.jiro" });
    const changed = await setRoles(ctx.db, { municipalityId, actor: userActor({ id: admin.id, displayName: "管理 太郎", loginId: admin.loginId }), ip: "192.0.2.20" }, target.id, ["viewer", "division_head"]);
    expect(changed).toEqual({ ok: true, changed: true });
    // Another municipality's records never show here.
    const stranger = await createStaff(ctx.db, { lgCode: "131016", roles: ["viewer"], loginId: "chiyoda.stranger" });
    await signInAs(ctx.db, new TestBrowser(app), stranger);

    browser = new TestBrowser(app);
    await signInAs(ctx.db, browser, secretariat);
    const html = await page(AUDIT);
    const text = visibleText(html);
    expect(text).toContain("監査ログ");
    const rows = tableText(html);
    expect(rows).toContain("サインイン");
    expect(rows).toContain("事務局 花子（jimukyoku.hanako）");
    expect(rows).toContain("役割の変更");
    expect(rows).toContain("管理 太郎（kanri.taro）");
    expect(rows).toContain("役割：閲覧者 → から課長、閲覧者に");
    expect(rows).toContain("利用者 taisho.jiro");
    expect(rows).not.toContain("chiyoda.stranger");
    // Newest first: the secretariat's own sign-in comes before the role change.
    expect(rows.indexOf("サインイン")).toBeLessThan(rows.indexOf("役割の変更"));
    // Japan time, machine-readable too.
    expect(html).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+09:00">\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}<\/time>/);
    // The staff navigation leads here.
    expect(html).toContain(`<a href="${AUDIT}" aria-current="page">監査ログ</a>`);
  });

  it("filters by action, action group, entity type, actor and period", async () => {
    let html = await page(`${AUDIT}?action=user.roles_change`);
    expect(rowCount(html)).toBe(1);
    expect(tableText(html)).toContain("役割の変更");
    expect(html).toMatch(/<option value="user.roles_change" selected="">/);

    html = await page(`${AUDIT}?action=auth.`);
    const signIns = tableText(html);
    expect(signIns).toContain("サインイン");
    expect(signIns).not.toContain("役割の変更");
    expect(signIns).not.toContain("利用者の登録");

    html = await page(`${AUDIT}?action=auth.sign_in&actor=${secretariat.id}`);
    expect(rowCount(html)).toBe(1);
    expect(tableText(html)).toContain("事務局 花子");

    html = await page(`${AUDIT}?actor=${admin.id}`);
    expect(tableText(html)).toContain("役割の変更");
    expect(tableText(html)).not.toContain("事務局 花子");

    // Users were created by the test "system" (no account).
    html = await page(`${AUDIT}?actor=none&entity=app_user&action=user.create`);
    expect(rowCount(html)).toBe(3);
    expect(tableText(html)).toContain("利用者の登録");

    html = await page(`${AUDIT}?from=${daysFromNow(-1)}&to=${daysFromNow(0)}&action=user.roles_change`);
    expect(rowCount(html)).toBe(1);
    html = await page(`${AUDIT}?from=${daysFromNow(1)}`);
    expect(rowCount(html)).toBe(0);
    expect(visibleText(html)).toContain("条件に合う記録はありません。");
    html = await page(`${AUDIT}?to=2000-01-01`);
    expect(rowCount(html)).toBe(0);
  });

  it("pages through many records with before=<id>, and shows unknown actions by their code", async () => {
    await ctx.db.transaction(async (tx) => {
      for (let i = 1; i <= 60; i++) {
        await recordAudit(tx, { municipalityId, actor: { userId: null, label: "テスト" }, action: "test.bulk", entityType: "thing", entityId: i, after: { n: i } });
      }
    });
    let html = await page(`${AUDIT}?action=test.bulk`);
    expect(rowCount(html)).toBe(50);
    expect(tableText(html)).toContain("test.bulk");
    expect(tableText(html)).toContain("n：60");
    expect(tableText(html)).not.toContain("n：10");
    const next = /<a href="([^"]+)">さらに古い記録を表示<\/a>/.exec(html)?.[1]?.replace(/&amp;/g, "&");
    expect(next).toMatch(/^\/362018\/staff\/audit\?action=test\.bulk&before=\d+$/);
    html = await page(next!);
    expect(rowCount(html)).toBe(10);
    expect(tableText(html)).toContain("n：1");
    expect(html).not.toContain("さらに古い記録を表示");
    expect(html).toContain(`<a href="${AUDIT}?action=test.bulk">最新の記録に戻る</a>`);
  });

  it("answers invalid filters with 400 and an error summary in Japanese", async () => {
    let html = await page(`${AUDIT}?from=2025-02-30`, 400);
    expect(visibleText(html)).toContain("入力内容を確認してください");
    expect(html).toContain("<title>エラー: 監査ログ");
    expect(html).toContain('<a href="#filter-from">日付は「2025-04-01」のように西暦の年-月-日で入力してください</a>');
    expect(html).toContain('aria-invalid="true"');
    expect(html).not.toContain('aria-label="監査ログの記録"');

    html = await page(`${AUDIT}?from=2025-04-02&to=2025-04-01`, 400);
    expect(html).toContain('<a href="#filter-to">終了日は開始日と同じか、それより後の日付にしてください</a>');

    html = await page(`${AUDIT}?from=yesterday`, 400);
    html = await page(`${AUDIT}?actor=999999`, 400);
    expect(html).toContain('<a href="#filter-actor">実施者を一覧から選んでください</a>');
    html = await page(`${AUDIT}?action=%3Cscript%3E`, 400);
    expect(html).not.toContain("<script>");
    html = await page(`${AUDIT}?before=abc`, 400);
    expect(html).toContain('<a href="#audit-filters">');
    expect((await browser.get(`${AUDIT}.csv?to=2025-13-01`)).status).toBe(400);
  });

  it("is for the secretariat and administrators only: others 403, another municipality 404", async () => {
    const officer = await createStaff(ctx.db, { lgCode: "362018", roles: ["digital_officer"] });
    const officerBrowser = new TestBrowser(app);
    await signInAs(ctx.db, officerBrowser, officer);
    const refused = await officerBrowser.get(AUDIT);
    expect(refused.status).toBe(403);
    expect(visibleText(await refused.text())).toContain("このページを利用する権限がありません");
    expect((await officerBrowser.get(`${AUDIT}.csv`)).status).toBe(403);

    const adminBrowser = new TestBrowser(app);
    await signInAs(ctx.db, adminBrowser, admin);
    expect((await adminBrowser.get(AUDIT)).status).toBe(200);

    const chiyodaAdmin = await createStaff(ctx.db, { lgCode: "131016", roles: ["administrator"], totp: true });
    const foreign = new TestBrowser(app);
    await signInAs(ctx.db, foreign, chiyodaAdmin);
    expect((await foreign.get(AUDIT)).status).toBe(404);
    expect((await foreign.get(`${AUDIT}.csv`)).status).toBe(404);
    expect((await foreign.get("/131016/staff/audit")).status).toBe(200);

    const anonymous = await new TestBrowser(app).get(AUDIT);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toBe(`/362018/staff/sign-in?next=${encodeURIComponent(AUDIT)}`);
  });

  it("exports the filtered records as machine-readable CSV, and records the export", async () => {
    const file = await fetchCsv(browser, `${AUDIT}.csv`);
    const res = file.response;
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="362018_audit-log_\d{8}-\d{6}\.csv"$/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    // UTF-8 with BOM, CRLF only, header first, one table, alphanumeric names.
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(file.text.endsWith("\r\n")).toBe(true);
    expect(file.header).toEqual(COLUMNS);
    for (const row of file.rows) expect(row).toHaveLength(COLUMNS.length);
    const rows = records(file);
    const [count] = await ctx.db.query<{ n: number }>("select count(*)::int as n from audit_log where municipality_id = $1 and action <> 'audit.export'", [municipalityId]);
    expect(rows).toHaveLength(count!.n);
    for (const row of rows) {
      expect(row.lg_code).toBe("362018");
      expect(row.occurred_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+09:00$/);
      expect(row.audit_id).toMatch(/^\d+$/);
    }
    // Newest first.
    const ids = rows.map((r) => Number(r.audit_id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const roleChange = rows.find((r) => r.action === "user.roles_change")!;
    expect(roleChange).toMatchObject({
      action_label: "役割の変更",
      actor_user_id: String(admin.id),
      actor_label: "管理 太郎（kanri.taro）",
      entity_type: "app_user",
      entity_id: String(target.id),
      ip: "192.0.2.20",
    });
    expect(JSON.parse(roleChange.before_json!)).toEqual({ roles: ["viewer"] });
    expect(JSON.parse(roleChange.after_json!)).toEqual({ roles: ["division_head", "viewer"] });
    expect(rows.find((r) => r.action === "auth.sign_in")!.action_label).toBe("サインイン");
    // Blank is "no value", never 0: the users created without an account.
    const created = rows.find((r) => r.action === "user.create")!;
    expect(created.actor_user_id).toBeNull();
    expect(created.before_json).toBeNull();
    const rawCreated = file.rows[rows.indexOf(created)]!;
    expect(rawCreated[COLUMNS.indexOf("actor_user_id")]).toEqual({ value: "", quoted: false });

    // The export is itself on record, with who, the filter and the size — and not in its own file.
    const [exported] = await ctx.db.query<{ actor_user_id: number; actor_label: string; entity_type: string; after: { format: string; rows: number; upToId: number } }>(
      "select actor_user_id, actor_label, entity_type, after from audit_log where municipality_id = $1 and action = 'audit.export' order by id desc limit 1",
      [municipalityId],
    );
    expect(exported).toMatchObject({ actor_user_id: secretariat.id, entity_type: "audit_log", after: { format: "csv", rows: rows.length, upToId: ids[0] } });
    expect(rows.some((r) => r.action === "audit.export")).toBe(false);

    // The same filter as the page: only the role change.
    const filtered = records(await fetchCsv(browser, `${AUDIT}.csv?action=user.roles_change`));
    expect(filtered.map((r) => r.action)).toEqual(["user.roles_change"]);
    const [last] = await ctx.db.query<{ after: { filter: unknown; rows: number } }>(
      "select after from audit_log where action = 'audit.export' order by id desc limit 1",
    );
    expect(last!.after).toMatchObject({ filter: { action: "user.roles_change" }, rows: 1 });

    // The list shows the export with its label.
    expect(tableText(await page(`${AUDIT}?action=audit.export`))).toContain("監査ログのCSV出力");
  });

  it("streams the CSV gzip-compressed when the browser accepts it", async () => {
    const res = await browser.request(`${AUDIT}.csv?action=user.roles_change`, { headers: { "Accept-Encoding": "gzip, deflate, br" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("gzip");
    const text = gunzipSync(Buffer.from(await res.arrayBuffer())).toString("utf8");
    expect(text.startsWith(`\uFEFF"${COLUMNS.join('","')}"\r\n`)).toBe(true);
    expect(text.split("\r\n")).toHaveLength(3); // header, one record, and the empty end after the last CRLF
    expect(text).toContain('"役割の変更"');
  });

  it("refuses an export of more than 100,000 records, asking to narrow the period", async () => {
    const osakaId = await createMunicipality(ctx.db, "271004", "大阪市");
    await ctx.db.query(
      `insert into audit_log (municipality_id, actor_label, action, entity_type, entity_id, at)
       select $1, 'テスト', 'test.bulk', 'thing', g::text, now() - interval '1 day' from generate_series(1, 100001) g`,
      [osakaId],
    );
    const osaka = await createStaff(ctx.db, { lgCode: "271004", roles: ["secretariat"], totp: true });
    const osakaBrowser = new TestBrowser(app);
    await signInAs(ctx.db, osakaBrowser, osaka);
    const res = await osakaBrowser.get("/271004/staff/audit.csv");
    expect(res.status).toBe(400);
    expect(visibleText(await res.text())).toContain("条件に合う記録が100,000件を超えるため、CSVを作成できません。期間を短くするなどして、条件を絞り込んでください");
    const [refused] = await ctx.db.query<{ n: number }>("select count(*)::int as n from audit_log where municipality_id = $1 and action = 'audit.export'", [osakaId]);
    expect(refused!.n).toBe(0);
    // Narrowed to today: only the secretariat's own sign-in and creation, the bulk was yesterday.
    const narrowed = records(await fetchCsv(osakaBrowser, `/271004/staff/audit.csv?from=${daysFromNow(0)}`));
    expect(narrowed.every((r) => r.action !== "test.bulk" && r.lg_code === "271004")).toBe(true);
    expect(narrowed.length).toBeGreaterThan(0);
  });

  it("still refuses UPDATE, DELETE and TRUNCATE of the audit log", async () => {
    const message = /監査ログ（audit_log）は追記のみです/;
    await expect(ctx.db.query("update audit_log set action = 'forged' where action = 'audit.export'")).rejects.toThrow(message);
    await expect(ctx.db.query("delete from audit_log where action = 'audit.export'")).rejects.toThrow(message);
    await expect(ctx.db.exec("truncate audit_log")).rejects.toThrow(message);
    const [row] = await ctx.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'audit.export'");
    expect(row!.n).toBeGreaterThanOrEqual(3);
  });
});
