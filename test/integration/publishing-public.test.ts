/**
 * What the public sees, and what it does not (issue #6 §6): no transcription
 * notes on public pages, only a neutral 「確認中」 marker until the
 * secretariat confirms the reading (then it goes, cached pages included);
 * no staff login ids or names on any public page, even in demo mode; the
 * change history starts with the plan's adoption.
 */
import { beforeAll, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../src/modules/demo/demo-accounts.ts";
import { DATASETS } from "../../src/modules/opendata/datasets.ts";
import { loadDemo } from "../../src/modules/demo/load-demo.ts";
import { publishDraft } from "../../src/modules/plan/revisions/commands/publish-draft.ts";
import { saveDraft } from "../../src/modules/plan/revisions/commands/save-draft.ts";
import { startDraft } from "../../src/modules/plan/revisions/commands/start-draft.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";
import { LG, loadPlans, person, STAFF, type Person } from "./cycle-support.ts";

/** Fragments of the plan file's transcription notes (plan-data/362018-dx-2022.yaml). */
const NOTE_FRAGMENTS = ["印字されていないため", "と解釈", "誤記と判断", "抽出したテキスト", "印字どおり転記", "取組内容から対応付け", "予防課と判断"];

/** The initiative page's 取組計画 section (the 図表2 mapping below it has its own marker). */
const scheduleOf = (html: string) => visibleText(/<table class="schedule">[\s\S]*?<\/table>/.exec(html)![0]);

const PUBLIC_PAGES = ["", "/initiatives", "/initiatives/1", "/initiatives/4", "/initiatives/12", "/initiatives/14", "/initiatives/35", "/coverage", "/divisions", "/glossary", "/changes"];

describeEachDatabase("public pages: no internal notes, no staff names, readings confirmed", (ctx) => {
  let secretariat: Person;
  let publicSite: TestBrowser;
  const page = async (path: string) => {
    const res = await publicSite.get(`/${LG}${path}`);
    expect(res.status, path).toBe(200);
    return publicSite.lastHtml;
  };

  beforeAll(async () => {
    await loadPlans(ctx.db);
    secretariat = await person(ctx.db, ["secretariat"], { division: "デジタル推進課" });
    publicSite = new TestBrowser(testApp(ctx.db));
  });

  it("public pages show no transcription note, only the neutral marker", async () => {
    for (const path of PUBLIC_PAGES) {
      const text = visibleText(await page(path));
      for (const fragment of NOTE_FRAGMENTS) expect(text, `${path}: ${fragment}`).not.toContain(fragment);
      expect(text, path).not.toContain("読み取り");
    }
    expect(scheduleOf(await page("/initiatives/4"))).toContain("確認中");
    expect(visibleText(await page("/coverage"))).toContain("確認中");
  });

  it("open data (every dataset as CSV and JSON, the JSON API) carries no transcription note either", async () => {
    const app = testApp(ctx.db);
    const paths = [
      ...DATASETS.flatMap((d) => [`/${LG}/open-data/${d.id}.csv`, `/${LG}/open-data/${d.id}.json`]),
      `/api/v1/${LG}/plan`,
      `/api/v1/${LG}/initiatives`,
      `/api/v1/${LG}/initiatives/12`,
    ];
    for (const path of paths) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      const body = await res.text();
      for (const fragment of NOTE_FRAGMENTS) expect(body, `${path}: ${fragment}`).not.toContain(fragment);
    }
  });

  it("the secretariat sees every reading with its note; other roles are refused", async () => {
    expect((await secretariat.browser.get(`${STAFF}/readings`)).status).toBe(200);
    const text = visibleText(secretariat.browser.lastHtml);
    expect(text).toContain("確認待ち 81件、確認済み 0件（全81件）");
    expect(text).toContain("段階の文字が印字されていないため、4年間実施と解釈");
    expect(text).toContain("取組内容から対応付け");
    const officer = await person(ctx.db, ["digital_officer"], { division: "危機管理課" });
    expect((await officer.browser.get(`${STAFF}/readings`)).status).toBe(403);
    expect((await officer.browser.post(`${STAFF}/readings/confirm`, { key: "schedule:4:x" })).status).toBe(403);
  });

  it("confirming a reading (one, then all of an initiative) removes the public marker at once; unknown keys are refused", async () => {
    await page("/initiatives/4"); // cached
    await page("/initiatives/1");
    await secretariat.browser.get(`${STAFF}/readings`);
    const html = secretariat.browser.lastHtml;
    const key4 = /name="key" value="(schedule:4:[^"]+)"/.exec(html)![1]!.replace(/&amp;/g, "&");
    const bad = await secretariat.browser.post(`${STAFF}/readings/confirm`, { key: "schedule:4:存在しない行" });
    expect(bad.status).toBe(400);
    expect((await ctx.db.query("select 1 from reading_confirmation")).length).toBe(0);

    await secretariat.browser.get(`${STAFF}/readings`);
    const res = await secretariat.browser.post(`${STAFF}/readings/confirm`, { key: key4 });
    expect(res.status).toBe(303);
    expect(scheduleOf(await page("/initiatives/4"))).not.toContain("確認中");
    expect(scheduleOf(await page("/initiatives/1"))).toContain("確認中");

    await secretariat.browser.get(`${STAFF}/readings`);
    const keys1 = [...secretariat.browser.lastHtml.matchAll(/name="key" value="(schedule:1:[^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
    expect(new Set(keys1).size).toBe(3);
    expect(visibleText(secretariat.browser.lastHtml)).toContain("取組項目1の読み取りをすべて確認した（3件）");
    await secretariat.browser.post(`${STAFF}/readings/confirm`, { key: [...new Set(keys1)] });
    expect(scheduleOf(await page("/initiatives/1"))).not.toContain("確認中");
    expect(scheduleOf(await page("/initiatives/2"))).toContain("確認中");
    expect(visibleText(await page("/coverage"))).toContain("確認中"); // the 図表2 readings are not confirmed yet
    await secretariat.browser.get(`${STAFF}/readings`);
    expect(visibleText(secretariat.browser.lastHtml)).toContain("確認待ち 77件、確認済み 4件（全81件）");
    const [audit] = await ctx.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'plan_reading.confirm'");
    expect(audit!.n).toBe(2);
  });

  it("in demo mode no public page shows a staff login id or name; the history starts with the adoption", async () => {
    const loaded = await loadDemo(ctx.db, { lgCode: LG });
    expect(loaded.ok).toBe(true);
    // The demo secretariat revises the plan: the change history names the division only.
    const [user] = await ctx.db.query<{ id: number; display_name: string; login_id: string }>(
      "select u.id, u.display_name, u.login_id from app_user u where u.login_id = 'demo-secretariat'",
    );
    const actor = { userId: user!.id, label: `${user!.display_name}（${user!.login_id}）` };
    const [plan] = await ctx.db.query<{ id: number }>("select p.id from plan p join municipality m on m.id = p.municipality_id where m.lg_code = $1 and p.is_current", [LG]);
    const draft = await startDraft(ctx.db, plan!.id, actor);
    if (!draft.ok) throw new Error(draft.message);
    const content = structuredClone(draft.draft.content);
    content.goal = `${content.goal}。`;
    const saved = await saveDraft(ctx.db, draft.draft.id, content, draft.draft.lockVersion, actor);
    if (!saved.ok) throw new Error(saved.message);
    const published = await publishDraft(ctx.db, draft.draft.id, "目標の句点を追加", actor);
    if (!published.ok) throw new Error(published.message);

    const forbidden = DEMO_ACCOUNTS.flatMap((a) => [a.loginId, a.displayName]);
    const paths = [...PUBLIC_PAGES, "/changes/1", "/changes/2", "/changes/compare?from=1&to=2", "/results", "/results/2022", "/results/2023"];
    for (let n = 1; n <= 37; n++) paths.push(`/initiatives/${n}`);
    for (const path of paths) {
      const text = visibleText(await page(path));
      for (const word of forbidden) expect(text, `${path}: ${word}`).not.toContain(word);
    }
    const history = visibleText(await page("/changes"));
    expect(history).toContain("デジタル推進課");
    expect(history).toContain("令和4年3月（2022年3月）（策定）");
    expect(history).toContain("徳島市DX推進計画"); // the site, and the adoption row names the municipality
    expect(history).toMatch(/第1版[^第]*令和4年3月（2022年3月）（策定）[^第]*計画の策定/);
  });
});
