/**
 * The report form's rules and its concurrency: invalid input comes back with
 * status 400, an error summary and a message at each field, and nothing is
 * saved; a save on a stale page keeps everything typed and says what changed.
 */
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";
import { CO, cycleId, INITIATIVE, LEAD, LG, loadPlans, lockVersionOf, openCycleAs, person, reportRow, STAFF, type Person } from "./cycle-support.ts";

describeEachDatabase("PDCA cycle: the report form", (ctx) => {
  let officer: Person;
  let colleague: Person;
  let coOfficer: Person;
  let coColleague: Person;
  let page = "";
  let kpi = "";
  let cycle = 0;

  beforeAll(async () => {
    await loadPlans(ctx.db);
    const secretariat = await person(ctx.db, ["secretariat"]);
    officer = await person(ctx.db, ["digital_officer"], { division: LEAD, name: "危機 太郎" });
    colleague = await person(ctx.db, ["digital_officer"], { division: LEAD, name: "危機 花子" });
    coOfficer = await person(ctx.db, ["digital_officer"], { division: CO });
    coColleague = await person(ctx.db, ["division_head"], { division: CO });
    await openCycleAs(secretariat, 2022);
    cycle = await cycleId(ctx.db, LG, 2022);
    page = `${STAFF}/cycles/${cycle}/initiatives/${INITIATIVE}`;
    await officer.browser.get(page);
    kpi = /name="kpi-(\d+)-actual"/.exec(officer.browser.lastHtml)![1]!;
  });

  const auditCount = async () =>
    (await ctx.db.query<{ n: number }>("select count(*)::int as n from audit_log where entity_type = 'initiative_report'"))[0]!.n;

  it("refuses a B grade without issues and improvement measures: 400, messages at the fields, nothing saved", async () => {
    await officer.browser.get(page);
    const before = await auditCount();
    const res = await officer.browser.post(`${page}/save`, {
      lockVersion: lockVersionOf(officer.browser.lastHtml),
      planText: "計画の本文",
      selfGrade: "B",
      gradeReasons: "",
      issues: "",
      improvementMeasures: "",
    });
    expect(res.status).toBe(400);
    const html = officer.browser.lastHtml;
    expect(html).toContain('<div class="error-summary" tabindex="-1" role="alert"');
    expect(html).toContain('<a href="#grade-reasons">自己評価の理由を入力してください</a>');
    expect(html).toContain('<a href="#issues">B評価の場合は、課題を入力してください</a>');
    expect(html).toContain('<a href="#improvement-measures">B評価の場合は、改善策を入力してください</a>');
    expect(html).toMatch(/<textarea id="improvement-measures"[^>]*aria-describedby="improvement-measures-hint improvement-measures-error"[^>]*aria-invalid="true"/);
    expect(html).toMatch(/<title>エラー: /);
    expect(html).toContain(">計画の本文</textarea>"); // what was typed is kept
    expect(html).toMatch(/<input type="radio" id="self-grade-2" name="selfGrade" value="B" checked/);
    const row = await reportRow(ctx.db, cycle, INITIATIVE);
    expect(row).toMatchObject({ self_grade: null, issues: null, lock_version: 1 });
    expect(await auditCount()).toBe(before);
  });

  it("refuses actuals with a unit, or without their as-of date and source", async () => {
    await officer.browser.get(page);
    const res = await officer.browser.post(`${page}/save`, {
      lockVersion: lockVersionOf(officer.browser.lastHtml),
      [`kpi-${kpi}-actual`]: "25基",
      [`kpi-${kpi}-as-of`]: "",
      [`kpi-${kpi}-source`]: "",
    });
    expect(res.status).toBe(400);
    expect(officer.browser.lastHtml).toContain(`<a href="#kpi-${kpi}-actual">「防災拠点へのWi-Fi環境整備箇所数」の実績値は単位（基）を付けずに数値で入力してください`);
    await officer.browser.get(page);
    await officer.browser.post(`${page}/save`, { lockVersion: lockVersionOf(officer.browser.lastHtml), [`kpi-${kpi}-actual`]: "25" });
    expect(officer.browser.lastHtml).toContain(`<a href="#kpi-${kpi}-as-of">「防災拠点へのWi-Fi環境整備箇所数」の実績値がいつ時点のものかを入力してください</a>`);
    expect(officer.browser.lastHtml).toContain(`<a href="#kpi-${kpi}-source">「防災拠点へのWi-Fi環境整備箇所数」の実績値の出典（集計元）を入力してください</a>`);
    expect(officer.browser.lastHtml).toMatch(new RegExp(`<input type="text" id="kpi-${kpi}-as-of"[^>]*aria-invalid="true"`));
    const [actuals] = await ctx.db.query<{ n: number }>("select count(*)::int as n from report_kpi_actual");
    expect(actuals!.n).toBe(0);
  });

  it("keeps every typed value after a stale save, says who saved and what differs; the next save goes through", async () => {
    await officer.browser.get(page);
    const officerVersion = lockVersionOf(officer.browser.lastHtml);
    await colleague.browser.get(page);
    const first = await colleague.browser.post(`${page}/save`, {
      lockVersion: lockVersionOf(colleague.browser.lastHtml),
      issues: "花子が書いた課題",
    });
    expect(first.status).toBe(303);

    const stale = await officer.browser.post(`${page}/save`, {
      lockVersion: officerVersion,
      planText: "太郎の計画",
      issues: "太郎が書いた課題",
      [`kpi-${kpi}-actual`]: "26",
      [`kpi-${kpi}-as-of`]: "2023-03-31",
      [`kpi-${kpi}-source`]: "台帳",
    });
    expect(stale.status).toBe(409);
    const html = officer.browser.lastHtml;
    const text = visibleText(html);
    expect(text).toContain("危機 花子");
    expect(text).toContain("あなたの保存は行われませんでした。あなたの入力はそのまま残しています。");
    expect(text).toContain("保存されている内容と異なる項目: 当年度の取組計画、課題");
    expect(html).toContain(">太郎が書いた課題</textarea>");
    expect(html).toContain(">太郎の計画</textarea>");
    expect(html).toContain(`id="kpi-${kpi}-actual" name="kpi-${kpi}-actual" value="26"`);
    expect(text).toContain("保存されている内容は「花子が書いた課題」です");
    expect((await reportRow(ctx.db, cycle, INITIATIVE)).issues).toBe("花子が書いた課題");

    // The re-rendered form carries the current version: saving again is a deliberate overwrite.
    const again = await officer.browser.post(`${page}/save`, {
      lockVersion: lockVersionOf(html),
      planText: "太郎の計画",
      issues: "太郎が書いた課題",
      [`kpi-${kpi}-actual`]: "26",
      [`kpi-${kpi}-as-of`]: "2023-03-31",
      [`kpi-${kpi}-source`]: "台帳",
    });
    expect(again.status).toBe(303);
    expect((await reportRow(ctx.db, cycle, INITIATIVE)).issues).toBe("太郎が書いた課題");
  });

  it("keeps the typed text when the report moved on (the head approved it meanwhile)", async () => {
    await officer.browser.get(page);
    const version = lockVersionOf(officer.browser.lastHtml);
    await ctx.db.query("update initiative_report set state = 'head_approved' where id = $1", [(await reportRow(ctx.db, cycle, INITIATIVE)).id]);
    const res = await officer.browser.post(`${page}/save`, { lockVersion: version, issues: "遅れて書いた課題" });
    expect(res.status).toBe(400);
    const text = visibleText(officer.browser.lastHtml);
    expect(text).toContain("「課長承認済み」の報告には「編集」はできません");
    expect(text).toContain("保存されなかった入力");
    expect(text).toContain("遅れて書いた課題");
    await ctx.db.query("update initiative_report set state = 'draft' where id = $1", [(await reportRow(ctx.db, cycle, INITIATIVE)).id]);
  });

  it("refuses a contribution saved over a colleague's newer one, keeping the typed text", async () => {
    await coOfficer.browser.get(page);
    const version = /name="version" value="([^"]*)"/.exec(coOfficer.browser.lastHtml)![1]!;
    await coColleague.browser.get(page);
    expect((await coColleague.browser.post(`${page}/contribution`, { body: "課長の記入", version })).status).toBe(303);
    const res = await coOfficer.browser.post(`${page}/contribution`, { body: "担当の記入", version });
    expect(res.status).toBe(409);
    expect(coOfficer.browser.lastHtml).toContain(">担当の記入</textarea>");
    expect(visibleText(coOfficer.browser.lastHtml)).toContain("保存されている内容は「課長の記入」です");
    const [row] = await ctx.db.query<{ body: string }>("select body from report_contribution");
    expect(row!.body).toBe("課長の記入");
  });

  it("shows each person only the forms and buttons that will work", async () => {
    const head = await person(ctx.db, ["division_head"], { division: LEAD });
    const viewer = await person(ctx.db, ["viewer"]);
    const secretariat = await person(ctx.db, ["secretariat"]);
    const buttons = (html: string) => [...html.matchAll(/<button type="submit" name="action" value="([a-z]+)"/g)].map((m) => m[1]);
    const forms = (html: string) => [...html.matchAll(/<form method="post" action="[^"]*\/initiatives\/\d+\/([a-z-]+)"/g)].map((m) => m[1]);
    const id = (await reportRow(ctx.db, cycle, INITIATIVE)).id;
    const state = (s: string) => ctx.db.query("update initiative_report set state = $2 where id = $1", [id, s]);
    await state("draft");
    await head.browser.get(page);
    expect(buttons(head.browser.lastHtml)).toEqual(["approve"]);
    // The head's step sits in the report form and posts it to the step's address (decision 025).
    expect(forms(head.browser.lastHtml)).toEqual(["save", "do-entries"]);
    expect(head.browser.lastHtml).toMatch(/<button type="submit" name="action" value="approve" formaction="[^"]*\/initiatives\/6\/transition"/);
    await officer.browser.get(page);
    expect(forms(officer.browser.lastHtml)).toEqual(["save", "do-entries"]);
    await coOfficer.browser.get(page);
    expect(forms(coOfficer.browser.lastHtml)).toEqual(["do-entries", "contribution"]);
    await viewer.browser.get(page);
    expect(forms(viewer.browser.lastHtml)).toEqual([]);
    await state("submitted");
    await secretariat.browser.get(page);
    expect(buttons(secretariat.browser.lastHtml)).toEqual(["check", "return"]);
    await officer.browser.get(page);
    expect(forms(officer.browser.lastHtml)).toEqual([]);
    await state("draft");
  });

  it("refuses a form without the session's CSRF token (403), changing nothing", async () => {
    const before = (await reportRow(ctx.db, cycle, INITIATIVE)).lock_version;
    const res = await officer.browser.post(`${page}/save`, { _csrf: null, lockVersion: String(before), issues: "偽の送信" });
    expect(res.status).toBe(403);
    expect((await reportRow(ctx.db, cycle, INITIATIVE)).lock_version).toBe(before);
  });

  it("refuses DO entries with a date that is not a day", async () => {
    await officer.browser.get(page);
    const res = await officer.browser.post(`${page}/do-entries`, { entryDate: "2023-02-30", body: "" });
    expect(res.status).toBe(400);
    expect(officer.browser.lastHtml).toContain('<a href="#do-date">実施日: 2023年2月30日という日付はありません</a>');
    expect(officer.browser.lastHtml).toContain('<a href="#do-body">実施した内容を入力してください</a>');
  });
}, { seed: "tokushima" });
