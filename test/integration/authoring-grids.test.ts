/**
 * The initiative editor's grids (issue #7 §4): the schedule as rows × fiscal
 * years of phase choices and the KPI targets as KPIs × fiscal years, each cell
 * labelled with its row and year; a valid save keeps numbers as the plan
 * schema wants them ("2,000" → 2000, "38.0" stays, blank is no value, never
 * 0) and is audited; invalid cells are all reported at once, in Japanese,
 * and nothing is saved.
 */
import { beforeAll, expect, it } from "vitest";
import { findDraft } from "../../src/modules/plan/revisions/repository/revision-queries.ts";
import { createStaff, signInAs } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { loadTokushima } from "../support/fixtures.ts";
import { errorLinks, formFields } from "../support/form-fields.ts";
import { TestBrowser } from "../support/session.ts";

describeEachDatabase("plan authoring: the schedule and KPI grids", (ctx) => {
  let planId: number;
  let b: TestBrowser;
  let page = "";

  beforeAll(async () => {
    planId = await loadTokushima(ctx.db);
    const secretariat = await createStaff(ctx.db, { lgCode: "362018", roles: ["secretariat"], totp: true });
    b = new TestBrowser(testApp(ctx.db));
    await signInAs(ctx.db, b, secretariat);
    await b.get("/362018/staff/plan");
    const draft = (await b.post(`/362018/staff/plan/${planId}/drafts`)).headers.get("location")!.split("?")[0]!;
    page = `${draft}/initiatives/12`;
  });

  const item12 = async () => (await findDraft(ctx.db, planId))!.content.initiatives.find((i) => i.number === 12)!;
  const saves = async () =>
    (await ctx.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'plan_revision.save_draft'"))[0]!.n;
  const labelOf = (html: string, id: string) => new RegExp(`<label class="visually-hidden" for="${id}">([^<]*)</label>`).exec(html)?.[1];

  it("shows the schedule and the KPI targets as grids with year headers and a label on every cell", async () => {
    expect((await b.get(page)).status).toBe(200);
    const html = b.lastHtml;
    const item = await item12();
    expect(html).toContain("<caption>取組計画：行ごとの年度別の段階</caption>");
    expect(html).toContain("<caption>数値目標と年度ごとの目標値</caption>");
    expect(html).toMatch(/<div class="table-wrap" role="region" aria-label="取組計画の表（横にスクロールできます）" tabindex="0">/);
    expect(html).toMatch(/<th scope="col">令和4年度<span class="grid-year">（2022年度）<\/span><\/th>/);
    expect(labelOf(html, "f-schedule-0-phases-2022")).toBe(`取組計画1 ${item.schedule[0]!.label} 令和4年度（2022年度）の段階`);
    expect(labelOf(html, "f-kpis-0-targets-2024")).toBe(`数値目標1 ${item.kpis[0]!.label} 令和6年度（2024年度）の目標値`);
    // The row's name is the row header; the target cells take decimals.
    expect(html).toMatch(/<th scope="row">(?:(?!<\/th>)[\s\S])*id="f-kpis-0-label"/);
    expect(/<input[^>]*id="f-kpis-0-targets-2024"[^>]*>/.exec(html)![0]).toContain('inputmode="decimal"');
    const phases = /<select[^>]*id="f-schedule-0-phases-2022"[^>]*>([\s\S]*?)<\/select>/.exec(html)![1]!;
    expect([...phases.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])).toEqual(["", "study", "implement", "expand"]);
  });

  it("saves phases and targets from the grids, numbers as the schema keeps them, and audits the save", async () => {
    await b.get(page);
    const before = await saves();
    const res = await b.post(page, {
      ...formFields(b.lastHtml, page),
      "schedule.0.phases.2022": "expand",
      "schedule.0.phases.2023": "",
      "kpis.0.targets.2025": "2,000",
      "kpis.0.targets.2023": "",
      "kpis.1.targets.2025": "38.0",
    });
    expect(res.status).toBe(303);
    const item = await item12();
    expect(item.schedule[0]!.phases).toMatchObject({ "2022": "expand", "2023": null });
    expect(item.kpis[0]!.targets).toMatchObject({ "2023": null, "2025": "2000" });
    expect(item.kpis[1]!.targets["2025"]).toBe("38.0");
    expect(await saves()).toBe(before + 1);
    await b.get(page);
    expect(formFields(b.lastHtml, page)).toMatchObject({ "kpis.0.targets.2025": "2000", "kpis.0.targets.2023": "", "schedule.0.phases.2023": "" });
  });

  it("refuses bad cells all at once with Japanese messages at each cell (400), keeping what was typed and saving nothing", async () => {
    await b.get(page);
    const before = { item: await item12(), saves: await saves() };
    const res = await b.post(page, {
      ...formFields(b.lastHtml, page),
      "kpis.0.targets.2024": "170件",
      "kpis.1.targets.2022": "abc",
      "schedule.1.label": "",
      "schedule.0.phases.2024": "bogus",
    });
    expect(res.status).toBe(400);
    const links = errorLinks(b.lastHtml);
    expect(Object.keys(links).sort()).toEqual(["f-kpis-0-targets-2024", "f-kpis-1-targets-2022", "f-schedule-0-phases-2024", "f-schedule-1-label"]);
    for (const message of Object.values(links)) expect(message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    expect(links["f-kpis-0-targets-2024"]).toBe("数値は半角数字と小数点だけで書いてください（桁区切りや単位は付けません）");
    // Each cell carries its message and the typed value.
    const input = /<input[^>]*id="f-kpis-0-targets-2024"[^>]*>/.exec(b.lastHtml)![0];
    expect(input).toContain('value="170件"');
    expect(input).toContain('aria-invalid="true"');
    expect(input).toMatch(/aria-describedby="[^"]*f-kpis-0-targets-2024-error"/);
    expect(b.lastHtml).toContain('id="f-kpis-0-targets-2024-error"');
    expect(await item12()).toEqual(before.item);
    expect(await saves()).toBe(before.saves);
  });
});
