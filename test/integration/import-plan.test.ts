import { expect, it } from "vitest";
import { importPlan } from "../../src/modules/plan/commands/import-plan.ts";
import { findCurrentPlan, findMunicipality, loadPlan } from "../../src/modules/plan/repository/plan-queries.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { tokushimaPlan } from "../support/fixtures.ts";

async function tableCounts(ctx: { db: { query: (sql: string) => Promise<Record<string, unknown>[]> } }) {
  const tables = ["municipality", "plan", "initiative", "kpi", "kpi_target", "schedule_row", "glossary_term", "division"];
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
