/**
 * The next plan (令和8年度〜令和11年度): created in the browser as a copy of the
 * current plan, hidden from citizens while it is a draft, given a target,
 * and published with makeCurrent — the public top page then shows its period.
 */
import { beforeAll, expect, it } from "vitest";
import { createStaff, signInAs, type TestStaff } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { loadTokushima } from "../support/fixtures.ts";
import { errorLinks, formFields } from "../support/form-fields.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";

const PLAN = "/362018/staff/plan";
const NEW_PERIOD = "令和8年度（2026年度）〜令和11年度（2029年度）";
const NEXT = { code: "dx-2026", title: "徳島市DX推進計画（第2期）", startFiscalYear: "2026", endFiscalYear: "2029" };

describeEachDatabase("plan authoring: the next plan", (ctx) => {
  let app: ReturnType<typeof testApp>;
  let secretariat: TestStaff;
  let draftUrl = "";

  beforeAll(async () => {
    await loadTokushima(ctx.db);
    app = testApp(ctx.db);
    secretariat = await createStaff(ctx.db, { lgCode: "362018", roles: ["secretariat"], totp: true });
  });

  const browser = async () => {
    const b = new TestBrowser(app);
    await signInAs(ctx.db, b, secretariat);
    return b;
  };
  const publicTop = async () => visibleText(await (await app.request("/362018")).text());

  it("offers the years after the current plan, in 和暦 with 西暦", async () => {
    const b = await browser();
    expect((await b.get(`${PLAN}/next`)).status).toBe(200);
    const fields = formFields(b.lastHtml, `${PLAN}/next`);
    expect(fields).toMatchObject({ code: "dx-2026", startFiscalYear: "2026", endFiscalYear: "2029" });
    expect(b.lastHtml).toContain('<option value="2026" selected="">令和8年度（2026年度）</option>');
    expect(b.lastHtml).toContain('<option value="2029" selected="">令和11年度（2029年度）</option>');
  });

  it("refuses an end before the start and a code that is taken, keeping what was typed", async () => {
    const b = await browser();
    await b.get(`${PLAN}/next`);
    let res = await b.post(`${PLAN}/next`, { ...NEXT, endFiscalYear: "2025" });
    expect(res.status).toBe(400);
    expect(errorLinks(b.lastHtml)).toEqual({ "end-fiscal-year": "終了年度は開始年度と同じか、それより後にしてください" });
    expect(formFields(b.lastHtml, `${PLAN}/next`).title).toBe(NEXT.title);
    res = await b.post(`${PLAN}/next`, { ...NEXT, code: "dx-2022" });
    expect(res.status).toBe(400);
    expect(errorLinks(b.lastHtml).code).toContain("計画コード「dx-2022」の計画はすでにあります");
    res = await b.post(`${PLAN}/next`, { ...NEXT, title: " " });
    expect(errorLinks(b.lastHtml)).toEqual({ title: "計画の名称を入力してください" });
    expect((await ctx.db.query("select id from plan")).length).toBe(1);
  });

  it("creates the next plan as a draft that citizens do not see", async () => {
    const b = await browser();
    await b.get(`${PLAN}/next`);
    const res = await b.post(`${PLAN}/next`, NEXT);
    expect(res.status).toBe(303);
    draftUrl = res.headers.get("location")!.split("?")[0]!;
    const page = visibleText((await b.get(res.headers.get("location")!), b.lastHtml));
    expect(page).toContain("次期計画の下書きを作成しました");
    expect(page).toContain(`${NEXT.title}（${NEW_PERIOD}）`);
    const overview = visibleText((await b.get(PLAN), b.lastHtml));
    expect(overview).toContain("次期計画（市民向けには非公開）");
    expect(overview).toContain("まだ公開されていません");
    expect(await publicTop()).toContain("令和4年度（2022年度）〜令和7年度（2025年度）");
  });

  it("has the new years on the initiative form, all blank, and saves a target for 令和8年度", async () => {
    const b = await browser();
    await b.get(`${draftUrl}/initiatives/12`);
    const fields = formFields(b.lastHtml, `${draftUrl}/initiatives/12`);
    expect(Object.keys(fields).filter((k) => k.startsWith("kpis.0.targets."))).toEqual(
      ["2026", "2027", "2028", "2029"].map((y) => `kpis.0.targets.${y}`),
    );
    expect(fields["kpis.0.targets.2026"]).toBe("");
    expect(b.lastHtml).toContain("令和8年度（2026年度）の目標値");
    const res = await b.post(`${draftUrl}/initiatives/12`, { ...fields, "kpis.0.targets.2026": "2,400", "kpis.0.baseline.fiscalYear": "令和6年度", "kpis.0.baseline.value": "180" });
    expect(res.status).toBe(303);
  });

  it("previews the next plan against the current one and publishes it with makeCurrent: the top page shows the new period", async () => {
    const b = await browser();
    const preview = visibleText((await b.get(`${draftUrl}/preview`), b.lastHtml));
    expect(preview).toContain("現在の計画「徳島市デジタル・トランスフォーメーション（DX）推進計画」（公開中の第1版）");
    expect(preview).toContain(`計画期間変更令和4年度（2022年度）〜令和7年度（2025年度）${NEW_PERIOD}`);
    expect(b.lastHtml).toContain('name="makeCurrent"');
    const res = await b.post(`${draftUrl}/publish`, { reason: "第2期計画（令和8年度〜令和11年度）を策定しました", makeCurrent: "on" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${PLAN}?notice=published&number=1&shown=1`);

    const top = await publicTop();
    expect(top).toContain(NEW_PERIOD);
    expect(top).toContain(NEXT.title);
    const initiative = visibleText(await (await app.request("/362018/initiatives/12")).text());
    expect(initiative).toContain("2,400件");
    expect(initiative).toContain("180件");
    const changes = visibleText(await (await app.request("/362018/changes")).text());
    expect(changes).toContain("第2期計画（令和8年度〜令和11年度）を策定しました");
    const audit = await ctx.db.query<{ action: string }>("select action from audit_log where action like 'plan%' order by id");
    expect(audit.map((a) => a.action)).toEqual(["plan.import", "plan.create_next", "plan_revision.save_draft", "plan_revision.publish"]);
  });

  it("discards a next plan's unpublished draft together with the plan", async () => {
    const b = await browser();
    await b.get(`${PLAN}/next`);
    const created = await b.post(`${PLAN}/next`, { code: "dx-2030", title: "第3期", startFiscalYear: "2030", endFiscalYear: "2033" });
    expect(created.status).toBe(303);
    const url = created.headers.get("location")!.split("?")[0]!;
    expect(visibleText((await b.get(`${url}/discard`), b.lastHtml))).toContain("計画「dx-2030」も削除されます");
    const res = await b.post(`${url}/discard`);
    expect(res.headers.get("location")).toBe(`${PLAN}?notice=discarded&planDeleted=1`);
    expect(visibleText((await b.get(res.headers.get("location")!), b.lastHtml))).toContain("公開前だった次期計画も削除しました");
    expect(await ctx.db.query("select id from plan where code = 'dx-2030'")).toEqual([]);
  });
}, { seed: "tokushima" });
