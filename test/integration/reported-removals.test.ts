/**
 * An initiative or KPI that yearly reports refer to cannot be removed from
 * the plan: publishing or importing such a plan is refused with a message
 * naming it, and nothing changes (never a database error).
 */
import { expect, it } from "vitest";
import { importPlan } from "../../src/modules/plan/commands/import-plan.ts";
import { publishDraft } from "../../src/modules/plan/revisions/commands/publish-draft.ts";
import { saveDraft } from "../../src/modules/plan/revisions/commands/save-draft.ts";
import { startDraft } from "../../src/modules/plan/revisions/commands/start-draft.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { loadTokushima, tokushimaPlan } from "../support/fixtures.ts";

const actor = { userId: null, label: "テスト" };

describeEachDatabase("removing what reports refer to", (ctx) => {
  it("refuses to publish or import a plan without a reported initiative or KPI, changing nothing", async () => {
    const planId = await loadTokushima(ctx.db);
    const [cycle] = await ctx.db.query<{ id: number }>(
      `insert into evaluation_cycle (municipality_id, plan_id, fiscal_year, status, opened_by_label, report_due, review_due, committee_due)
       select municipality_id, id, 2022, 'open', 'テスト', date '2023-05-31', date '2023-06-30', date '2023-07-31' from plan where id = $1
       returning id`,
      [planId],
    );
    const [report] = await ctx.db.query<{ id: number }>(
      `insert into initiative_report (cycle_id, initiative_id, state, lead_division_id)
       select $1, i.id, 'draft', d.division_id from initiative i
         join initiative_division d on d.initiative_id = i.id and d.position = 0
        where i.plan_id = $2 and i.number = 37 returning id`,
      [cycle!.id, planId],
    );
    await ctx.db.query(
      `insert into report_kpi_actual (report_id, kpi_id, actual_value, as_of, source)
       select $1, k.id, 3, date '2023-03-31', 'テスト' from kpi k join initiative i on i.id = k.initiative_id
        where i.plan_id = $2 and i.number = 12 and k.position = 1`,
      [report!.id, planId],
    );
    const before = await ctx.db.query("select count(*) as n from initiative");

    const withoutItem37 = tokushimaPlan();
    withoutItem37.initiatives = withoutItem37.initiatives.filter((i) => i.number !== 37);
    const imported = await importPlan(ctx.db, { lgCode: "362018", plan: withoutItem37 });
    expect(imported.ok).toBe(false);
    if (!imported.ok) expect(imported.message).toContain("取組項目37「デジタル人材の確保・育成」には自己評価の報告がある");

    const draft = await startDraft(ctx.db, planId, actor);
    expect(draft.ok).toBe(true);
    if (!draft.ok) return;
    const withoutKpi = tokushimaPlan();
    withoutKpi.initiatives.find((i) => i.number === 12)!.kpis.shift();
    const saved = await saveDraft(ctx.db, draft.draft.id, withoutKpi, draft.draft.lockVersion, actor);
    expect(saved.ok).toBe(true);
    const published = await publishDraft(ctx.db, draft.draft.id, "数値目標の整理", actor);
    expect(published).toMatchObject({ ok: false, reason: "invalid" });
    if (!published.ok) expect(published.message).toContain("取組項目12の数値目標「電子申請による受付件数(児童手当)」");

    expect(await ctx.db.query("select count(*) as n from initiative")).toEqual(before);
    expect((await ctx.db.query<{ n: number }>("select count(*) as n from report_kpi_actual"))[0]!.n).toBe(1);
  });
}, { seed: "tokushima" });
