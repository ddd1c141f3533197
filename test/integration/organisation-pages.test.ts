/**
 * 組織管理 through HTTP: bureaus and divisions of a municipality, divisions
 * assigned to bureaus, staff to divisions, renaming a division that the plan
 * names, refusing to delete it — each change audited. Access like the other
 * staff pages: secretariat and administrators only, per municipality, CSRF.
 */
import { beforeAll, expect, it } from "vitest";
import { startDraft } from "../../src/modules/plan/revisions/commands/start-draft.ts";
import { findDraft } from "../../src/modules/plan/revisions/repository/revision-queries.ts";
import { createMunicipality, createStaff, signInAs, type TestStaff } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { loadTokushima } from "../support/fixtures.ts";
import { errorLinks } from "../support/form-fields.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";

const ORG = "/362018/staff/organisation";

describeEachDatabase("organisation registry", (ctx) => {
  let app: ReturnType<typeof testApp>;
  let planId: number;
  let secretariat: TestStaff;
  let officer: TestStaff;
  let b: TestBrowser;
  let bureauId: number;
  let newDivisionId: number;

  beforeAll(async () => {
    planId = await loadTokushima(ctx.db);
    await createMunicipality(ctx.db, "131016", "千代田区");
    app = testApp(ctx.db);
    secretariat = await createStaff(ctx.db, { lgCode: "362018", roles: ["secretariat"], totp: true });
    officer = await createStaff(ctx.db, { lgCode: "362018", roles: ["digital_officer"], name: "吉野 太郎" });
    b = new TestBrowser(app);
    await signInAs(ctx.db, b, secretariat);
  });

  const divisionId = async (name: string) =>
    (await ctx.db.query<{ id: number }>("select id from division where name = $1", [name]))[0]!.id;
  const audit = async (entityType: string, entityId: number) =>
    (
      await ctx.db.query<{ action: string; actor_user_id: number }>(
        "select action, actor_user_id from audit_log where entity_type = $1 and entity_id = $2 order by id",
        [entityType, String(entityId)],
      )
    ).map((r) => r.action);

  it("lists the divisions the plan import registered, none of them in a bureau yet", async () => {
    const page = visibleText((await b.get(ORG), b.lastHtml));
    expect(page).toContain("部局が未設定の課");
    expect(page).toContain("デジタル推進課0人16件");
  });

  it("creates a bureau, and refuses the same name again with a Japanese message", async () => {
    const res = await b.post(`${ORG}/bureaus`, { name: "総務部" });
    expect(res.headers.get("location")).toBe(`${ORG}?notice=bureau_created`);
    bureauId = (await ctx.db.query<{ id: number }>("select id from bureau where name = '総務部'"))[0]!.id;
    await b.get(ORG);
    const again = await b.post(`${ORG}/bureaus`, { name: " 総務部 " });
    expect(again.status).toBe(400);
    expect(errorLinks(b.lastHtml)).toEqual({ "bureau-name": "部局「総務部」はすでに登録されています。別の名称にしてください" });
    expect(await audit("bureau", bureauId)).toEqual(["bureau.create"]);
  });

  it("creates a division in the bureau, and refuses a name that the municipality already has", async () => {
    await b.get(ORG);
    const taken = await b.post(`${ORG}/divisions`, { name: "デジタル推進課", bureauId: "" });
    expect(taken.status).toBe(400);
    expect(errorLinks(b.lastHtml)).toEqual({ "division-name": "課「デジタル推進課」はすでに登録されています。別の名称にしてください" });
    const res = await b.post(`${ORG}/divisions`, { name: "ＤＸ企画課", bureauId: String(bureauId) });
    expect(res.status).toBe(303);
    newDivisionId = await divisionId("DX企画課"); // NFKC: full-width letters folded
    expect(res.headers.get("location")).toBe(`${ORG}/divisions/${newDivisionId}?notice=created`);
    expect(await audit("division", newDivisionId)).toEqual(["division.create"]);
  });

  it("assigns existing divisions to the bureau", async () => {
    for (const name of ["デジタル推進課", "人事課"]) {
      const id = await divisionId(name);
      await b.get(`${ORG}/divisions/${id}`);
      const res = await b.post(`${ORG}/divisions/${id}/bureau`, { bureauId: String(bureauId) });
      expect(res.headers.get("location")).toBe(`${ORG}/divisions/${id}?notice=bureau_changed`);
      expect(await audit("division", id)).toEqual(["division.set_bureau"]);
    }
    const page = visibleText((await b.get(`${ORG}/bureaus/${bureauId}`), b.lastHtml));
    expect(page).toContain("DX企画課");
    expect(page).toContain("デジタル推進課");
    expect(page).toContain("人事課");
    expect(page).toContain("課がある部局は削除できません");
    const chart = visibleText((await b.get(ORG), b.lastHtml));
    expect(chart).toContain("総務部の課（3課）");
  });

  it("assigns a member of staff to a division, shown on their staff home", async () => {
    const id = await divisionId("デジタル推進課");
    await b.get(`${ORG}/divisions/${id}`);
    const res = await b.post(`${ORG}/divisions/${id}/members`, { userId: String(officer.id) });
    expect(res.headers.get("location")).toBe(`${ORG}/divisions/${id}?notice=member_added`);
    expect(visibleText((await b.get(`${ORG}/divisions/${id}`), b.lastHtml))).toContain("吉野 太郎");
    const [user] = await ctx.db.query<{ division_id: number }>("select division_id from app_user where id = $1", [officer.id]);
    expect(user!.division_id).toBe(id);
    const theirs = new TestBrowser(app);
    await signInAs(ctx.db, theirs, officer);
    expect(visibleText((await theirs.get("/362018/staff"), theirs.lastHtml))).toContain("所属デジタル推進課");
    const [row] = await ctx.db.query<{ action: string; before: unknown; after: unknown }>(
      "select action, before, after from audit_log where entity_type = 'app_user' and entity_id = $1 and action = 'user.division_change'",
      [String(officer.id)],
    );
    expect(row).toMatchObject({ before: { division: null }, after: { division: { id, name: "デジタル推進課" } } });
  });

  it("refuses to delete a division that initiatives name, and deletes one that nothing names", async () => {
    const id = await divisionId("人事課");
    await b.get(`${ORG}/divisions/${id}`);
    expect(visibleText(b.lastHtml)).toContain("取組項目の担当に指定されているため削除できません");
    const refused = await b.post(`${ORG}/divisions/${id}/delete`);
    expect(refused.status).toBe(400);
    expect(errorLinks(b.lastHtml)).toEqual({ delete: "課「人事課」は取組項目の担当に指定されているため削除できません。名称の変更はできます" });
    await b.get(`${ORG}/divisions/${newDivisionId}`);
    const res = await b.post(`${ORG}/divisions/${newDivisionId}/delete`);
    expect(res.headers.get("location")).toBe(`${ORG}?notice=division_deleted`);
    expect(await audit("division", newDivisionId)).toEqual(["division.create", "division.delete"]);
  });

  it("renames a division the plan names: citizens see the new name, the open draft follows, the published revision keeps the old", async () => {
    const started = await startDraft(ctx.db, planId, { userId: secretariat.id, label: "事務局" });
    if (!started.ok) throw new Error(started.message);
    // Prime the portal's cache with the old name.
    expect(visibleText(await (await app.request("/362018/initiatives/12")).text())).toContain("行財政経営課");
    const id = await divisionId("行財政経営課");
    await b.get(`${ORG}/divisions/${id}`);
    const taken = await b.post(`${ORG}/divisions/${id}/rename`, { name: "デジタル推進課" });
    expect(taken.status).toBe(400);
    const res = await b.post(`${ORG}/divisions/${id}/rename`, { name: "行政経営課" });
    expect(res.headers.get("location")).toBe(`${ORG}/divisions/${id}?notice=renamed`);

    const page = visibleText(await (await app.request("/362018/initiatives/12")).text());
    expect(page).toContain("行政経営課");
    expect(page).not.toContain("行財政経営課");
    const draft = (await findDraft(ctx.db, planId))!;
    expect(draft.lockVersion).toBe(2);
    expect(draft.content.initiatives.find((i) => i.number === 12)!.divisions[0]).toEqual({ kind: "division", name: "行政経営課" });
    const [published] = await ctx.db.query<{ name: string }>(
      "select content #>> '{initiatives,11,divisions,0,name}' as name from plan_revision where plan_id = $1 and status = 'published'",
      [planId],
    );
    expect(published!.name).toBe("行財政経営課");
    const [row] = await ctx.db.query<{ before: unknown; after: unknown }>(
      "select before, after from audit_log where action = 'division.rename' and entity_id = $1",
      [String(id)],
    );
    expect(row).toEqual({ before: { name: "行財政経営課" }, after: { name: "行政経営課", draftsRenamed: [draft.id] } });
  });

  it("renames and deletes a bureau once it has no divisions", async () => {
    await b.get(`${ORG}/bureaus/${bureauId}`);
    expect((await b.post(`${ORG}/bureaus/${bureauId}/rename`, { name: "総務局" })).status).toBe(303);
    const refused = await b.post(`${ORG}/bureaus/${bureauId}/delete`);
    expect(refused.status).toBe(400);
    for (const name of ["デジタル推進課", "人事課"]) {
      await b.post(`${ORG}/divisions/${await divisionId(name)}/bureau`, { bureauId: "" });
    }
    const res = await b.post(`${ORG}/bureaus/${bureauId}/delete`);
    expect(res.headers.get("location")).toBe(`${ORG}?notice=bureau_deleted`);
    expect(await audit("bureau", bureauId)).toEqual(["bureau.create", "bureau.rename", "bureau.delete"]);
  });

  it("answers 403 to a digital officer, 404 to another municipality's user, 403 without the CSRF token", async () => {
    const id = await divisionId("デジタル推進課");
    const pages = [ORG, `${ORG}/divisions/${id}`];
    const forms = [`${ORG}/bureaus`, `${ORG}/divisions`, `${ORG}/divisions/${id}/rename`, `${ORG}/divisions/${id}/bureau`, `${ORG}/divisions/${id}/members`, `${ORG}/divisions/${id}/delete`];
    const count = async () =>
      (
        await ctx.db.query<{ n: number }>(
          "select count(*) as n from audit_log where action like 'bureau.%' or action like 'division.%' or action = 'user.division_change'",
        )
      )[0]!.n;
    const before = await count();

    const officerBrowser = new TestBrowser(app);
    await signInAs(ctx.db, officerBrowser, officer);
    await officerBrowser.get("/362018/staff");
    const token = officerBrowser.csrfToken()!;
    for (const p of pages) expect((await officerBrowser.get(p)).status, p).toBe(403);
    for (const f of forms) expect((await officerBrowser.post(f, { name: "x", userId: String(officer.id), _csrf: token })).status, f).toBe(403);

    const foreigner = await createStaff(ctx.db, { lgCode: "131016", roles: ["administrator"], totp: true });
    const foreign = new TestBrowser(app);
    await signInAs(ctx.db, foreign, foreigner);
    await foreign.get("/131016/staff/organisation");
    const foreignToken = foreign.csrfToken()!;
    for (const p of pages) expect((await foreign.get(p)).status, p).toBe(404);
    for (const f of forms) expect((await foreign.post(f, { name: "x", _csrf: foreignToken })).status, f).toBe(404);
    expect((await foreign.get(`/131016/staff/organisation/divisions/${id}`)).status).toBe(404);

    for (const f of forms) expect((await b.post(f, { name: "x", _csrf: null })).status, f).toBe(403);
    expect(await count()).toBe(before);
  });
}, { seed: "tokushima" });
