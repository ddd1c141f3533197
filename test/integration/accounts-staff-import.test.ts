/**
 * The staff CSV for the April transfers (issue #7 §3): upload → preview →
 * apply in one transaction, the same file twice changing nothing, every
 * problem with its line and column and nothing applied, the encodings
 * offices save (UTF-8 with or without BOM, Shift_JIS), the template, the
 * size limit, and the refusals (other roles, another municipality).
 */
import { createHash } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { createDivision, createMunicipality, createStaff, signInAs, type TestStaff } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";
import { encodeShiftJis } from "../support/shift-jis.ts";

const BASE = "/362018/staff";
const IMPORT = `${BASE}/users/import`;
const HEADER = "処理,ログインID,氏名,所属,役割,メールアドレス";
const utf8 = (text: string) => new TextEncoder().encode(text);

/** Posts a file as a browser's form does (multipart), with the page's CSRF token. */
async function upload(b: TestBrowser, bytes: Uint8Array, name = "jinji-idou.csv"): Promise<Response> {
  await b.get(IMPORT);
  const form = new FormData();
  form.set("_csrf", b.csrfToken()!);
  form.set("file", new File([bytes as BlobPart], name, { type: "text/csv" }));
  return b.request(IMPORT, { method: "POST", body: form });
}

describeEachDatabase("staff CSV import for the April transfers", (ctx) => {
  let admin: TestStaff;
  let b: TestBrowser;
  let leaver: TestStaff;
  let leaverBrowser: TestBrowser;
  const accounts = async () =>
    ctx.db.query<{ login_id: string; division: string | null; roles: string[]; disabled: boolean; email: string | null }>(
      `select u.login_id, d.name as division, coalesce((select array_agg(r.role order by r.role) from user_role r where r.user_id = u.id), '{}') as roles,
              u.disabled_at is not null as disabled, u.email
         from app_user u left join division d on d.id = u.division_id where u.municipality_id = (select id from municipality where lg_code = '362018')
        order by u.login_id`,
    );
  const previewAndApply = async (bytes: Uint8Array) => {
    const res = await upload(b, bytes);
    expect(res.status, visibleText(b.lastHtml).slice(0, 400)).toBe(303);
    const preview = res.headers.get("location")!;
    expect(preview).toMatch(new RegExp(`^${IMPORT}/\\d+$`));
    await b.get(preview);
    return preview;
  };

  beforeAll(async () => {
    const m = await createMunicipality(ctx.db, "362018", "徳島市");
    await createMunicipality(ctx.db, "131016", "千代田区");
    const digital = await createDivision(ctx.db, m, "デジタル推進課");
    const crisis = await createDivision(ctx.db, m, "危機管理課");
    admin = await createStaff(ctx.db, { lgCode: "362018", roles: ["administrator"], totp: true, loginId: "import-admin" });
    await createStaff(ctx.db, { lgCode: "362018", roles: ["digital_officer"], loginId: "yoshino.ken", name: "吉野 健", divisionId: digital });
    await createStaff(ctx.db, { lgCode: "362018", roles: ["division_head"], loginId: "naka.emi", name: "那賀 恵美", divisionId: crisis });
    leaver = await createStaff(ctx.db, { lgCode: "362018", roles: ["digital_officer"], loginId: "taishoku.jiro", name: "退職 次郎", divisionId: digital });
    b = new TestBrowser(testApp(ctx.db));
    await signInAs(ctx.db, b, admin);
    leaverBrowser = new TestBrowser(testApp(ctx.db));
    await signInAs(ctx.db, leaverBrowser, leaver);
  });

  it("offers a template: UTF-8 with BOM, the header on line 1 and one example row", async () => {
    const res = await b.get(`${IMPORT}/template.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).split("\r\n");
    expect(lines[0]).toBe('\uFEFF"処理","ログインID","氏名","所属","役割","メールアドレス"');
    expect(lines[1]).toMatch(/^"追加","awa\.taro","阿波 太郎","(デジタル推進課|危機管理課)","デジタル担当職員","awa\.taro@example\.lg\.jp"$/);
    expect(lines.slice(2)).toEqual([""]);
  });

  it("lists every problem with its line and column, applies nothing and keeps nothing", async () => {
    const before = await accounts();
    const kept = async () => (await ctx.db.query<{ n: number }>("select count(*)::int as n from staff_import"))[0]!.n;
    const keptBefore = await kept();
    const file = [
      HEADER,
      "追加,new.one,新人 一郎,デジタル推進科,デジタル担当職員,",
      "追加,new.two,新人 二郎,危機管理課,課長,",
      "追加,NEW.TWO,新人 二郎,危機管理課,課長,",
      "異動,nobody.here,,危機管理課,,",
      "移動,yoshino.ken,吉野 健,危機管理課,,",
      "異動,naka.emi,那賀 恵,デジタル推進課,部長,bad-address",
      "停止,import-admin,,,,",
    ].join("\n");
    const res = await upload(b, utf8(file));
    expect(res.status).toBe(400);
    expect(b.lastHtml).toContain('<a href="#staff-file">CSVファイルに8件の問題があります');
    for (const [line, column, message] of [
      [2, "所属", "「デジタル推進科」という所属は登録されていません"],
      [4, "ログインID", "ログインID「NEW.TWO」は3行目にもあります"],
      [5, "ログインID", "ログインID「nobody.here」の利用者は登録されていません"],
      [6, "処理", "「移動」は使えません"],
      [7, "氏名", "ログインID「naka.emi」の氏名は「那賀 恵美」です"],
      [7, "役割", "「部長」という役割はありません"],
      [7, "メールアドレス", "「bad-address」はメールアドレスの形式ではありません"],
      [8, "処理", "ご自身のアカウントは停止できません"],
    ] as const) {
      expect(b.lastHtml).toContain(`<tr><th scope="row">${line}行目</th><td data-label="列">${column}</td><td data-label="内容">${message}`);
    }
    expect(await accounts()).toEqual(before);
    expect(await kept()).toBe(keptBefore);
  });

  it("refuses a file that is not a staff CSV as a whole: wrong header, no file, too large", async () => {
    expect((await upload(b, utf8("氏名,所属\n山田,デジタル推進課\n"))).status).toBe(400);
    expect(visibleText(b.lastHtml)).toContain("1行目（見出し）に「処理」の列がありません");
    expect((await upload(b, new Uint8Array(0))).status).toBe(400);
    expect(visibleText(b.lastHtml)).toContain("CSVファイルを選んでください");
    const tooLarge = await upload(b, utf8(`${HEADER}\n${"停止,x,,,,\n".repeat(120_000)}`));
    expect(tooLarge.status).toBe(413);
  });

  it("previews additions, moves, deactivations and unchanged rows (UTF-8, no BOM), then applies them in one go, audited with the SHA-256", async () => {
    const file = utf8(
      [
        HEADER,
        "追加,shinjin.hanako,新人 花子,デジタル推進課,デジタル担当職員,hanako@example.lg.jp",
        "異動,yoshino.ken,吉野 健,危機管理課,課長,",
        "停止,taishoku.jiro,退職 次郎,,,",
        "異動,naka.emi,,危機管理課,,", // already there: unchanged
      ].join("\r\n"),
    );
    const preview = await previewAndApply(file);
    const text = visibleText(b.lastHtml);
    expect(text).toMatch(/追加\s*1人\s*異動\s*1人\s*停止\s*1人\s*変更なし\s*1人/);
    expect(text).toContain("所属: デジタル推進課 → 危機管理課");
    expect(text).toContain("役割: デジタル担当職員 → 課長");
    expect(text).toContain(createHash("sha256").update(file).digest("hex"));
    expect(text).toContain("まだ何も変わっていません");
    // Nothing has changed yet.
    expect((await accounts()).map((a) => a.login_id)).not.toContain("shinjin.hanako");

    const res = await b.post(`${preview}/apply`, { digest: /name="digest" value="([0-9a-f]{64})"/.exec(b.lastHtml)![1]! });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const temporary = /<code class="secret">([^<]+)<\/code>/.exec(b.lastHtml)![1]!;
    expect(temporary).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    const after = await accounts();
    expect(after.find((a) => a.login_id === "shinjin.hanako")).toEqual({
      login_id: "shinjin.hanako",
      division: "デジタル推進課",
      roles: ["digital_officer"],
      disabled: false,
      email: "hanako@example.lg.jp",
    });
    expect(after.find((a) => a.login_id === "yoshino.ken")).toMatchObject({ division: "危機管理課", roles: ["division_head"] });
    expect(after.find((a) => a.login_id === "taishoku.jiro")).toMatchObject({ disabled: true });
    // The leaver's session ended with the deactivation.
    expect((await leaverBrowser.get(BASE)).headers.get("location")).toMatch(new RegExp(`^${BASE}/sign-in`));
    const [audit] = await ctx.db.query<{ actor_user_id: number; after: Record<string, unknown> }>(
      "select actor_user_id, after from audit_log where action = 'user.import' order by id desc limit 1",
    );
    expect(audit!.actor_user_id).toBe(admin.id);
    expect(audit!.after).toMatchObject({
      fileName: "jinji-idou.csv",
      fileSha256: createHash("sha256").update(file).digest("hex"),
      added: 1,
      moved: 1,
      deactivated: 1,
      unchanged: 1,
    });
    expect(JSON.stringify(await ctx.db.query("select after from audit_log"))).not.toContain(temporary);
    // The kept bytes are dropped once applied; a second confirmation of the same preview is refused.
    expect((await ctx.db.query<{ content: unknown }>("select content from staff_import where file_sha256 = $1", [audit!.after.fileSha256]))[0]!.content).toBeNull();
    await b.get(preview);
    expect(visibleText(b.lastHtml)).toContain("このファイルは反映済みです");
    expect((await b.post(`${preview}/apply`, { digest: "0".repeat(64) })).status).toBe(400);

    // The new person signs in with the temporary password and must choose their own.
    const newcomer = new TestBrowser(testApp(ctx.db));
    await newcomer.get(`${BASE}/sign-in`);
    await newcomer.post(`${BASE}/sign-in`, { loginId: "shinjin.hanako", password: temporary });
    expect((await newcomer.get(BASE)).headers.get("location")).toBe(`${BASE}/password`);

    // The same file again changes nothing: every row is unchanged and there is nothing to confirm.
    const snapshot = await accounts();
    const auditCount = (await ctx.db.query("select id from audit_log")).length;
    await previewAndApply(file);
    expect(visibleText(b.lastHtml)).toMatch(/追加\s*0人\s*異動\s*0人\s*停止\s*0人\s*変更なし\s*4人/);
    expect(visibleText(b.lastHtml)).toContain("このファイルの内容はすべて登録済みです");
    expect(b.lastHtml).not.toMatch(/action="[^"]*\/apply"/);
    expect(await accounts()).toEqual(snapshot);
    expect((await ctx.db.query("select id from audit_log")).length).toBe(auditCount);
  });

  it("reads a Shift_JIS file (as Excel saves it) and a UTF-8 file with a BOM", async () => {
    const sjis = encodeShiftJis([HEADER, "追加,takasaki.ichiro,髙﨑 一郎,危機管理課,閲覧者,"].join("\r\n") + "\r\n");
    const preview = await previewAndApply(sjis);
    expect(visibleText(b.lastHtml)).toContain("Shift_JIS");
    expect(visibleText(b.lastHtml)).toContain("髙﨑 一郎");
    await b.post(`${preview}/apply`, { digest: /name="digest" value="([0-9a-f]{64})"/.exec(b.lastHtml)![1]! });
    expect(visibleText(b.lastHtml)).toContain("一括登録を反映しました");
    const [row] = await ctx.db.query<{ display_name: string }>("select display_name from app_user where login_id = 'takasaki.ichiro'");
    expect(row!.display_name).toBe("髙﨑 一郎");

    await previewAndApply(utf8(`\uFEFF${HEADER}\n停止,takasaki.ichiro,髙﨑 一郎,,,\n`));
    expect(visibleText(b.lastHtml)).toMatch(/追加\s*0人\s*異動\s*0人\s*停止\s*1人\s*変更なし\s*0人/);
  });

  it("refuses to apply when the accounts changed after the preview, and shows the new preview", async () => {
    const preview = await previewAndApply(utf8(`${HEADER}\n異動,naka.emi,那賀 恵美,デジタル推進課,,\n`));
    const digest = /name="digest" value="([0-9a-f]{64})"/.exec(b.lastHtml)![1]!;
    await ctx.db.query("update app_user set division_id = (select id from division where name = 'デジタル推進課') where login_id = 'naka.emi'");
    const res = await b.post(`${preview}/apply`, { digest });
    expect(res.status).toBe(400);
    expect(visibleText(b.lastHtml)).toContain("確認のあとで利用者の情報が変わったため、反映していません");
    expect(visibleText(b.lastHtml)).toMatch(/変更なし\s*1人/);
    expect((await ctx.db.query("select 1 from audit_log where entity_id = $1 and action = 'user.import'", [preview.split("/").at(-1)])).length).toBe(0);
  });

  it("is the administrator's page of their own municipality only", async () => {
    const officer = await createStaff(ctx.db, { lgCode: "362018", roles: ["digital_officer"] });
    const ob = new TestBrowser(testApp(ctx.db));
    await signInAs(ctx.db, ob, officer);
    expect((await ob.get(IMPORT)).status).toBe(403);
    expect((await ob.get(`${IMPORT}/template.csv`)).status).toBe(403);
    await ob.get(BASE);
    const form = new FormData();
    form.set("_csrf", ob.csrfToken()!);
    form.set("file", new File([utf8(`${HEADER}\n停止,import-admin,,,,\n`) as BlobPart], "x.csv"));
    expect((await ob.request(IMPORT, { method: "POST", body: form })).status).toBe(403);

    const chiyoda = await createStaff(ctx.db, { lgCode: "131016", roles: ["administrator"], totp: true });
    const cb = new TestBrowser(testApp(ctx.db));
    await signInAs(ctx.db, cb, chiyoda);
    const [kept] = await ctx.db.query<{ id: number }>("select id from staff_import order by id desc limit 1");
    expect((await cb.get(`/131016/staff/users/import/${kept!.id}`)).status).toBe(404);
  });
});
