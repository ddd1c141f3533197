/**
 * The history of one initiative for staff: the published revision that
 * changed item 12's 2024 target (old and new values, who, when, why), the
 * first version, and the audit records of the initiative and its KPIs.
 */
import { expect, it } from "vitest";
import { recordAudit } from "../../src/core/audit/audit.ts";
import { userActor } from "../../src/modules/accounts/commands/actor.ts";
import { findCurrentPlan } from "../../src/modules/plan/repository/plan-queries.ts";
import { findMunicipality } from "../../src/modules/tenancy/repository/municipality-queries.ts";
import { publishDraft } from "../../src/modules/plan/revisions/commands/publish-draft.ts";
import { saveDraft } from "../../src/modules/plan/revisions/commands/save-draft.ts";
import { startDraft } from "../../src/modules/plan/revisions/commands/start-draft.ts";
import type { Actor } from "../../src/modules/plan/revisions/revision.ts";
import { createMunicipality, createStaff, signInAs } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { loadTokushima } from "../support/fixtures.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";

const REASON = "令和5年度の実績を踏まえ、児童手当の電子申請の目標を引き上げます";
const HISTORY = "/362018/staff/initiatives/12/history";

describeEachDatabase("initiative history", (ctx) => {
  let app: ReturnType<typeof testApp>;
  let browser: TestBrowser;

  const ok = <T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> => {
    if (!result.ok) throw new Error(JSON.stringify(result));
    return result as Extract<T, { ok: true }>;
  };

  it("shows the published revision that changed item 12's 2024 target, with old and new values", async () => {
    await loadTokushima(ctx.db);
    const municipality = (await findMunicipality(ctx.db, "362018"))!;
    const planId = (await findCurrentPlan(ctx.db, municipality.id))!.id;
    app = testApp(ctx.db);

    const secretariat = await createStaff(ctx.db, { lgCode: "362018", roles: ["secretariat"], totp: true, name: "事務局 花子", loginId: "jimukyoku.hanako" });
    const actor: Actor = { ...userActor({ id: secretariat.id, displayName: "事務局 花子", loginId: secretariat.loginId }), ip: "192.0.2.10" };
    const draft = ok(await startDraft(ctx.db, planId, actor)).draft;
    const content = structuredClone(draft.content);
    const item12 = content.initiatives.find((i) => i.number === 12)!;
    expect(item12.kpis[0]!.targets["2024"]).toBe("160");
    item12.kpis[0]!.targets["2024"] = "180";
    content.initiatives.find((i) => i.number === 13)!.title = "マイナンバーカードの普及及び利活用の促進";
    ok(await saveDraft(ctx.db, draft.id, content, draft.lockVersion, actor));
    ok(await publishDraft(ctx.db, draft.id, REASON, actor));

    // Records of item 12 itself and of one of its KPIs; one of item 13 that must not show.
    const [row12] = await ctx.db.query<{ id: number; kpi_id: number }>(
      `select i.id, k.id as kpi_id from initiative i join kpi k on k.initiative_id = i.id
        where i.plan_id = $1 and i.number = 12 order by k.position limit 1`,
      [planId],
    );
    const [row13] = await ctx.db.query<{ id: number }>("select id from initiative where plan_id = $1 and number = 13", [planId]);
    const [d1, d2] = await ctx.db.query<{ id: number; name: string }>("select id, name from division where municipality_id = $1 order by id limit 2", [municipality.id]);
    await ctx.db.transaction(async (tx) => {
      const base = { municipalityId: municipality.id, actor, ip: actor.ip };
      await recordAudit(tx, { ...base, action: "initiative.collective_members", entityType: "initiative", entityId: row12!.id, before: { kind: "all_bureaus", divisionIds: [d1!.id] }, after: { kind: "all_bureaus", divisionIds: [d1!.id, d2!.id] } });
      await recordAudit(tx, { ...base, action: "test.kpi_note", entityType: "kpi", entityId: row12!.kpi_id, before: { note: null }, after: { note: "<b>注記</b>" } });
      await recordAudit(tx, { ...base, action: "initiative.collective_members", entityType: "initiative", entityId: row13!.id, after: { kind: "related_divisions", divisionIds: [99] } });
    });

    const viewer = await createStaff(ctx.db, { lgCode: "362018", roles: ["viewer"] });
    browser = new TestBrowser(app);
    await signInAs(ctx.db, browser, viewer);
    const res = await browser.get(HISTORY);
    expect(res.status).toBe(200);
    const html = await res.text();
    const text = visibleText(html);
    expect(text).toContain("取組項目12 行政手続のオンライン化の履歴");

    // The revision: who, when, why, and the target before and after.
    expect(text).toContain("第2版の公開");
    expect(text).toContain(`理由${REASON}`);
    expect(text).toContain("実施者事務局 花子（jimukyoku.hanako）");
    expect(text).toContain("数値目標「電子申請による受付件数(児童手当)」令和6年度（2024年度）の目標値160件180件");
    expect(text).not.toContain("マイナンバーカードの普及及び利活用の促進");
    // The first version, from the plan file.
    expect(text).toContain("第1版（最初の版）に掲載");
    expect(text).toContain("計画ファイルの読み込み");

    // The audit records of the initiative and its KPI, labelled, escaped; not item 13's.
    expect(text).toContain("取組項目の担当課（全部局等）の構成の変更");
    // In words, as on the audit log page: the divisions by name, null as （なし）, an unknown action by its code.
    expect(text).toContain(`取組項目12構成する課${d1!.name}${d1!.name}、${d2!.name}`);
    expect(text).toContain("操作（test.kpi_note）");
    expect(text).toContain("数値目標「電子申請による受付件数(児童手当)」注記（なし）<b>注記</b>");
    expect(html).not.toContain("<b>注記</b>");
    expect(text).not.toContain("課（番号 99）");

    // Newest first: the audit records, then the revision, then the first version.
    expect(text.indexOf("test.kpi_note")).toBeLessThan(text.indexOf("第2版の公開"));
    expect(text.indexOf("第2版の公開")).toBeLessThan(text.indexOf("第1版（最初の版）に掲載"));
    expect(html).toMatch(/<time datetime="[^"]+\+09:00">/);
  });

  it("shows an initiative no revision changed with its first version only", async () => {
    const res = await browser.get("/362018/staff/initiatives/1/history");
    expect(res.status).toBe(200);
    const text = visibleText(await res.text());
    expect(text).toContain("第1版（最初の版）に掲載");
    expect(text).not.toContain("第2版の公開");
  });

  it("includes the events of the initiative's yearly reports, with the comment of a return", async () => {
    const municipality = (await findMunicipality(ctx.db, "362018"))!;
    const planId = (await findCurrentPlan(ctx.db, municipality.id))!.id;
    const [cycle] = await ctx.db.query<{ id: number }>(
      `insert into evaluation_cycle (municipality_id, plan_id, fiscal_year, opened_by_label, report_due, review_due, committee_due)
       values ($1, $2, 2023, '事務局 花子', date '2024-05-31', date '2024-06-30', date '2024-07-31') returning id`,
      [municipality.id, planId],
    );
    const [report] = await ctx.db.query<{ id: number }>(
      `insert into initiative_report (cycle_id, initiative_id, state, lead_division_id)
       select $1, i.id, 'returned', d.division_id from initiative i
         join initiative_division d on d.initiative_id = i.id and d.position = 0
        where i.plan_id = $2 and i.number = 12 returning id`,
      [cycle!.id, planId],
    );
    await ctx.db.query(
      `insert into report_event (report_id, action, from_state, to_state, comment, actor_label)
       values ($1, 'return', 'submitted', 'returned', '実績値の出典を記入してください', '事務局 花子')`,
      [report!.id],
    );
    const text = visibleText(await (await browser.get(HISTORY)).text());
    expect(text).toContain("令和5年度の報告: 差戻し");
    expect(text).toContain("実績値の出典を記入してください");
    expect(text).toContain("提出済み");
  });

  it("answers 404 for an initiative not in the plan and for another municipality, and asks to sign in", async () => {
    expect((await browser.get("/362018/staff/initiatives/999/history")).status).toBe(404);
    await createMunicipality(ctx.db, "131016", "千代田区");
    const stranger = await createStaff(ctx.db, { lgCode: "131016", roles: ["viewer"] });
    const foreign = new TestBrowser(app);
    await signInAs(ctx.db, foreign, stranger);
    expect((await foreign.get(HISTORY)).status).toBe(404);
    // A municipality without a plan has no initiatives.
    expect((await foreign.get("/131016/staff/initiatives/12/history")).status).toBe(404);
    const anonymous = await new TestBrowser(app).get(HISTORY);
    expect(anonymous.status).toBe(303);
  });
}, { seed: "tokushima" });
