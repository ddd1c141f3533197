/**
 * A whole year of the PDCA cycle through HTTP, with real sign-ins: the
 * secretariat opens the cycle, the officer fills in and submits, the head
 * approves, the secretariat returns with a comment, the officer fixes and
 * resubmits, the committee comments, the CIO changes the grade with a reason
 * and finalises, the secretariat publishes, and a citizen reads it.
 */
import { beforeAll, expect, it } from "vitest";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";
import {
  auditOf,
  CO,
  cycleId,
  INITIATIVE,
  LEAD,
  LG,
  loadPlans,
  lockVersionOf,
  openCycleAs,
  outbox,
  person,
  reportRow,
  STAFF,
  type Person,
} from "./cycle-support.ts";

describeEachDatabase("PDCA cycle: a whole year through the pages", (ctx) => {
  let secretariat: Person;
  let officer: Person;
  let head: Person;
  let coOfficer: Person;
  let committee: Person;
  let cio: Person;
  let cycle = 0;
  let page = "";

  beforeAll(async () => {
    await loadPlans(ctx.db);
    secretariat = await person(ctx.db, ["secretariat"], { division: "デジタル推進課" });
    officer = await person(ctx.db, ["digital_officer"], { division: LEAD, name: "危機 太郎" });
    head = await person(ctx.db, ["division_head"], { division: LEAD });
    coOfficer = await person(ctx.db, ["digital_officer"], { division: CO });
    committee = await person(ctx.db, ["committee_member"]);
    cio = await person(ctx.db, ["cio"]);
  });

  const act = async (who: Person, action: string, comment = "") => {
    await who.browser.get(page);
    const res = await who.browser.post(`${page}/transition`, { action, comment, lockVersion: lockVersionOf(who.browser.lastHtml) });
    expect(res.status, `${action}: ${visibleText(who.browser.lastHtml).slice(0, 300)}`).toBe(303);
    return res;
  };

  it("the secretariat opens the year; every user with a division is told, with the deadlines", async () => {
    const res = await openCycleAs(secretariat, 2022);
    expect(res.status).toBe(303);
    cycle = await cycleId(ctx.db, LG, 2022);
    expect(res.headers.get("location")).toBe(`${STAFF}/cycles/${cycle}?notice=opened`);
    page = `${STAFF}/cycles/${cycle}/initiatives/${INITIATIVE}`;
    const mails = await outbox(ctx.db, "cycle_opened");
    expect(mails.map((m) => m.to_address).sort()).toEqual([secretariat, officer, head, coOfficer].map((p) => p.email).sort());
    expect(mails[0]!.subject).toBe("令和4年度の自己評価を開始しました");
    expect(mails[0]!.body).toContain("各課の提出期限: 令和5年5月31日（2023年5月31日）");
    const [count] = await ctx.db.query<{ n: number }>("select count(*)::int as n from initiative_report where cycle_id = $1", [cycle]);
    expect(count!.n).toBe(37);
  });

  it("the officer fills in PLAN, DO, CHECK and ACTION; a co-division adds its part", async () => {
    expect((await officer.browser.get(page)).status).toBe(200);
    const html = officer.browser.lastHtml;
    expect(html).toContain('name="kpi-');
    expect(visibleText(html)).toContain("達成率と評価の目安の決め方");
    const kpiId = /name="kpi-(\d+)-actual"/.exec(html)![1]!;
    const saved = await officer.browser.post(`${page}/save`, {
      lockVersion: lockVersionOf(html),
      planText: "市内の防災拠点27か所にWi-Fiを整備する。",
      targetsConfirmed: "1",
      [`kpi-${kpiId}-actual`]: "２５",
      [`kpi-${kpiId}-as-of`]: "2023/3/31",
      [`kpi-${kpiId}-source`]: "危機管理課 整備台帳",
      selfGrade: "B",
      gradeReasons: "27か所の目標に対し25か所の整備にとどまった。",
      issues: "2か所で工事業者の確保が遅れた。",
      improvementMeasures: "早期発注と複数業者への見積依頼。",
      nextYearPlan: "残る2か所と新たな45か所を整備する。",
    });
    expect(saved.status, visibleText(officer.browser.lastHtml).slice(0, 400)).toBe(303);
    expect(saved.headers.get("location")).toBe(`${page}?notice=saved`);
    await officer.browser.get(saved.headers.get("location")!);
    const text = visibleText(officer.browser.lastHtml);
    expect(text).toContain("報告を保存しました。");
    expect(officer.browser.lastHtml).toContain('value="25"');
    expect(text).toContain("92.6%（未達成）");
    expect(text).toContain("数値目標から見た評価の目安: B");
    const entry = await officer.browser.post(`${page}/do-entries`, { entryDate: "2022-10-01", body: "15か所の工事が完了した。" });
    expect(entry.status).toBe(303);

    await coOfficer.browser.get(page);
    expect(coOfficer.browser.lastHtml).not.toContain(`action="${page}/save"`);
    const contributed = await coOfficer.browser.post(`${page}/contribution`, { body: "市民センター5か所の回線を手配した。", version: "" });
    expect(contributed.status).toBe(303);
  });

  it("the head approves (the officers are told), the officer submits", async () => {
    await act(head, "approve");
    expect((await outbox(ctx.db, "report_approved")).map((m) => m.to_address)).toEqual([officer.email]);
    await act(officer, "submit");
    expect((await reportRow(ctx.db, cycle, INITIATIVE)).state).toBe("submitted");
  });

  it("the secretariat returns it with a comment; the officer and the head are told", async () => {
    await secretariat.browser.get(page);
    const refused = await secretariat.browser.post(`${page}/transition`, { action: "return", comment: " ", lockVersion: lockVersionOf(secretariat.browser.lastHtml) });
    expect(refused.status).toBe(400);
    expect(secretariat.browser.lastHtml).toContain('<a href="#transition-comment">「差戻し」にはコメントを入力してください</a>');
    await act(secretariat, "return", "出典の台帳名に年度を付けてください");
    const mails = await outbox(ctx.db, "report_returned");
    expect(mails.map((m) => m.to_address).sort()).toEqual([officer.email, head.email].sort());
    expect(mails[0]!.subject).toBe("【差戻し】取組項目6 防災拠点での情報収集・伝達手段の確保（Wi-Fi環境の整備）（令和4年度）");
    expect(mails[0]!.body).toContain("出典の台帳名に年度を付けてください");
  });

  it("the officer fixes and resubmits after the head approves again; the return stays in the history", async () => {
    await officer.browser.get(page);
    const html = officer.browser.lastHtml;
    const kpiId = /name="kpi-(\d+)-actual"/.exec(html)![1]!;
    const fields = Object.fromEntries([...html.matchAll(/<textarea id="[^"]+" name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)].map((m) => [m[1]!, m[2]!]));
    const fixed = await officer.browser.post(`${page}/save`, {
      ...fields,
      lockVersion: lockVersionOf(html),
      targetsConfirmed: "1",
      selfGrade: "B",
      [`kpi-${kpiId}-actual`]: "25",
      [`kpi-${kpiId}-as-of`]: "2023-03-31",
      [`kpi-${kpiId}-source`]: "危機管理課 令和4年度整備台帳",
    });
    expect(fixed.status, visibleText(officer.browser.lastHtml).slice(0, 400)).toBe(303);
    await act(officer, "revise");
    await act(head, "approve");
    await act(officer, "submit");
    await officer.browser.get(page);
    const text = visibleText(officer.browser.lastHtml);
    expect(text).toMatch(/差戻し提出済み → 差戻し.*出典の台帳名に年度を付けてください/);
  });

  it("the secretariat checks, the committee comments, the CIO changes the grade with a reason and finalises", async () => {
    await act(secretariat, "check");
    await act(committee, "comment", "残る2か所は年度内に必ず整備を");
    await cio.browser.get(page);
    const noReason = await cio.browser.post(`${page}/grade`, { grade: "A", reason: "", lockVersion: lockVersionOf(cio.browser.lastHtml) });
    expect(noReason.status).toBe(400);
    expect(cio.browser.lastHtml).toContain('<a href="#cio-grade-reason">評価を変更する理由を入力してください</a>');
    expect((await reportRow(ctx.db, cycle, INITIATIVE)).cio_grade).toBeNull();
    await cio.browser.get(page);
    const changed = await cio.browser.post(`${page}/grade`, { grade: "A", reason: "未整備の2か所は年度明けに完了しており、実質的に計画どおり", lockVersion: lockVersionOf(cio.browser.lastHtml) });
    expect(changed.status).toBe(303);
    await act(cio, "finalise");
    const row = await reportRow(ctx.db, cycle, INITIATIVE);
    expect(row).toMatchObject({ state: "finalised", self_grade: "B", cio_grade: "A" });
    expect((await outbox(ctx.db, "report_finalised")).map((m) => m.to_address).sort()).toEqual([officer.email, head.email].sort());
  });

  it("citizens see nothing before publication, then the published result", async () => {
    const citizen = new TestBrowser(testApp(ctx.db));
    await citizen.get(`/${LG}/initiatives/${INITIATIVE}`);
    expect(visibleText(citizen.lastHtml)).toContain("この取組項目の評価結果は、まだ公表されていません。");
    expect((await citizen.get(`/${LG}/results/2022`)).status).toBe(404);

    await secretariat.browser.get(`${STAFF}/cycles/${cycle}/publish`);
    expect(visibleText(secretariat.browser.lastHtml)).toContain("37項目中1項目を公表します（確定済み1件、未確定36件は公表されません）");
    const fingerprint = /name="fingerprint" value="([^"]+)"/.exec(secretariat.browser.lastHtml)![1]!;
    const published = await secretariat.browser.post(`${STAFF}/cycles/${cycle}/publish`, { fingerprint });
    expect(published.status).toBe(303);
    expect((await reportRow(ctx.db, cycle, INITIATIVE)).state).toBe("published");

    expect((await citizen.get(`/${LG}/initiatives/${INITIATIVE}`)).status).toBe(200);
    const text = visibleText(citizen.lastHtml);
    expect(text).toContain("令和4年度（2022年度）の取組実績の評価");
    expect(text).toContain("評価: A");
    expect(text).toContain("担当課の自己評価は B でしたが、CIOが A に変更しました。変更の理由: 未整備の2か所は年度明けに完了しており");
    expect(text).toContain("2か所で工事業者の確保が遅れた。");
    expect(text).toContain("早期発注と複数業者への見積依頼。");
    expect(text).toContain("デジタル化推進委員会委員");
    expect(text).toContain("残る2か所は年度内に必ず整備を");
    expect(text).not.toContain("出典の台帳名に年度を付けてください"); // the return is internal
    expect(text).not.toContain("危機 太郎"); // no staff names in public
    expect(citizen.lastHtml).toMatch(/<svg class="chart"[^>]*role="img"/);
    expect(text).toMatch(/令和4年度（2022年度）\s*27基\s*25基/); // the KPI chart's table: target, actual

    expect((await citizen.get(`/${LG}/results/2022`)).status).toBe(200);
    // One item published: its count, and no "A 100%" (decision 022).
    expect(visibleText(citizen.lastHtml)).toMatch(/A 目標や計画どおりの達成状況\s*1\s*B /);
    expect(visibleText(citizen.lastHtml)).toContain("37項目中1項目を公表");
    expect(visibleText(citizen.lastHtml)).not.toContain("100%");
  });

  it("kept an audit record of every change, in order", async () => {
    const { id } = await reportRow(ctx.db, cycle, INITIATIVE);
    expect(await auditOf(ctx.db, id)).toEqual([
      "report.save",
      "report.do_entry_add",
      "report.contribution_save",
      "report.approve",
      "report.submit",
      "report.return",
      "report.save",
      "report.revise",
      "report.approve",
      "report.submit",
      "report.check",
      "report.comment",
      "report.change_grade",
      "report.finalise",
      "report.publish",
    ]);
    const [open] = await ctx.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'cycle.open' and entity_id = $1", [String(cycle)]);
    expect(open!.n).toBe(1);
  });
}, { seed: "tokushima" });
