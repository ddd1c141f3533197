/**
 * Who may author the plan: the secretariat and administrators of the
 * municipality. A digital officer gets 403 on every authoring route, a user
 * of another municipality 404 (nothing about this one is revealed), a form
 * without the session's CSRF token 403 — and none of them changes anything.
 */
import { beforeAll, expect, it } from "vitest";
import { startDraft } from "../../src/modules/plan/revisions/commands/start-draft.ts";
import { createMunicipality, createStaff, signInAs, type TestStaff } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { loadTokushima } from "../support/fixtures.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";

const PLAN = "/362018/staff/plan";

describeEachDatabase("plan authoring: access", (ctx) => {
  let app: ReturnType<typeof testApp>;
  let planId: number;
  let draftId: number;
  let secretariat: TestStaff;
  let administrator: TestStaff;
  let officer: TestStaff;
  let foreigner: TestStaff;

  beforeAll(async () => {
    planId = await loadTokushima(ctx.db);
    await createMunicipality(ctx.db, "131016", "千代田区");
    app = testApp(ctx.db);
    secretariat = await createStaff(ctx.db, { lgCode: "362018", roles: ["secretariat"], totp: true });
    administrator = await createStaff(ctx.db, { lgCode: "362018", roles: ["administrator"], totp: true });
    officer = await createStaff(ctx.db, { lgCode: "362018", roles: ["digital_officer", "division_head"] });
    foreigner = await createStaff(ctx.db, { lgCode: "131016", roles: ["secretariat", "administrator"], totp: true });
    const started = await startDraft(ctx.db, planId, { userId: secretariat.id, label: "事務局" });
    if (!started.ok) throw new Error(started.message);
    draftId = started.draft.id;
  });

  const draft = () => `${PLAN}/drafts/${draftId}`;
  const pages = () => [
    PLAN,
    `${PLAN}/next`,
    draft(),
    `${draft()}/discard`,
    `${draft()}/preview`,
    `${draft()}/outline`,
    `${draft()}/policies`,
    `${draft()}/glossary`,
    `${draft()}/initiatives`,
    `${draft()}/initiatives/new`,
    `${draft()}/initiatives/12`,
    `${draft()}/initiatives/12/remove`,
  ];
  // Each with a body that would change something if it were accepted.
  const forms = (): { path: string; fields: Record<string, string> }[] => [
    { path: `${PLAN}/${planId}/drafts`, fields: {} },
    { path: `${PLAN}/next`, fields: { code: "dx-2026", title: "次期計画", startFiscalYear: "2026", endFiscalYear: "2029" } },
    { path: `${draft()}/discard`, fields: {} },
    { path: `${draft()}/publish`, fields: { reason: "理由" } },
    { path: `${draft()}/outline`, fields: { lockVersion: "1", title: "乗っ取られた計画", goal: "目標", "period.startFiscalYear": "2022", "period.endFiscalYear": "2025" } },
    { path: `${draft()}/policies`, fields: { lockVersion: "1", "policies.0.title": "乗っ取り" } },
    { path: `${draft()}/glossary`, fields: { lockVersion: "1" } },
    { path: `${draft()}/initiatives/new`, fields: { lockVersion: "1", number: "99", title: "新規" } },
    { path: `${draft()}/initiatives/12`, fields: { lockVersion: "1", title: "乗っ取り" } },
    { path: `${draft()}/initiatives/12/remove`, fields: { lockVersion: "1" } },
  ];

  const snapshot = async () => ({
    audit: (await ctx.db.query<{ n: number }>("select count(*) as n from audit_log where action like 'plan%'"))[0]!.n,
    revisions: await ctx.db.query("select id, status, lock_version from plan_revision order by id"),
    plans: await ctx.db.query("select id, code, is_current, updated_at from plan order by id"),
  });

  it("lets the secretariat and administrators see every page", async () => {
    for (const staff of [secretariat, administrator]) {
      const b = new TestBrowser(app);
      await signInAs(ctx.db, b, staff);
      for (const path of pages()) expect((await b.get(path)).status, path).toBe(200);
    }
  });

  it("answers 403 to a digital officer on every page and form, changing nothing, and shows no link to it", async () => {
    const b = new TestBrowser(app);
    await signInAs(ctx.db, b, officer);
    await b.get("/362018/staff");
    expect(b.lastHtml).not.toContain(`href="${PLAN}"`);
    expect(b.lastHtml).not.toContain("計画の編集");
    const token = b.csrfToken()!;
    const before = await snapshot();
    for (const path of pages()) {
      expect((await b.get(path)).status, path).toBe(403);
      expect(visibleText(b.lastHtml)).toContain("このページを利用する権限がありません");
    }
    for (const { path, fields } of forms()) expect((await b.post(path, { ...fields, _csrf: token })).status, path).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("answers 404 to a user of another municipality, on every page and form", async () => {
    const b = new TestBrowser(app);
    await signInAs(ctx.db, b, foreigner);
    expect((await b.get("/131016/staff/plan")).status).toBe(200); // their own municipality's overview
    const token = b.csrfToken()!;
    const before = await snapshot();
    for (const path of pages()) expect((await b.get(path)).status, path).toBe(404);
    for (const { path, fields } of forms()) expect((await b.post(path, { ...fields, _csrf: token })).status, path).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it("does not find this municipality's draft under another municipality's address", async () => {
    const b = new TestBrowser(app);
    await signInAs(ctx.db, b, foreigner);
    await b.get("/131016/staff/plan");
    const token = b.csrfToken()!;
    expect((await b.get(`/131016/staff/plan/drafts/${draftId}`)).status).toBe(404);
    expect((await b.get(`/131016/staff/plan/drafts/${draftId}/initiatives/12`)).status).toBe(404);
    expect((await b.post(`/131016/staff/plan/${planId}/drafts`, { _csrf: token })).status).toBe(404);
    expect((await b.post(`/131016/staff/plan/drafts/${draftId}/discard`, { _csrf: token })).status).toBe(404);
  });

  it("refuses every form without the session's CSRF token (403), changing nothing", async () => {
    const b = new TestBrowser(app);
    await signInAs(ctx.db, b, secretariat);
    const before = await snapshot();
    for (const { path, fields } of forms()) {
      for (const token of [null, "wrong-token"]) expect((await b.post(path, { ...fields, _csrf: token })).status, `${path} ${token}`).toBe(403);
    }
    expect(visibleText(b.lastHtml)).toContain("この操作を受け付けられませんでした");
    expect(await snapshot()).toEqual(before);
  });

  it("sends a visitor without a session to the sign-in page", async () => {
    const res = await app.request(`${draft()}/initiatives/12`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/362018/staff/sign-in?next=${encodeURIComponent(`${draft()}/initiatives/12`)}`);
  });
}, { seed: "tokushima" });
