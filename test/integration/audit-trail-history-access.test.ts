/**
 * The initiative history follows the report page's rule (cycle/policy.ts):
 * the return comment, the committee's comment and the CIO's reason of an
 * unpublished report reach exactly the people who may open that report, and
 * a published report the user may not read shows only that it was published.
 * Item 11 is answered by デジタル推進課 (lead) and 広報広聴課 (co-responsible).
 */
import { beforeAll, expect, it } from "vitest";
import { requiresTwoFactor, type Role } from "../../src/modules/tenancy/roles.ts";
import { findCurrentPlan } from "../../src/modules/plan/repository/plan-queries.ts";
import { findMunicipality } from "../../src/modules/tenancy/repository/municipality-queries.ts";
import { createStaff, signInAs } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { loadTokushima } from "../support/fixtures.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";

const HISTORY = "/362018/staff/initiatives/11/history";
const RETURN_COMMENT = "【非公開】実績値の出典を記入してください";
const COMMITTEE_COMMENT = "【非公開】委員会として目標の見直しを求めます";
const CIO_REASON = "【非公開】CIOの判断により評価をBとします";
const OLD_RETURN_COMMENT = "【非公開】令和4年度の差戻し理由";

describeEachDatabase("initiative history: who reads which report's events", (ctx) => {
  let app: ReturnType<typeof testApp>;
  let reportPage: string;
  const divisionIds = new Map<string, number>();

  beforeAll(async () => {
    await loadTokushima(ctx.db);
    const municipality = (await findMunicipality(ctx.db, "362018"))!;
    const planId = (await findCurrentPlan(ctx.db, municipality.id))!.id;
    app = testApp(ctx.db);
    for (const d of await ctx.db.query<{ id: number; name: string }>("select id, name from division where municipality_id = $1", [municipality.id])) {
      divisionIds.set(d.name, d.id);
    }
    const cycle = async (fiscalYear: number) =>
      (
        await ctx.db.query<{ id: number }>(
          `insert into evaluation_cycle (municipality_id, plan_id, fiscal_year, opened_by_label, report_due, review_due, committee_due)
           values ($1, $2, $3, '事務局', date '2024-05-31', date '2024-06-30', date '2024-07-31') returning id`,
          [municipality.id, planId, fiscalYear],
        )
      )[0]!.id;
    const report = async (cycleId: number, state: string) =>
      (
        await ctx.db.query<{ id: number }>(
          `insert into initiative_report (cycle_id, initiative_id, state, lead_division_id)
           select $1, i.id, $3, $4 from initiative i where i.plan_id = $2 and i.number = 11 returning id`,
          [cycleId, planId, state, divisionIds.get("デジタル推進課")],
        )
      )[0]!.id;
    const event = (reportId: number, action: string, from: string | null, to: string | null, comment: string | null) =>
      ctx.db.query(
        "insert into report_event (report_id, action, from_state, to_state, comment, actor_label) values ($1, $2, $3, $4, $5, '事務局')",
        [reportId, action, from, to, comment],
      );

    // FY2023: under review, with a return, a committee comment and a CIO grade change.
    const current = await cycle(2023);
    const open = await report(current, "in_review");
    await event(open, "return", "submitted", "returned", RETURN_COMMENT);
    await event(open, "comment", "in_review", "in_review", COMMITTEE_COMMENT);
    await event(open, "change_grade", null, null, CIO_REASON);
    reportPage = `/362018/staff/cycles/${current}/initiatives/11`;

    // FY2022: published, after a return.
    const done = await report(await cycle(2022), "published");
    await event(done, "return", "submitted", "returned", OLD_RETURN_COMMENT);
    await event(done, "publish", "finalised", "published", null);
  });

  const as = async (roles: Role[], division?: string) => {
    const staff = await createStaff(ctx.db, {
      lgCode: "362018",
      roles,
      totp: requiresTwoFactor(roles),
      divisionId: division ? divisionIds.get(division) : undefined,
    });
    const browser = new TestBrowser(app);
    await signInAs(ctx.db, browser, staff);
    return browser;
  };

  const history = async (browser: TestBrowser) => {
    const res = await browser.get(HISTORY);
    expect(res.status).toBe(200);
    return visibleText(await res.text());
  };

  it("hides an unpublished report's comments and reasons from an unrelated division, as the report page does", async () => {
    const officer = await as(["digital_officer"], "危機管理課");
    expect((await officer.get(reportPage)).status).toBe(403);
    const text = await history(officer);
    expect(text).toContain("取組項目11");
    for (const secret of [RETURN_COMMENT, COMMITTEE_COMMENT, CIO_REASON, OLD_RETURN_COMMENT]) expect(text).not.toContain(secret);
    expect(text).not.toContain("令和5年度の報告");
    // The published year: only that it was published.
    expect(text).toContain("令和4年度の報告: 公表");
    expect(text).not.toContain("令和4年度の報告: 差戻し");

    const head = await as(["division_head"], "危機管理課");
    expect(visibleText(await (await head.get(HISTORY)).text())).not.toContain(RETURN_COMMENT);
    // An administrator manages accounts, not reports: refused by the report page, so here too.
    const admin = await as(["administrator"]);
    expect((await admin.get(reportPage)).status).toBe(403);
    const adminText = await history(admin);
    expect(adminText).not.toContain(COMMITTEE_COMMENT);
    expect(adminText).not.toContain(CIO_REASON);
  });

  it("shows them to the lead and co-responsible divisions and to the secretariat, who may open the report", async () => {
    for (const browser of [
      await as(["digital_officer"], "デジタル推進課"),
      await as(["division_head"], "広報広聴課"),
      await as(["secretariat"]),
      await as(["cio"]),
    ]) {
      expect((await browser.get(reportPage)).status).toBe(200);
      const text = await history(browser);
      for (const shown of [RETURN_COMMENT, COMMITTEE_COMMENT, CIO_REASON, OLD_RETURN_COMMENT]) expect(text).toContain(shown);
      expect(text).toContain("令和5年度の報告: 差戻し");
    }
  });
});
