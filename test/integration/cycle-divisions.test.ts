/**
 * Who answers for a report when the plan names collectives: the secretariat
 * resolves 「関係各課」 to divisions (which may then contribute), and designates
 * the lead where the plan lists a collective first.
 */
import { beforeAll, expect, it } from "vitest";
import { importPlan } from "../../src/modules/plan/commands/import-plan.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { tokushimaPlan } from "../support/fixtures.ts";
import { visibleText } from "../support/html.ts";
import { auditOf, cycleId, divisionId, LEAD, LG, openCycleAs, person, reportRow, STAFF, type Person } from "./cycle-support.ts";

describeEachDatabase("PDCA cycle: collectives and the lead division", (ctx) => {
  let secretariat: Person;
  let housing: Person;
  let general: Person;
  let cycle = 0;
  let page = "";

  beforeAll(async () => {
    // Initiative 2 as if the plan listed 「関係各課」 first: デジタル推進課 and 住宅課 follow.
    const plan = tokushimaPlan();
    const two = plan.initiatives.find((i) => i.number === 2)!;
    two.divisions = [{ kind: "related_divisions" }, ...two.divisions.filter((d) => d.kind === "division")];
    const imported = await importPlan(ctx.db, { lgCode: LG, municipalityName: "徳島市", plan });
    if (!imported.ok) throw new Error(imported.message);
    secretariat = await person(ctx.db, ["secretariat"]);
    housing = await person(ctx.db, ["digital_officer"], { division: "住宅課" });
    general = await person(ctx.db, ["digital_officer"], { division: "総務課" });
    await openCycleAs(secretariat, 2022);
    cycle = await cycleId(ctx.db, LG, 2022);
    page = `${STAFF}/cycles/${cycle}/initiatives/2`;
  });

  it("stores the first listed division as the default lead", async () => {
    const [row] = await ctx.db.query<{ name: string }>(
      `select d.name from initiative_report r join division d on d.id = r.lead_division_id join initiative i on i.id = r.initiative_id
        where r.cycle_id = $1 and i.number = 2`,
      [cycle],
    );
    expect(row!.name).toBe("デジタル推進課");
  });

  it("lets a division contribute only once the secretariat has made it one of 関係各課", async () => {
    expect((await general.browser.get(page)).status).toBe(403);
    await secretariat.browser.get(`${STAFF}/collectives`);
    expect(visibleText(secretariat.browser.lastHtml)).toMatch(/2 GIS（地理情報システム）の効率的運用\s*関係各課: 未設定/);
    await secretariat.browser.get(`${STAFF}/collectives/2`);
    const generalId = await divisionId(ctx.db, LG, "総務課");
    const saved = await secretariat.browser.post(`${STAFF}/collectives/2`, { related_divisions: String(generalId) });
    expect(saved.status).toBe(303);
    expect((await general.browser.get(page)).status).toBe(200);
    expect(visibleText(general.browser.lastHtml)).toContain("担当課（関係課を含む）総務課、デジタル推進課、住宅課");
    expect((await general.browser.post(`${page}/contribution`, { body: "総務課の取組", version: "" })).status).toBe(303);
    const [audit] = await ctx.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'initiative.collective_members'");
    expect(audit!.n).toBe(1);
    const refused = await secretariat.browser.post(`${STAFF}/collectives/2`, { related_divisions: "999999" });
    expect(refused.status).toBe(400);
  });

  it("lets the secretariat designate another responsible division as lead; that division then writes the report", async () => {
    await secretariat.browser.get(page);
    expect(visibleText(secretariat.browser.lastHtml)).toContain("主担当課の指定（事務局）");
    const housingId = await divisionId(ctx.db, LG, "住宅課");
    const outsider = await secretariat.browser.post(`${page}/lead`, { divisionId: String(await divisionId(ctx.db, LG, LEAD)) });
    expect(outsider.status).toBe(400);
    expect(secretariat.browser.lastHtml).toContain('<a href="#lead-division">主担当課を一覧から選んでください</a>');
    const res = await secretariat.browser.post(`${page}/lead`, { divisionId: String(housingId) });
    expect(res.status).toBe(303);
    await housing.browser.get(page);
    expect(housing.browser.lastHtml).toContain(`action="${page}/save"`);
    const row = await reportRow(ctx.db, cycle, 2);
    expect(await auditOf(ctx.db, row.id)).toContain("report.designate_lead");
    await housing.browser.get(page);
    expect(visibleText(housing.browser.lastHtml)).toMatch(/主担当課の指定.*主担当課を住宅課に指定/);
  });

  it("offers no designation where the plan lists a division first", async () => {
    const other = `${STAFF}/cycles/${cycle}/initiatives/6`;
    await secretariat.browser.get(other);
    expect(visibleText(secretariat.browser.lastHtml)).not.toContain("主担当課の指定（事務局）");
    expect((await secretariat.browser.post(`${other}/lead`, { divisionId: "1" })).status).toBe(400);
    await housing.browser.get(`${STAFF}`);
    expect((await housing.browser.post(`${other}/lead`, { divisionId: "1" })).status).toBe(403);
  });
});
