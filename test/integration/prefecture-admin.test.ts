/**
 * The prefecture administrator (issue #9 §3, decision 037): created by the
 * CLI, signs in with a mandatory second factor through the accounts
 * module's commands, registers a municipality of their prefecture, imports
 * its first plan, creates its first administrator, and follows every
 * municipality's progress in counts. Isolation both ways: another
 * prefecture's administrator and municipalities answer 404, municipal staff
 * never reach the prefecture's pages, and a municipality's staff still see
 * nothing of another's.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readArchive } from "../../src/core/municipality-archive/archive-file.ts";
import { exportMunicipality } from "../../src/core/municipality-archive/export-municipality.ts";
import { beforeAll, expect, it } from "vitest";
import { createPrefectureAdminCommand } from "../../src/modules/accounts/cli.ts";
import { createUser } from "../../src/modules/accounts/commands/manage-users.ts";
import { MAX_PLAN_FILE_BYTES } from "../../src/modules/plan/read-plan-file.ts";
import { PLAN_UPLOAD_BODY_LIMIT } from "../../src/modules/prefecture/administration/routes.tsx";
import { ACCOUNT_FAILURE_LIMIT } from "../../src/modules/accounts/domain/sign-in-policy.ts";
import { createMunicipality, createStaff, currentCode, signInAs, type TestStaff } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { TOKUSHIMA_FILE } from "../support/fixtures.ts";
import { visibleText } from "../support/html.ts";
import { createReadyPrefectureAdmin, postFile, signInAtPrefecture, type TestPrefectureAdmin } from "../support/prefecture-admin.ts";
import { publishSampleYears } from "../support/published-results.ts";
import { TestBrowser } from "../support/session.ts";

const PREF = "/prefectures/36/staff";
const NARUTO = "362026";
const CHIYODA = "131016";

describeEachDatabase(
  "prefecture administrator",
  (ctx) => {
    const browser = () => new TestBrowser(testApp(ctx.db));
    let tokushimaAdmin: TestPrefectureAdmin;
    let tokyoAdmin: TestPrefectureAdmin;
    let tokushimaStaff: TestStaff;
    let b: TestBrowser;

    beforeAll(async () => {
      await createMunicipality(ctx.db, CHIYODA, "千代田区");
      tokushimaAdmin = await createReadyPrefectureAdmin(ctx.db, "36", "pref-tokushima");
      tokyoAdmin = await createReadyPrefectureAdmin(ctx.db, "13", "pref-tokyo");
      tokushimaStaff = await createStaff(ctx.db, { lgCode: "362018", roles: ["administrator"], totp: true });
      b = browser();
      await signInAtPrefecture(ctx.db, b, tokushimaAdmin);
    });

    const auditOf = (action: string, entityId: number | string) =>
      ctx.db.query<{ municipality_id: number | null; actor_user_id: number | null; actor_label: string }>(
        "select municipality_id, actor_user_id, actor_label from audit_log where action = $1 and entity_id = $2",
        [action, String(entityId)],
      );

    it("is created by the CLI, and must enrol a second factor and replace the temporary password before any page", async () => {
      const lines: string[] = [];
      const out = { log: (s: string) => lines.push(s), error: (s: string) => lines.push(s) };
      expect(await createPrefectureAdminCommand(["--prefecture", "48", "--login", "x-admin", "--name", "某"], out, ctx.db)).toBe(2);
      expect(lines.pop()).toContain("都道府県コード「48」は正しくありません");
      expect(await createPrefectureAdminCommand(["--prefecture", "36", "--login", "new-pref", "--name", "県 花子"], out, ctx.db)).toBe(0);
      const temporary = /仮パスワード: (\S+)/.exec(lines.join("\n"))![1]!;
      expect(await createPrefectureAdminCommand(["--prefecture", "36", "--login", "NEW-pref", "--name", "県 次郎"], out, ctx.db)).toBe(1);
      expect(lines.pop()).toContain("このログインIDは既に使われています");

      const fresh = browser();
      await fresh.get(`${PREF}/sign-in`);
      expect((await fresh.post(`${PREF}/sign-in`, { loginId: "new-pref", password: temporary })).status).toBe(303);
      for (const path of [PREF, `${PREF}/municipalities/new`, `${PREF}/password`]) {
        expect((await fresh.get(path)).headers.get("location"), path).toBe(`${PREF}/two-factor/setup`);
      }
      await fresh.get(`${PREF}/two-factor/setup`);
      expect(visibleText(fresh.lastHtml)).toContain("都道府県管理者には二要素認証が必須です");
      const secret = /<code>([A-Z2-7 ]+)<\/code>/.exec(fresh.lastHtml)![1]!.replace(/ /g, "");
      expect((await fresh.post(`${PREF}/two-factor/setup`, { currentPassword: temporary, code: currentCode(secret) })).status).toBe(303);
      expect((await fresh.get(PREF)).headers.get("location")).toBe(`${PREF}/password`);
      await fresh.get(`${PREF}/password`);
      expect(visibleText(fresh.lastHtml)).toContain("仮パスワードでサインインしました");
      const changed = await fresh.post(`${PREF}/password`, { currentPassword: temporary, newPassword: "a long prefectural passphrase", confirmation: "a long prefectural passphrase" });
      expect(changed.headers.get("location")).toBe(PREF);
      expect((await fresh.get(PREF)).status).toBe(200);
      const [row] = await ctx.db.query<{ municipality_id: number | null; prefecture_code: string }>("select municipality_id, prefecture_code from app_user where login_id = 'new-pref'");
      expect(row).toEqual({ municipality_id: null, prefecture_code: "36" });
      // Its own sign-in events are audited with no municipality.
      const signIns = await ctx.db.query<{ municipality_id: number | null }>(
        "select a.municipality_id from audit_log a join app_user u on u.id = a.actor_user_id where u.login_id = 'new-pref' and a.action = 'auth.sign_in'",
      );
      expect(signIns).toEqual([{ municipality_id: null }]);
    });

    it("locks a prefecture administrator after repeated wrong passwords, as a municipality's staff", async () => {
      const target = await createReadyPrefectureAdmin(ctx.db, "36", "pref-locked");
      const guesser = new TestBrowser(testApp(ctx.db), "192.0.2.77");
      await guesser.get(`${PREF}/sign-in`);
      for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) {
        expect((await guesser.post(`${PREF}/sign-in`, { loginId: target.loginId, password: `wrong ${i}` })).status).toBe(400);
      }
      const [row] = await ctx.db.query<{ locked: boolean }>("select locked_at is not null as locked from app_user where id = $1", [target.id]);
      expect(row!.locked).toBe(true);
      expect((await guesser.post(`${PREF}/sign-in`, { loginId: target.loginId, password: target.password })).status).toBe(400);
      expect(visibleText(guesser.lastHtml)).toContain("ログインIDまたはパスワードが正しくありません");
      const attempts = await ctx.db.query<{ municipality_id: number | null; prefecture_code: string }>(
        "select distinct municipality_id, prefecture_code from sign_in_attempt where ip = '192.0.2.77'",
      );
      expect(attempts).toEqual([{ municipality_id: null, prefecture_code: "36" }]);
    });

    it("registers a municipality only with a valid code of this prefecture; bad input changes nothing", async () => {
      await b.get(`${PREF}/municipalities/new`);
      const count = async () => (await ctx.db.query<{ n: number }>("select count(*)::int as n from municipality"))[0]!.n;
      const before = await count();
      for (const [lgCode, message] of [
        ["362027", "末尾の検査数字が合いません"],
        ["36202", "6桁の数字で入力してください"],
        [CHIYODA, "徳島県の団体ではありません"],
        ["362018", "既に登録されています"],
      ] as const) {
        const res = await b.post(`${PREF}/municipalities/new`, { lgCode, name: "鳴門市" });
        expect(res.status, lgCode).toBe(400);
        expect(visibleText(b.lastHtml), lgCode).toContain(message);
      }
      expect((await b.post(`${PREF}/municipalities/new`, { lgCode: NARUTO, name: "" })).status).toBe(400);
      expect(visibleText(b.lastHtml)).toContain("団体名を入力してください");
      expect(await count()).toBe(before);

      const ok = await b.post(`${PREF}/municipalities/new`, { lgCode: NARUTO, name: "鳴門市" });
      expect(ok.headers.get("location")).toBe(`${PREF}?notice=registered&lg=${NARUTO}`);
      const [naruto] = await ctx.db.query<{ id: number; prefecture: string }>("select id, prefecture from municipality where lg_code = $1", [NARUTO]);
      expect(naruto!.prefecture).toBe("徳島県");
      // In the new municipality's audit trail, attributed to the prefecture administrator.
      expect(await auditOf("municipality.register", naruto!.id)).toEqual([
        { municipality_id: naruto!.id, actor_user_id: tokushimaAdmin.id, actor_label: expect.stringContaining("徳島県の都道府県管理者") },
      ]);
    });

    it("imports the municipality's first plan with the importer's Japanese messages, then no longer offers it", async () => {
      await b.get(`${PREF}/municipalities/${NARUTO}/plan`);
      expect(visibleText(b.lastHtml)).toContain("鳴門市の計画ファイルの読み込み");
      const bad = await postFile(b, `${PREF}/municipalities/${NARUTO}/plan`, { name: "naruto.yaml", text: "code: naruto\nasumed: true\n" });
      expect(bad.status).toBe(400);
      expect(visibleText(b.lastHtml)).toContain("naruto.yaml");
      // Over the plan file's limit: refused with its message; far over it: cut at the route's body limit (413).
      await b.get(`${PREF}/municipalities/${NARUTO}/plan`);
      expect((await postFile(b, `${PREF}/municipalities/${NARUTO}/plan`, { name: "big.yaml", text: "#".repeat(MAX_PLAN_FILE_BYTES + 1) })).status).toBe(400);
      expect(visibleText(b.lastHtml)).toContain("ファイルが大きすぎます");
      await b.get(`${PREF}/municipalities/${NARUTO}/plan`);
      expect((await postFile(b, `${PREF}/municipalities/${NARUTO}/plan`, { name: "huge.yaml", text: "#".repeat(PLAN_UPLOAD_BODY_LIMIT.maxBytes + 1) })).status).toBe(413);
      expect((await ctx.db.query("select 1 from plan p join municipality m on m.id = p.municipality_id where m.lg_code = $1", [NARUTO])).length).toBe(0);

      await b.get(`${PREF}/municipalities/${NARUTO}/plan`);
      const ok = await postFile(b, `${PREF}/municipalities/${NARUTO}/plan`, { name: "naruto.yaml", text: readFileSync(TOKUSHIMA_FILE, "utf8") });
      expect(ok.headers.get("location")).toBe(`${PREF}?notice=plan_imported&lg=${NARUTO}`);
      const [plan] = await ctx.db.query<{ id: number; municipality_id: number }>(
        "select p.id, p.municipality_id from plan p join municipality m on m.id = p.municipality_id where m.lg_code = $1 and p.is_current",
        [NARUTO],
      );
      expect(await auditOf("plan.import", plan!.id)).toEqual([
        { municipality_id: plan!.municipality_id, actor_user_id: tokushimaAdmin.id, actor_label: expect.stringContaining("都道府県管理者") },
      ]);
      // The plan is now the municipality's to revise: the prefecture's import page is gone.
      expect((await b.get(`${PREF}/municipalities/${NARUTO}/plan`)).status).toBe(404);
      expect((await b.get(`/${NARUTO}`)).status).toBe(200);
    });

    it("creates the first administrator once, showing the temporary password once; that administrator sees only their town", async () => {
      await b.get(`${PREF}/municipalities/${NARUTO}/administrator`);
      expect((await b.post(`${PREF}/municipalities/${NARUTO}/administrator`, { loginId: "x", displayName: "鳴門 一郎", email: "" })).status).toBe(400);
      expect(visibleText(b.lastHtml)).toContain("ログインIDは半角英数字");
      const created = await b.post(`${PREF}/municipalities/${NARUTO}/administrator`, { loginId: "naruto-admin", displayName: "鳴門 一郎", email: "" });
      expect(created.status).toBe(200);
      const temporary = /<code class="secret">([^<]+)<\/code>/.exec(b.lastHtml)![1]!;
      const [user] = await ctx.db.query<{ id: number; roles: string[]; lg_code: string }>(
        `select u.id, array(select role from user_role where user_id = u.id) as roles, m.lg_code
           from app_user u join municipality m on m.id = u.municipality_id where u.login_id = 'naruto-admin'`,
      );
      expect(user).toMatchObject({ roles: ["administrator"], lg_code: NARUTO });
      expect(await auditOf("user.create", user!.id)).toEqual([expect.objectContaining({ actor_user_id: tokushimaAdmin.id })]);
      expect((await b.get(`${PREF}/municipalities/${NARUTO}/administrator`)).status).toBe(404);
      await b.get(PREF);
      expect(visibleText(b.lastHtml)).not.toContain("鳴門市の最初のシステム管理者を作成する");

      // The town's administrator signs in at the town and cannot reach Tokushima City's staff pages.
      const town = browser();
      await town.get(`/${NARUTO}/staff/sign-in`);
      expect((await town.post(`/${NARUTO}/staff/sign-in`, { loginId: "naruto-admin", password: temporary })).status).toBe(303);
      expect((await town.get(`/${NARUTO}/staff`)).headers.get("location")).toBe(`/${NARUTO}/staff/two-factor/setup`);
      expect((await town.get("/362018/staff/users")).status).toBe(404);
      expect((await town.get(PREF)).status).toBe(403);
    });

    it("lets the town it set up move to its own instance: the prefecture administrator stays behind, named in the records", async () => {
      const file = join(mkdtempSync(join(tmpdir(), "dx-plan-move-")), "naruto.dxplan.gz");
      await exportMunicipality(ctx.db, { lgCode: NARUTO, file, sourceInstance: "県域システム", actor: { userId: null, label: "テスト" } });
      const archive = await readArchive(file);
      const audit = archive.rows.get("audit_log")!.filter((r) => r.action === "municipality.register" || r.action === "plan.import");
      expect(audit.length).toBe(2);
      for (const r of audit) expect(r).toMatchObject({ actor_user_id: null, actor_label: expect.stringContaining("都道府県管理者") });
      expect(archive.rows.get("app_user")!.map((u) => u.login_id)).toEqual(["naruto-admin"]);
    });

    it("creates only one first administrator when two are asked for at once", async () => {
      const [m] = await ctx.db.query<{ id: number }>("select id from municipality where lg_code = $1", [CHIYODA]);
      const ask = (loginId: string) =>
        createUser(ctx.db, { municipalityId: m!.id, actor: { userId: tokyoAdmin.id, label: "都道府県管理者 テスト" }, ip: null }, {
          loginId, displayName: loginId, email: null, divisionId: null, roles: ["administrator"], onlyAsFirstAdministrator: true,
        });
      const results = await Promise.all([ask("chiyoda-a"), ask("chiyoda-b")]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ errors: [{ message: expect.stringContaining("既にシステム管理者がいます") }] });
      expect(await ctx.db.query("select login_id from app_user where municipality_id = $1", [m!.id])).toHaveLength(1);
    });

    it("lists the prefecture's municipalities with progress in counts, never report contents", async () => {
      await publishSampleYears(ctx.db, "362018", [2022]);
      await ctx.db.query(
        `update initiative_report set state = 'in_review', improvement_measures = '非公開の改善策テキスト'
          where id = (select r.id from initiative_report r join evaluation_cycle c on c.id = r.cycle_id join municipality m on m.id = c.municipality_id
                       where m.lg_code = '362018' order by r.id limit 1)`,
      );
      const [counts] = await ctx.db.query<{ published: number; in_review: number }>(
        `select count(*) filter (where r.state = 'published')::int as published, count(*) filter (where r.state = 'in_review')::int as in_review
           from initiative_report r join evaluation_cycle c on c.id = r.cycle_id join municipality m on m.id = c.municipality_id where m.lg_code = '362018'`,
      );
      const res = await b.get(PREF);
      expect(res.status).toBe(200);
      const text = visibleText(b.lastHtml);
      expect(text).toMatch(/徳島市（362018）.*令和4年度（2022年度）（実施中|終了）/);
      expect(text).toContain(`委員会審査中: ${counts!.in_review}件`);
      expect(text).toContain(`公表済み: ${counts!.published}件`);
      expect(text).toMatch(/鳴門市（362026）.*最新の自己評価\s*まだ始まっていません/);
      expect(text).not.toContain("千代田区");
      expect(b.lastHtml).not.toContain("非公開の改善策テキスト");
      expect(res.headers.get("cache-control")).toBe("no-store");
    });

    it("answers 404 for another prefecture and its municipalities, and refuses a form without its token", async () => {
      expect((await b.get("/prefectures/13/staff")).status).toBe(404);
      for (const path of [`${PREF}/municipalities/${CHIYODA}/plan`, `${PREF}/municipalities/${CHIYODA}/administrator`, `${PREF}/municipalities/999999/plan`]) {
        expect((await b.get(path)).status, path).toBe(404);
      }
      await b.get(`${PREF}/municipalities/new`);
      expect((await b.post(`${PREF}/municipalities/${CHIYODA}/administrator`, { loginId: "intruder", displayName: "侵入者", email: "" })).status).toBe(404);
      expect((await ctx.db.query("select 1 from app_user where login_id = 'intruder'")).length).toBe(0);
      expect((await b.post(`${PREF}/municipalities/new`, { _csrf: null, lgCode: "362034", name: "小松島市" })).status).toBe(403);

      const tokyo = browser();
      await signInAtPrefecture(ctx.db, tokyo, tokyoAdmin);
      expect((await tokyo.get(PREF)).status).toBe(404);
      expect((await tokyo.get(`${PREF}/municipalities/${NARUTO}/administrator`)).status).toBe(404);
      await tokyo.get("/prefectures/13/staff");
      expect(visibleText(tokyo.lastHtml)).toContain("千代田区（131016）");
      expect(visibleText(tokyo.lastHtml)).not.toContain("徳島市");
    });

    it("keeps the prefecture's and a municipality's sessions apart, whichever cookie carries them", async () => {
      // The prefecture administrator is nobody in a municipality's staff area, even with the token in the municipal cookie.
      expect((await b.get("/362018/staff")).headers.get("location")).toBe("/362018/staff/sign-in?next=%2F362018%2Fstaff");
      const forged = browser();
      forged.cookies.set("dxp_session", b.cookies.get("dxp_prefecture_session")!);
      expect((await forged.get("/362018/staff")).status).toBe(303);
      // Municipal staff: 403 at the prefecture's pages; not in with their token in the prefecture's cookie, nor with their password.
      const staff = browser();
      await signInAs(ctx.db, staff, tokushimaStaff);
      expect((await staff.get(PREF)).status).toBe(403);
      expect((await staff.get(`${PREF}/municipalities/new`)).status).toBe(403);
      const moved = browser();
      moved.cookies.set("dxp_prefecture_session", staff.sessionToken!);
      expect((await moved.get(PREF)).headers.get("location")).toBe(`${PREF}/sign-in`);
      await staff.get(`${PREF}/sign-in`);
      expect((await staff.post(`${PREF}/sign-in`, { loginId: tokushimaStaff.loginId, password: tokushimaStaff.password })).status).toBe(400);
      // Both sessions live side by side in one browser.
      expect((await b.get(PREF)).status).toBe(200);
    });
  },
  { seed: "tokushima" },
);
