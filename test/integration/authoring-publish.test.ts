/**
 * The secretariat revises the plan in the browser: edits initiative 12's
 * target for 令和6年度 from 160 to 170, previews the difference, publishes it
 * with a reason, and citizens see 170件 and the reason. Through HTTP with
 * real sign-ins, on both databases.
 */
import { beforeAll, expect, it } from "vitest";
import { findDraft } from "../../src/modules/plan/revisions/repository/revision-queries.ts";
import { createStaff, signInAs, type TestStaff } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { loadTokushima } from "../support/fixtures.ts";
import { errorLinks, formFields } from "../support/form-fields.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";

const PLAN = "/362018/staff/plan";
const REASON = "令和5年度の実績を踏まえ、児童手当の電子申請の目標を引き上げました";
const TARGET = "kpis.0.targets.2024";

describeEachDatabase("plan authoring: edit, preview and publish", (ctx) => {
  let app: ReturnType<typeof testApp>;
  let planId: number;
  let secretariat: TestStaff;
  let colleague: TestStaff;
  let draftUrl = "";

  beforeAll(async () => {
    planId = await loadTokushima(ctx.db);
    app = testApp(ctx.db);
    secretariat = await createStaff(ctx.db, { lgCode: "362018", roles: ["secretariat"], totp: true, name: "徳島 花子" });
    colleague = await createStaff(ctx.db, { lgCode: "362018", roles: ["secretariat"], totp: true, name: "阿波 次郎" });
  });

  const signedIn = async (staff: TestStaff) => {
    const b = new TestBrowser(app);
    await signInAs(ctx.db, b, staff);
    return b;
  };
  const draftContent = async () => (await findDraft(ctx.db, planId))!;
  const text = async (b: TestBrowser, path: string) => {
    const res = await b.get(path);
    expect(res.status, path).toBe(200);
    return visibleText(b.lastHtml);
  };

  it("shows the plan, its revisions and the draft buttons on the overview, linked from the staff home", async () => {
    const b = await signedIn(secretariat);
    await b.get("/362018/staff");
    expect(b.lastHtml).toContain(`href="${PLAN}"`);
    expect(b.lastHtml).toContain("計画の編集");
    const page = await text(b, PLAN);
    expect(page).toContain("徳島市デジタル・トランスフォーメーション（DX）推進計画");
    expect(page).toContain("令和4年度（2022年度）〜令和7年度（2025年度）");
    expect(page).toContain("下書きありません");
    expect(page).toContain("下書きを作成");
    expect(page).toContain("次期計画を作成");
    expect(b.lastHtml).toContain('href="/362018/changes/1"');
  });

  it("starts a draft, and the overview then offers to continue or discard it", async () => {
    const b = await signedIn(secretariat);
    await b.get(PLAN);
    const res = await b.post(`${PLAN}/${planId}/drafts`);
    expect(res.status).toBe(303);
    draftUrl = res.headers.get("location")!.split("?")[0]!;
    expect(draftUrl).toMatch(/^\/362018\/staff\/plan\/drafts\/\d+$/);
    expect(await text(b, res.headers.get("location")!)).toContain("下書きを作成しました");
    const overview = await text(b, PLAN);
    expect(overview).toContain("第2版の下書きを編集中（徳島 花子");
    expect(overview).toContain("下書きを編集");
    expect(overview).toContain("下書きを破棄");
    // A second start leads to the same draft instead of a second one.
    const again = await b.post(`${PLAN}/${planId}/drafts`);
    expect(again.headers.get("location")).toBe(`${draftUrl}?notice=draft_exists`);
  });

  it("refuses a target with a unit (170件): 400, the message at the field, the typed value kept, nothing saved", async () => {
    const b = await signedIn(secretariat);
    const before = await draftContent();
    await b.get(`${draftUrl}/initiatives/12`);
    const fields = formFields(b.lastHtml, `${draftUrl}/initiatives/12`);
    expect(fields[TARGET]).toBe("160");
    const res = await b.post(`${draftUrl}/initiatives/12`, { ...fields, [TARGET]: "170件" });
    expect(res.status).toBe(400);
    const message = "数値は半角数字と小数点だけで書いてください（桁区切りや単位は付けません）";
    expect(errorLinks(b.lastHtml)).toEqual({ "f-kpis-0-targets-2024": message });
    expect(b.lastHtml).toContain("<title>エラー: 取組項目12");
    // The field carries its message, tied to it for screen readers, and still shows what was typed.
    const input = /<input[^>]*id="f-kpis-0-targets-2024"[^>]*>/.exec(b.lastHtml)![0];
    expect(input).toContain('aria-invalid="true"');
    expect(input).toMatch(/aria-describedby="[^"]*\bf-kpis-0-targets-2024-error"/);
    expect(input).toContain('value="170件"');
    expect(b.lastHtml).toContain(`id="f-kpis-0-targets-2024-error"`);
    const after = await draftContent();
    expect(after.lockVersion).toBe(before.lockVersion);
    expect(after.content.initiatives.find((i) => i.number === 12)!.kpis[0]!.targets["2024"]).toBe("160");
  });

  it("keeps everything typed when a colleague saved the draft meanwhile (409), and saves on the second try", async () => {
    const mine = await signedIn(secretariat);
    const theirs = await signedIn(colleague);
    await mine.get(`${draftUrl}/initiatives/12`);
    const myForm = formFields(mine.lastHtml, `${draftUrl}/initiatives/12`);
    await theirs.get(`${draftUrl}/initiatives/12`);
    const theirForm = formFields(theirs.lastHtml, `${draftUrl}/initiatives/12`);
    const saved = await theirs.post(`${draftUrl}/initiatives/12`, { ...theirForm, "kpis.1.targets.2025": "55" });
    expect(saved.status).toBe(303);

    const typedTitle = "行政手続のオンライン化（見直し案）";
    const res = await mine.post(`${draftUrl}/initiatives/12`, { ...myForm, title: typedTitle, [TARGET]: "１７０" });
    expect(res.status).toBe(409);
    const page = visibleText(mine.lastHtml);
    expect(page).toContain("ほかの人がこの下書きを保存しました");
    expect(page).toContain("あなたの入力は消えずに下のフォームに残っています");
    // What saving now would change against the colleague's version: their 55 back to 50, and my edits.
    expect(page).toContain("令和7年度（2025年度）の目標値変更55件50件");
    expect(page).toContain("令和6年度（2024年度）の目標値変更160件170件");
    const shown = formFields(mine.lastHtml, `${draftUrl}/initiatives/12`);
    expect(shown.title).toBe(typedTitle);
    expect(shown[TARGET]).toBe("１７０");
    expect(shown.lockVersion).toBe(String((await draftContent()).lockVersion));
    expect((await draftContent()).content.initiatives.find((i) => i.number === 12)!.title).toBe("行政手続のオンライン化");

    // Deliberately keep the colleague's 55 and drop my title change, then save again.
    const again = await mine.post(`${draftUrl}/initiatives/12`, { ...shown, title: "行政手続のオンライン化", "kpis.1.targets.2025": "55" });
    expect(again.status).toBe(303);
    const item = (await draftContent()).content.initiatives.find((i) => i.number === 12)!;
    expect(item.kpis[0]!.targets["2024"]).toBe("170"); // 全角 digits normalised
    expect(item.kpis[1]!.targets["2025"]).toBe("55");
  });

  it("previews the draft against the published revision: 160 → 170", async () => {
    const b = await signedIn(secretariat);
    const page = await text(b, `${draftUrl}/preview`);
    expect(page).toContain("第2版の下書きと公開中の第1版の違いです（2件");
    expect(page).toContain("数値目標「電子申請による受付件数(児童手当)」令和6年度（2024年度）の目標値変更160件170件");
    expect(page).toContain("数値目標「電子申請による受付件数(介護関係)」令和7年度（2025年度）の目標値変更50件55件");
    // Citizens still see the published plan.
    expect(visibleText(await (await app.request("/362018/initiatives/12")).text())).not.toContain("170件");
  });

  it("requires a reason to publish (400), then publishes: the portal shows 170件 and the reason", async () => {
    const b = await signedIn(secretariat);
    await b.get(`${draftUrl}/preview`);
    const refused = await b.post(`${draftUrl}/publish`, { reason: "   " });
    expect(refused.status).toBe(400);
    expect(errorLinks(b.lastHtml)).toEqual({ reason: "公開する理由（変更の理由）を入力してください" });
    expect((await draftContent()).status).toBe("draft");

    const res = await b.post(`${draftUrl}/publish`, { reason: REASON });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${PLAN}?notice=published&number=2&shown=1`);
    expect(await text(b, res.headers.get("location")!)).toContain("第2版を公開しました。市民向けのページと変更履歴に反映されています。");
    expect(await findDraft(ctx.db, planId)).toBeUndefined();

    const initiative = visibleText(await (await app.request("/362018/initiatives/12")).text());
    expect(initiative).toContain("170件");
    const changes = visibleText(await (await app.request("/362018/changes")).text());
    expect(changes).toContain(REASON);
    // Published by the secretariat, never by a named person (issue #6 §6).
    expect(changes).toContain("事務局");
    expect(changes).not.toContain("徳島 花子");
    const revision = visibleText(await (await app.request("/362018/changes/2")).text());
    expect(revision).toContain("160件");
    expect(revision).toContain("170件");
  });

  it("records each change in the audit log, attributed to the person", async () => {
    const rows = await ctx.db.query<{ action: string; actor_user_id: number | null }>(
      "select action, actor_user_id from audit_log where entity_type = 'plan_revision' order by id",
    );
    expect(rows.map((r) => r.action)).toEqual([
      "plan_revision.start_draft",
      "plan_revision.save_draft",
      "plan_revision.save_draft",
      "plan_revision.publish",
    ]);
    expect(rows.map((r) => r.actor_user_id)).toEqual([secretariat.id, colleague.id, secretariat.id, secretariat.id]);
  });

  it("leads a page of a published draft back to the overview", async () => {
    const b = await signedIn(secretariat);
    const res = await b.get(`${draftUrl}/initiatives/12`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${PLAN}?notice=draft_closed`);
  });
}, { seed: "tokushima" });
