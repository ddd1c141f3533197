/**
 * The draft's other editing pages through HTTP: the plan's own fields, the
 * policies, the glossary, rows added and removed without JavaScript, a new
 * initiative, removing one, and the checks beyond the schema.
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

describeEachDatabase("plan authoring: the parts of a draft", (ctx) => {
  let planId: number;
  let b: TestBrowser;
  let d = "";

  beforeAll(async () => {
    planId = await loadTokushima(ctx.db);
    const secretariat: TestStaff = await createStaff(ctx.db, { lgCode: "362018", roles: ["administrator"], totp: true });
    b = new TestBrowser(testApp(ctx.db));
    await signInAs(ctx.db, b, secretariat);
    await b.get("/362018/staff/plan");
    d = (await b.post(`/362018/staff/plan/${planId}/drafts`)).headers.get("location")!.split("?")[0]!;
  });

  const content = async () => (await findDraft(ctx.db, planId))!.content;
  /** The form of a page, as shown. */
  const open = async (page: string) => {
    expect((await b.get(`${d}/${page}`)).status, page).toBe(200);
    return formFields(b.lastHtml, `${d}/${page}`);
  };

  it("saves the plan's goal and drops an emptied subtitle", async () => {
    const fields = await open("outline");
    expect(fields).toMatchObject({ "period.startFiscalYear": "2022", "period.endFiscalYear": "2025" });
    const res = await b.post(`${d}/outline`, { ...fields, goal: "誰一人取り残さないデジタル社会", subtitle: "" });
    expect(res.headers.get("location")).toBe(`${d}/outline?notice=saved`);
    const plan = await content();
    expect(plan.goal).toBe("誰一人取り残さないデジタル社会");
    expect(plan.subtitle).toBeUndefined();
  });

  it("adds an outcome row without saving, keeps what was typed, and shows the schema's message on the empty row", async () => {
    const fields = await open("policies");
    const added = await b.post(`${d}/policies`, { ...fields, "policies.0.title": "地域課題の解決（改）", _action: "add:policies.0.outcomes:0" });
    expect(added.status).toBe(200);
    const shown = formFields(b.lastHtml, `${d}/policies`);
    expect(shown["policies.0.title"]).toBe("地域課題の解決（改）");
    expect(shown["policies.0.outcomes.4.statement"]).toBe("");
    expect((await content()).policies[0]!.title).toBe("地域課題の解決と新たな価値の創造");

    const refused = await b.post(`${d}/policies`, shown);
    expect(refused.status).toBe(400);
    expect(errorLinks(b.lastHtml)).toEqual({
      "f-policies-0-outcomes-4-statement": "空にはできません",
      "f-policies-0-outcomes-4-description": "空にはできません",
    });
    const saved = await b.post(`${d}/policies`, {
      ...shown,
      "policies.0.outcomes.4.statement": "市民はデータを使って地域の課題を話し合えます。",
      "policies.0.outcomes.4.description": "オープンデータの活用を広げます。",
    });
    expect(saved.status).toBe(303);
    const policy = (await content()).policies[0]!;
    expect(policy.title).toBe("地域課題の解決（改）");
    expect(policy.outcomes).toHaveLength(5);
  });

  it("refuses a duplicate glossary term with the schema's message, and removes a term", async () => {
    const fields = await open("glossary");
    expect(fields["glossary.0.term"]).toBe("AI");
    const count = (await content()).glossary.length;
    const refused = await b.post(`${d}/glossary`, { ...fields, "glossary.1.term": "AI" });
    expect(refused.status).toBe(400);
    expect(errorLinks(b.lastHtml)).toEqual({ "f-glossary": "用語「AI」が重複しています" });
    const removed = await b.post(`${d}/glossary`, { ...fields, _action: "remove:glossary:1" });
    expect(removed.status).toBe(200);
    const saved = await b.post(`${d}/glossary`, formFields(b.lastHtml, `${d}/glossary`));
    expect(saved.status).toBe(303);
    expect((await content()).glossary).toHaveLength(count - 1);
  });

  it("adds, moves and removes rows of an initiative without saving", async () => {
    const fields = await open("initiatives/13");
    expect(fields["divisions.0.name"]).toBe("住民課");
    await b.post(`${d}/initiatives/13`, { ...fields, _action: "up:divisions:1" });
    let shown = formFields(b.lastHtml, `${d}/initiatives/13`);
    expect([shown["divisions.0.name"], shown["divisions.1.name"]]).toEqual(["デジタル推進課", "住民課"]);
    await b.post(`${d}/initiatives/13`, { ...shown, _action: "add:kpis:0" });
    shown = formFields(b.lastHtml, `${d}/initiatives/13`);
    const kpis = Object.keys(shown).filter((k) => /^kpis\.\d+\.label$/.test(k));
    expect(shown[kpis.at(-1)!]).toBe("");
    expect(visibleText(b.lastHtml)).toContain(`数値目標${kpis.length}`);
    await b.post(`${d}/initiatives/13`, { ...shown, _action: `remove:kpis:${kpis.length - 1}` });
    shown = formFields(b.lastHtml, `${d}/initiatives/13`);
    expect(Object.keys(shown).filter((k) => /^kpis\.\d+\.label$/.test(k))).toHaveLength(kpis.length - 1);
    expect((await content()).initiatives.find((i) => i.number === 13)!.divisions[0]).toEqual({ kind: "division", name: "住民課" });
  });

  it("refuses a division that is not in the organisation registry", async () => {
    const fields = await open("initiatives/13");
    const res = await b.post(`${d}/initiatives/13`, { ...fields, "divisions.0.name": "存在しない課" });
    expect(res.status).toBe(400);
    expect(errorLinks(b.lastHtml)).toEqual({
      "f-divisions-0-name": "「存在しない課」は組織に登録されていない課です。一覧から選ぶか、先に組織管理で課を登録してください",
    });
  });

  it("saves a blank target as no target (never 0) and shows it as such in the preview", async () => {
    const fields = await open("initiatives/12");
    const res = await b.post(`${d}/initiatives/12`, { ...fields, "kpis.0.targets.2023": "" });
    expect(res.status).toBe(303);
    expect((await content()).initiatives.find((i) => i.number === 12)!.kpis[0]!.targets["2023"]).toBeNull();
    const preview = visibleText((await b.get(`${d}/preview`), b.lastHtml));
    expect(preview).toContain("令和5年度（2023年度）の目標値変更110件—（目標なし）");
  });

  it("adds a new initiative with a free number, refusing a number that is taken", async () => {
    await b.get(`${d}/initiatives/new`);
    const fields = formFields(b.lastHtml, `${d}/initiatives/new`);
    const next = Math.max(...(await content()).initiatives.map((i) => i.number)) + 1;
    expect(fields.number).toBe(String(next));
    const filled = {
      ...fields,
      policy: "2",
      title: "生成AIの業務活用",
      "divisions.0.kind": "division",
      "divisions.0.name": "デジタル推進課",
      content: "生成AIを業務で安全に使うための指針を定める。\n\n職員研修を行う。",
      goals: "文書作成の時間を減らす。",
    };
    const taken = await b.post(`${d}/initiatives/new`, { ...filled, number: "12" });
    expect(taken.status).toBe(400);
    expect(errorLinks(b.lastHtml)).toEqual({ "f-number": "取組項目 12 はすでにあります。別の番号を入力してください" });
    const res = await b.post(`${d}/initiatives/new`, filled);
    expect(res.headers.get("location")).toBe(`${d}/initiatives/${next}?notice=added`);
    const item = (await content()).initiatives.at(-1)!;
    expect(item).toMatchObject({ number: next, policy: 2, title: "生成AIの業務活用", isNew: true, schedule: [], kpis: [] });
    expect(item.content).toEqual(["生成AIを業務で安全に使うための指針を定める。", "職員研修を行う。"]);
  });

  it("removes an initiative after confirming, together with its places in the 図表2 and 図表5 mappings", async () => {
    const before = await content();
    const mapped = before.nationalPriorityItems.filter((m) => m.initiatives.includes(12));
    expect(mapped.length).toBeGreaterThan(0);
    await b.get(`${d}/initiatives/12/remove`);
    expect(visibleText(b.lastHtml)).toContain(`国の自治体DX推進計画との対応（図表2） ${mapped[0]!.code}`);
    const res = await b.post(`${d}/initiatives/12/remove`, formFields(b.lastHtml, `${d}/initiatives/12/remove`));
    expect(res.headers.get("location")).toBe(`${d}/initiatives?removed=12`);
    const after = await content();
    expect(after.initiatives.some((i) => i.number === 12)).toBe(false);
    expect(after.nationalPriorityItems.some((m) => m.initiatives.includes(12))).toBe(false);
    expect(after.dataUtilizationMeasures.some((m) => m.initiatives.includes(12))).toBe(false);
    const preview = visibleText((await b.get(`${d}/preview`), b.lastHtml));
    expect(preview).toContain("取組項目12「行政手続のオンライン化」全体を削除削除");
  });

  it("moves the plan period: targets kept for shared years, new years empty", async () => {
    const fields = await open("outline");
    const res = await b.post(`${d}/outline`, { ...fields, "period.endFiscalYear": "令和8年度" });
    expect(res.status).toBe(303);
    const plan = await content();
    expect(plan.period).toEqual({ startFiscalYear: 2022, endFiscalYear: 2026 });
    const kpi = plan.initiatives.find((i) => i.number === 1)!.kpis[0]!;
    expect(Object.keys(kpi.targets)).toEqual(["2022", "2023", "2024", "2025", "2026"]);
    expect(kpi.targets["2025"]).toBe("205");
    expect(kpi.targets["2026"]).toBeNull();
    const refused = await b.post(`${d}/outline`, { ...formFields((await b.get(`${d}/outline`), b.lastHtml), `${d}/outline`), "period.endFiscalYear": "2020" });
    expect(refused.status).toBe(400);
    expect(errorLinks(b.lastHtml)).toEqual({ "f-period-endFiscalYear": "終了年度が開始年度より前です" });
  });
}, { seed: "tokushima" });
