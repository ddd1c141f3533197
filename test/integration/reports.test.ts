/**
 * The annual report and the plan document (issue #6 §3) over HTTP, on both
 * databases: the public report page from published data only (grades and
 * KPI figures as stored, missing actuals and comments said in words), the
 * PDF served only from a build of the current content (else 「準備中」 and
 * a queued build, never built in the request), the plan document, and the
 * staff page's roles, CSRF and audit. The PDF itself: reports-pdf.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { groupDigits } from "../../src/core/format/number.ts";
import { findCurrentPlan, loadPlan } from "../../src/modules/plan/repository/plan-queries.ts";
import { findMunicipality, markPublicContentChanged } from "../../src/modules/tenancy/repository/municipality-queries.ts";
import type { Plan } from "../../src/modules/plan/plan.ts";
import { documentDigest } from "../../src/modules/reports/domain/digest.ts";
import { annualReportRef } from "../../src/modules/reports/document-ref.ts";
import { loadDraftReport, loadPublishedReport } from "../../src/modules/reports/load-content.ts";
import { saveBuild } from "../../src/modules/reports/repository/document-builds.ts";
import { findCycleByYear } from "../../src/modules/cycle/repository/cycle-queries.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { TestBrowser } from "../support/session.ts";
import { publishSampleYears } from "../support/published-results.ts";
import { LG, loadPlans, openCycleAs, OTHER_LG, person, type Person } from "./cycle-support.ts";

const FAKE_PDF = new TextEncoder().encode("%PDF-1.4\n% test build\n%%EOF\n");

async function currentPlan(db: Database, lgCode: string): Promise<Plan> {
  const m = await findMunicipality(db, lgCode);
  return (await loadPlan(db, (await findCurrentPlan(db, m!.id))!.id))!;
}

async function jobs(db: Database) {
  return db.query<{ dedupe_key: string; state: string; requested_by_label: string }>("select dedupe_key, state, requested_by_label from job order by id");
}

describeEachDatabase("annual report and plan document", (ctx) => {
  let plan: Plan;
  let secretariat: Person;
  const citizen = () => new TestBrowser(testApp(ctx.db));

  beforeAll(async () => {
    await loadPlans(ctx.db);
    // FY2022 and FY2023 published like the demo's, FY2024 open with its reports in draft.
    await publishSampleYears(ctx.db, LG);
    plan = await currentPlan(ctx.db, LG);
    secretariat = await person(ctx.db, ["secretariat"]);
    expect((await openCycleAs(secretariat, 2024, { reportDue: "2025-05-31", reviewDue: "2025-06-14", committeeDue: "2025-06-28" })).status).toBe(303);
    // Two of them further along, as in a cycle under way.
    await ctx.db.query(
      `update initiative_report set state = 'submitted' where id in (select r.id from initiative_report r
         join evaluation_cycle c on c.id = r.cycle_id where c.plan_id = $1 and c.fiscal_year = 2024 order by r.id limit 2)`,
      [plan.id],
    );
  });

  describe("public report page", () => {
    it("shows every initiative's final grade and KPI figures exactly as stored for a published year", async () => {
      const res = await citizen().get(`/${LG}/results/2022/report`);
      expect(res.status).toBe(200);
      const html = await res.text();
      const rows = await ctx.db.query<{ number: number; title: string; grade: string }>(
        `select i.number, i.title, coalesce(r.cio_grade, r.self_grade) as grade from initiative_report r
           join initiative i on i.id = r.initiative_id join evaluation_cycle c on c.id = r.cycle_id
          where c.plan_id = $1 and c.fiscal_year = 2022 and r.state = 'published' order by i.number`,
        [plan.id],
      );
      expect(rows).toHaveLength(37);
      for (const r of rows) {
        const section = html.slice(html.indexOf(`id="initiative-${r.number}"`));
        expect(section.slice(0, 400), `initiative ${r.number}`).toContain(`<span class="grade">${r.grade}`);
      }
      const actuals = await ctx.db.query<{ value: string; unit: string }>(
        `select a.actual_value::text as value, k.unit from report_kpi_actual a join kpi k on k.id = a.kpi_id
           join initiative_report r on r.id = a.report_id join evaluation_cycle c on c.id = r.cycle_id
          where c.plan_id = $1 and c.fiscal_year = 2022 and a.actual_value is not null`,
        [plan.id],
      );
      expect(actuals.length).toBeGreaterThan(20);
      for (const a of actuals) expect(html).toContain(`${groupDigits(a.value)}${a.unit}`);
      expect(html).toContain("自己評価の集計（図表10の形式");
      expect(html).toContain(`/${LG}/results/2022/report.pdf`);
    });

    it("is not there for a year with nothing published, nor for another municipality's code", async () => {
      expect((await citizen().get(`/${LG}/results/2024/report`)).status).toBe(404);
      expect((await citizen().get(`/${LG}/results/2024/report.pdf`)).status).toBe(404);
      expect((await citizen().get(`/${OTHER_LG}/results/2022/report`)).status).toBe(404);
    });

    it("says what is missing: an actual not reported, no committee comment", async () => {
      const [target] = await ctx.db.query<{ report_id: number; number: number }>(
        `select r.id as report_id, i.number from initiative_report r join initiative i on i.id = r.initiative_id
           join evaluation_cycle c on c.id = r.cycle_id join report_kpi_actual a on a.report_id = r.id
          where c.plan_id = $1 and c.fiscal_year = 2023
            and not exists (select 1 from report_event e where e.report_id = r.id and e.action = 'comment')
          order by i.number limit 1`,
        [plan.id],
      );
      await ctx.db.query("update report_kpi_actual set actual_value = null where report_id = $1", [target!.report_id]);
      await markPublicContentChanged(ctx.db, plan.municipality.id);
      const html = await (await citizen().get(`/${LG}/results/2023/report`)).text();
      const section = html.slice(html.indexOf(`id="initiative-${target!.number}"`), html.indexOf(`id="initiative-${target!.number + 1}"`));
      expect(section).toContain("<td class=\"num\">未報告</td>");
      expect(section).toContain("実績未報告");
      expect(section).toContain("委員会のコメントはありません");
      expect(section).toContain("の実績が未報告です");
      expect(html).toContain("記載のない項目がある取組項目");
    });
  });

  describe("public PDFs", () => {
    it("answers 「準備中」 and queues one build when none is kept, without building in the request", async () => {
      const before = (await jobs(ctx.db)).length;
      const res = await citizen().get(`/${LG}/results/2022/report.pdf`);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain("準備中");
      expect(res.headers.get("cache-control")).toContain("no-store");
      await citizen().get(`/${LG}/results/2022/report.pdf`);
      const after = await jobs(ctx.db);
      expect(after.length).toBe(before + 1);
      expect(after.at(-1)).toMatchObject({ dedupe_key: `annual_report:${plan.id}:2022:final`, state: "queued" });
      expect(await ctx.db.query("select id from document_build")).toHaveLength(0);
    });

    it("serves the kept build while it shows the current content, and not once the content changed", async () => {
      const ref = annualReportRef(plan.id, 2022, false);
      const content = (await loadPublishedReport(ctx.db, plan, 2022))!;
      await ctx.db.transaction((tx) =>
        saveBuild(tx, plan.municipality.id, ref, { contentDigest: documentDigest(content), pdf: FAKE_PDF, pageCount: 1, buildMs: 1, jobId: null }),
      );
      const res = await citizen().get(`/${LG}/results/2022/report.pdf`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(FAKE_PDF);

      await ctx.db.query(
        `update initiative_report set grade_reasons = grade_reasons || '（追記）' where id = (
           select r.id from initiative_report r join evaluation_cycle c on c.id = r.cycle_id
            where c.plan_id = $1 and c.fiscal_year = 2022 order by r.id limit 1)`,
        [plan.id],
      );
      await markPublicContentChanged(ctx.db, plan.municipality.id);
      expect((await citizen().get(`/${LG}/results/2022/report.pdf`)).status).toBe(404);
      // The build that request queued is taken by the runner; here (no runner) it is dropped, to see the kept build's state.
      await ctx.db.query("delete from job");
      await secretariat.browser.get(`/${LG}/staff/reports`);
      expect(secretariat.browser.lastHtml).toContain("内容が変わりました。作り直してください。");
    });

    it("shows the plan document as a page, built from the plan data", async () => {
      const res = await citizen().get(`/${LG}/plan-document`);
      expect(res.status).toBe(200);
      const html = await res.text();
      for (const i of plan.initiatives) expect(html).toContain(`取組項目${i.number} ${i.title}`);
      const kpi = plan.initiatives.flatMap((i) => i.kpis).find((k) => [...k.targets.values()].some((t) => t !== null))!;
      const target = [...kpi.targets.values()].find((t) => t !== null)!;
      expect(html).toContain(`${groupDigits(target)}${kpi.unit}`);
      expect((await citizen().get(`/${LG}/plan.pdf`)).status).toBe(404);
    });
  });

  describe("draft report content", () => {
    it("takes every report of the open cycle whatever its state, marked 案, and names what is missing", async () => {
      const cycle = (await findCycleByYear(ctx.db, plan.id, 2024))!;
      const draft = await loadDraftReport(ctx.db, plan, cycle);
      expect(draft.draft).toBe(true);
      const initiatives = draft.policies.flatMap((p) => p.initiatives);
      expect(initiatives).toHaveLength(37);
      expect(new Set(initiatives.map((i) => i.stateLabel)).size).toBeGreaterThan(1);
      const ungraded = initiatives.find((i) => i.selfGrade === null)!;
      expect(ungraded.missing).toContain("自己評価が未記入です");
      expect(ungraded.missing).toContain("委員会のコメントはありません");
      expect(draft.summary.previous.map((c) => c.fiscalYear)).toEqual(expect.arrayContaining([2022, 2023]));
    });
  });

  describe("staff page", () => {
    it("lets the secretariat queue a build (CSRF checked, audited), once per document", async () => {
      const b = secretariat.browser;
      expect((await b.get(`/${LG}/staff/reports`)).status).toBe(200);
      expect(b.lastHtml).toContain("令和6年度 取組状況報告書（案）");
      expect((await b.post(`/${LG}/staff/reports/build`, { document: "annual_report", fiscalYear: "2024", draft: "1", _csrf: "wrong" })).status).toBe(403);
      expect(await ctx.db.query("select id from job where dedupe_key like 'annual_report:%:2024:draft'")).toHaveLength(0);
      await b.get(`/${LG}/staff/reports`);
      const res = await b.post(`/${LG}/staff/reports/build`, { document: "annual_report", fiscalYear: "2024", draft: "1" });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe(`/${LG}/staff/reports?notice=queued`);
      await b.get(`/${LG}/staff/reports`);
      expect(b.lastHtml).toContain("作成待ち");
      expect(b.lastHtml).toContain("自動更新");
      const again = await b.post(`/${LG}/staff/reports/build`, { document: "annual_report", fiscalYear: "2024", draft: "1", _csrf: b.csrfToken()! });
      expect(again.headers.get("location")).toContain("notice=waiting");
      const queued = (await jobs(ctx.db)).filter((j) => j.dedupe_key === `annual_report:${plan.id}:2024:draft`);
      expect(queued).toHaveLength(1);
      const audit = await ctx.db.query<{ action: string; actor_label: string }>("select action, actor_label from audit_log where action = 'document.build_request'");
      expect(audit).toHaveLength(2);
    });

    it("refuses a build request naming no document or a year without a cycle, with a message (400)", async () => {
      const b = secretariat.browser;
      await b.get(`/${LG}/staff/reports`);
      const res = await b.post(`/${LG}/staff/reports/build`, { document: "minutes" });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("作成する文書");
      await b.get(`/${LG}/staff/reports`);
      const noCycle = await b.post(`/${LG}/staff/reports/build`, { document: "annual_report", fiscalYear: "2025", draft: "1" });
      expect(noCycle.status).toBe(400);
      expect(await noCycle.text()).toContain("評価サイクルがありません");
    });

    it("gives the draft PDF to the secretariat, the CIO and the committee only; 404 to another municipality", async () => {
      const ref = annualReportRef(plan.id, 2024, true);
      const draft = await loadDraftReport(ctx.db, plan, (await findCycleByYear(ctx.db, plan.id, 2024))!);
      await ctx.db.transaction((tx) =>
        saveBuild(tx, plan.municipality.id, ref, { contentDigest: documentDigest(draft), pdf: FAKE_PDF, pageCount: 1, buildMs: 1, jobId: null }),
      );
      const path = `/${LG}/staff/reports/2024/draft.pdf`;
      for (const roles of [["cio"], ["committee_member"]] as const) {
        const p = await person(ctx.db, [...roles]);
        const res = await p.browser.get(path);
        expect(res.status, roles[0]).toBe(200);
        expect(res.headers.get("cache-control")).toBe("no-store");
        expect((await p.browser.get(`/${LG}/staff/reports`)).status).toBe(200);
        expect(p.browser.lastHtml).not.toContain("作り直す");
        await p.browser.get(`/${LG}/staff/reports`);
        expect((await p.browser.post(`/${LG}/staff/reports/build`, { document: "plan_document" })).status).toBe(403);
      }
      expect((await secretariat.browser.get(path)).status).toBe(200);
      for (const roles of [["division_head"], ["digital_officer"], ["viewer"]] as const) {
        const p = await person(ctx.db, [...roles], { division: "危機管理課" });
        expect((await p.browser.get(path)).status, roles[0]).toBe(403);
        expect((await p.browser.get(`/${LG}/staff/reports`)).status, roles[0]).toBe(403);
      }
      const foreign = await person(ctx.db, ["secretariat"], { lgCode: OTHER_LG });
      expect((await foreign.browser.get(path)).status).toBe(404);
      const anonymous = await citizen().get(path);
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.get("location")).toContain("/sign-in");
    });
  });
});
