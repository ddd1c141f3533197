import { expect, it } from "vitest";
import { importPlan } from "../../src/modules/plan/commands/import-plan.ts";
import { findCurrentPlan, loadPlan } from "../../src/modules/plan/repository/plan-queries.ts";
import { findMunicipality } from "../../src/modules/tenancy/repository/municipality-queries.ts";
import { planToFile } from "../../src/modules/plan/revisions/domain/plan-to-file.ts";
import { listPublished } from "../../src/modules/plan/revisions/repository/revision-queries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { tokushimaPlan } from "../support/fixtures.ts";

async function tableCounts(ctx: { db: { query: (sql: string) => Promise<Record<string, unknown>[]> } }) {
  const tables = ["municipality", "plan", "initiative", "kpi", "kpi_target", "schedule_row", "glossary_term", "division", "plan_revision", "audit_log"];
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = Number((await ctx.db.query(`select count(*) as n from ${t}`))[0]!.n);
  return counts;
}

describeEachDatabase("importPlan", (ctx) => {
  it("loads the whole Tokushima plan", async () => {
    const result = await importPlan(ctx.db, { lgCode: "362018", municipalityName: "徳島市", plan: tokushimaPlan() });
    expect(result).toMatchObject({ ok: true, status: "created" });
    const m = await findMunicipality(ctx.db, "362018");
    const version = await findCurrentPlan(ctx.db, m!.id);
    const plan = await loadPlan(ctx.db, version!.id);
    expect(plan!.policies).toHaveLength(4);
    expect(plan!.initiatives).toHaveLength(37);
    expect(plan!.initiatives.map((i) => i.number)).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));
  });

  it("records the import as published revision 1, with its audit record", async () => {
    const m = await findMunicipality(ctx.db, "362018");
    const planId = (await findCurrentPlan(ctx.db, m!.id))!.id;
    const revisions = await listPublished(ctx.db, planId);
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({
      number: 1,
      status: "published",
      reason: "計画ファイルの読み込み（dx-2022）",
      publishedBy: { userId: null, label: "システム（計画ファイル）" },
    });
    const audit = await ctx.db.query<{ action: string; entity_id: string }>("select action, entity_id from audit_log");
    expect(audit).toEqual([{ action: "plan.import", entity_id: String(planId) }]);
  });

  it("holds in its tables exactly the content of the file", async () => {
    const m = await findMunicipality(ctx.db, "362018");
    const plan = (await loadPlan(ctx.db, (await findCurrentPlan(ctx.db, m!.id))!.id))!;
    expect(planToFile(plan)).toEqual(tokushimaPlan());
  });

  it("keeps numbers exactly as printed and no value distinct from zero", async () => {
    const m = await findMunicipality(ctx.db, "362018");
    const plan = (await loadPlan(ctx.db, (await findCurrentPlan(ctx.db, m!.id))!.id))!;
    const cashless = plan.initiatives.find((i) => i.number === 14)!.kpis[0]!;
    expect(cashless.baseline).toMatchObject({ fiscalYear: 2020, value: "38.9" });
    expect([...cashless.targets.values()]).toEqual(["37.8", "38.0", "38.2", "38.4"]);
    const sensors = plan.initiatives.find((i) => i.number === 5)!.kpis[0]!;
    expect(sensors.baseline).toBeNull();
    expect(sensors.targets.get(2022)).toBeNull();
    expect(sensors.targets.get(2024)).toBe("5");
    const rpa = plan.initiatives.find((i) => i.number === 26)!.kpis[0]!;
    expect(rpa.baseline!.value).toBe("0");
    const wifi = plan.initiatives.find((i) => i.number === 6)!.kpis[0]!;
    expect(wifi.baseline).toMatchObject({ fiscalYear: 2020, value: null });
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await tableCounts(ctx);
    const [{ updated_at: stamp }] = (await ctx.db.query("select updated_at from plan")) as [{ updated_at: Date }];
    const again = await importPlan(ctx.db, { lgCode: "362018", municipalityName: "徳島市", plan: tokushimaPlan() });
    expect(again).toMatchObject({ ok: true, status: "unchanged" });
    expect(await tableCounts(ctx)).toEqual(before);
    const [{ updated_at: after }] = (await ctx.db.query("select updated_at from plan")) as [{ updated_at: Date }];
    expect(new Date(after).getTime()).toBe(new Date(stamp).getTime());
  });

  it("replaces the content and bumps the version when the file changed", async () => {
    const changed = tokushimaPlan();
    changed.initiatives[0]!.kpis[0]!.targets["2025"] = "210";
    const result = await importPlan(ctx.db, { lgCode: "362018", plan: changed });
    expect(result).toMatchObject({ ok: true, status: "updated" });
    const m = await findMunicipality(ctx.db, "362018");
    const plan = (await loadPlan(ctx.db, (await findCurrentPlan(ctx.db, m!.id))!.id))!;
    expect(plan.initiatives[0]!.kpis[0]!.targets.get(2025)).toBe("210");
    expect(plan.initiatives).toHaveLength(37);
  });

  it("keeps initiative and KPI ids when a re-import changes a target, and records revision 3", async () => {
    const idsOf = async () =>
      ctx.db.query<{ initiative_id: number; number: number; kpi_id: number | null; code: string | null; label: string | null }>(
        `select i.id as initiative_id, i.number, k.id as kpi_id, k.code, k.label
           from initiative i left join kpi k on k.initiative_id = i.id order by i.number, k.position`,
      );
    const before = await idsOf();
    const changed = tokushimaPlan();
    changed.initiatives[0]!.kpis[0]!.targets["2025"] = "210";
    changed.initiatives[13]!.kpis[0]!.targets["2024"] = "40.0";
    const result = await importPlan(ctx.db, { lgCode: "362018", plan: changed });
    expect(result).toMatchObject({ ok: true, status: "updated", revisionNumber: 3 });
    expect(await idsOf()).toEqual(before);
    const m = await findMunicipality(ctx.db, "362018");
    const plan = (await loadPlan(ctx.db, (await findCurrentPlan(ctx.db, m!.id))!.id))!;
    expect(plan.initiatives[13]!.kpis[0]!.targets.get(2024)).toBe("40.0");
    expect(planToFile(plan)).toEqual(changed);
    const revisions = await listPublished(ctx.db, plan.id);
    expect(revisions.map((r) => [r.number, r.reason])).toEqual([
      [1, "計画ファイルの読み込み（dx-2022）"],
      [2, "計画ファイルの再読み込み"],
      [3, "計画ファイルの再読み込み"],
    ]);
  });

  it("synchronises removed, added and reordered rows in place", async () => {
    const m = await findMunicipality(ctx.db, "362018");
    const planId = (await findCurrentPlan(ctx.db, m!.id))!.id;
    const kpiIds = async () =>
      new Map(
        (await ctx.db.query<{ id: number; label: string }>(
          "select k.id, k.label from kpi k join initiative i on i.id = k.initiative_id where i.number = 14",
        )).map((r) => [r.label, r.id]),
      );
    const rowIds = async () =>
      new Map(
        (await ctx.db.query<{ id: number; label: string }>(
          "select r.id, r.label from schedule_row r join initiative i on i.id = r.initiative_id where i.number = 14",
        )).map((r) => [r.label, r.id]),
      );
    const [kpisBefore, rowsBefore] = [await kpiIds(), await rowIds()];
    const changed = tokushimaPlan();
    const item = changed.initiatives[13]!;
    item.kpis.reverse();
    item.schedule.reverse();
    const droppedRow = item.schedule.pop()!;
    item.schedule.push({ label: "(4) 新しい取組", phases: { "2022": null, "2023": null, "2024": "study", "2025": "implement" }, assumed: false });
    item.content.push("(4) 新しい取組を行う。");
    changed.initiatives.pop();
    changed.nationalPriorityItems.forEach((x) => (x.initiatives = x.initiatives.filter((n) => n !== 37)));
    changed.dataUtilizationMeasures.forEach((x) => (x.initiatives = x.initiatives.filter((n) => n !== 37)));
    changed.glossary.reverse();
    const result = await importPlan(ctx.db, { lgCode: "362018", plan: changed });
    expect(result).toMatchObject({ ok: true, status: "updated" });

    expect(await kpiIds()).toEqual(kpisBefore);
    const rowsAfter = await rowIds();
    for (const [label, id] of rowsBefore) {
      if (label === droppedRow.label) expect(rowsAfter.has(label)).toBe(false);
      else expect(rowsAfter.get(label)).toBe(id);
    }
    const plan = (await loadPlan(ctx.db, planId))!;
    expect(plan.initiatives).toHaveLength(36);
    expect(planToFile(plan)).toEqual(changed);

    // And back: the file as shipped, again exactly.
    await importPlan(ctx.db, { lgCode: "362018", plan: tokushimaPlan() });
    expect(planToFile((await loadPlan(ctx.db, planId))!)).toEqual(tokushimaPlan());
    expect(await kpiIds()).toEqual(kpisBefore);
  });

  it("refuses an invalid municipality code and a missing name, changing nothing", async () => {
    const before = await tableCounts(ctx);
    const bad = await importPlan(ctx.db, { lgCode: "362017", municipalityName: "徳島市", plan: tokushimaPlan() });
    expect(bad).toMatchObject({ ok: false });
    expect((bad as { message: string }).message).toContain("全国地方公共団体コード");
    const noName = await importPlan(ctx.db, { lgCode: "362026", plan: tokushimaPlan() });
    expect((noName as { message: string }).message).toContain("--name");
    expect(await tableCounts(ctx)).toEqual(before);
  });

  it("rolls back the whole import when a write fails midway", async () => {
    const before = await tableCounts(ctx);
    const broken = tokushimaPlan();
    broken.code = "dx-broken";
    // A KPI direction the database refuses: the failure happens after many rows were written.
    (broken.initiatives[36]!.kpis[0] as { direction: string }).direction = "sideways";
    await expect(importPlan(ctx.db, { lgCode: "362018", plan: broken })).rejects.toThrow();
    expect(await tableCounts(ctx)).toEqual(before);
  });
});
