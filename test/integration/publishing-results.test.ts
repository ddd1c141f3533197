/**
 * Publishing is a deliberate act (issue #6 §5): the secretariat previews
 * exactly what citizens will see, with how many items of how many, and
 * confirms with the preview's fingerprint; a stale preview publishes nothing;
 * nothing finalised is refused. A published result is corrected (訂正) with
 * a required reason, audited, and shown publicly with its date and prior value.
 * Only the secretariat may do either; another municipality's cycle is a 404.
 */
import { beforeAll, expect, it } from "vitest";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";
import { warekiDateLabel } from "../../src/core/format/wareki-date.ts";
import { japanDate } from "../../src/modules/cycle/domain/deadlines.ts";
import { auditOf, cycleId, LG, loadPlans, OTHER_LG, openCycleAs, person, reportRow, STAFF, type Person } from "./cycle-support.ts";

describeEachDatabase("publishing results: preview, confirm, correct", (ctx) => {
  let secretariat: Person;
  let others: Person[];
  let foreignSecretariat: Person;
  let cycle = 0;
  let publicSite: TestBrowser;

  /** Finalises reports directly (the workflow itself is tested in cycle-workflow). */
  const finalise = async (numbers: number[], grade = "A") => {
    for (const n of numbers) {
      await ctx.db.query(
        `update initiative_report r set state = 'finalised', self_grade = $3, grade_reasons = $4, lock_version = lock_version + 1
           from initiative i where i.id = r.initiative_id and r.cycle_id = $1 and i.number = $2`,
        [cycle, n, grade, `取組項目${n}は計画どおり進んだ`],
      );
    }
  };
  const publishedCount = async () =>
    (await ctx.db.query<{ n: number }>("select count(*)::int as n from initiative_report where cycle_id = $1 and state = 'published'", [cycle]))[0]!.n;

  beforeAll(async () => {
    await loadPlans(ctx.db);
    secretariat = await person(ctx.db, ["secretariat"], { division: "デジタル推進課" });
    others = [
      await person(ctx.db, ["digital_officer"], { division: "危機管理課" }),
      await person(ctx.db, ["division_head"], { division: "危機管理課" }),
      await person(ctx.db, ["committee_member"]),
      await person(ctx.db, ["cio"]),
      await person(ctx.db, ["viewer"]),
    ];
    foreignSecretariat = await person(ctx.db, ["secretariat"], { lgCode: OTHER_LG });
    expect((await openCycleAs(secretariat, 2022)).status).toBe(303);
    cycle = await cycleId(ctx.db, LG, 2022);
    publicSite = new TestBrowser(testApp(ctx.db));
  });

  it("refuses to publish when nothing is finalised, in Japanese, and publishes nothing", async () => {
    const page = await secretariat.browser.get(`${STAFF}/cycles/${cycle}/publish`);
    expect(page.status).toBe(200);
    expect(visibleText(secretariat.browser.lastHtml)).toContain("公表できる確定済みの報告がありません");
    expect(secretariat.browser.lastHtml).not.toContain('name="fingerprint"');
    const res = await secretariat.browser.post(`${STAFF}/cycles/${cycle}/publish`, { fingerprint: "x" });
    expect(res.status).toBe(400);
    expect(visibleText(secretariat.browser.lastHtml)).toContain("公表できる確定済みの報告がありません");
    expect(await publishedCount()).toBe(0);
  });

  it("only the secretariat of this municipality may preview or publish", async () => {
    await finalise([6, 7]);
    for (const who of others) {
      expect((await who.browser.get(`${STAFF}/cycles/${cycle}/publish`)).status, who.loginId).toBe(403);
      expect((await who.browser.post(`${STAFF}/cycles/${cycle}/publish`, { fingerprint: "x" })).status).toBe(403);
    }
    expect((await foreignSecretariat.browser.get(`/${OTHER_LG}/staff/cycles/${cycle}/publish`)).status).toBe(404);
    await foreignSecretariat.browser.get(`/${OTHER_LG}/staff/cycles`); // a page with the CSRF token, so the POST is judged on the cycle
    expect((await foreignSecretariat.browser.post(`/${OTHER_LG}/staff/cycles/${cycle}/publish`, { fingerprint: "x" })).status).toBe(404);
    expect(await publishedCount()).toBe(0);
  });

  it("a preview that went stale (a report finalised after it) publishes nothing and asks to review again", async () => {
    await secretariat.browser.get(`${STAFF}/cycles/${cycle}/publish`);
    const stale = /name="fingerprint" value="([^"]+)"/.exec(secretariat.browser.lastHtml)![1]!;
    await finalise([8]);
    const res = await secretariat.browser.post(`${STAFF}/cycles/${cycle}/publish`, { fingerprint: stale });
    expect(res.status).toBe(409);
    const text = visibleText(secretariat.browser.lastHtml);
    expect(text).toContain("確認画面を表示した後に、確定済みの報告が追加または変更されました");
    expect(text).toContain("37項目中3項目を公表します");
    expect(await publishedCount()).toBe(0);
  });

  it("the preview shows the results as citizens will see them, with n of 37; confirming publishes exactly those", async () => {
    await secretariat.browser.get(`${STAFF}/cycles/${cycle}/publish`);
    const html = secretariat.browser.lastHtml;
    const text = visibleText(html);
    expect(text).toContain("37項目中3項目を公表します（確定済み3件、未確定34件は公表されません）");
    expect(text).toContain("令和4年度（2022年度）の取組実績の評価");
    expect(text).toContain("取組項目6は計画どおり進んだ");
    expect(text).toContain("取組項目8は計画どおり進んだ");
    const fingerprint = /name="fingerprint" value="([^"]+)"/.exec(html)![1]!;
    const res = await secretariat.browser.post(`${STAFF}/cycles/${cycle}/publish`, { fingerprint });
    expect(res.status).toBe(303);
    expect(await publishedCount()).toBe(3);
    const report = await reportRow(ctx.db, cycle, 6);
    expect(await auditOf(ctx.db, report.id)).toContain("report.publish");
    const [audit] = await ctx.db.query<{ after: { published: number[]; of: number } }>(
      "select after from audit_log where action = 'cycle.publish_results' order by id desc limit 1",
    );
    expect(audit!.after.published).toHaveLength(3);
    expect(audit!.after.of).toBe(37);
    expect((await publicSite.get(`/${LG}/results/2022`)).status).toBe(200);
    // Exactly the three published initiatives link to their result of the year.
    expect(publicSite.lastHtml.match(/#result-2022"/g)).toHaveLength(3);
    expect(publicSite.lastHtml).toContain(`href="/${LG}/initiatives/8#result-2022"`);
    await publicSite.get(`/${LG}/initiatives/6`);
    expect(visibleText(publicSite.lastHtml)).toContain("取組項目6は計画どおり進んだ");
  });

  const correction = `${STAFF}/cycles/CYCLE/initiatives/6/correction`;
  const correctionUrl = () => correction.replace("CYCLE", String(cycle));

  it("a correction needs a reason: 400 with the message, nothing changed", async () => {
    expect((await secretariat.browser.get(correctionUrl())).status).toBe(200);
    const lockVersion = /name="lockVersion" value="(\d+)"/.exec(secretariat.browser.lastHtml)![1]!;
    const before = await reportRow(ctx.db, cycle, 6);
    const res = await secretariat.browser.post(correctionUrl(), { lockVersion, grade: "B", gradeReasons: "整備が遅れた", issues: "工期", improvementMeasures: "前倒し", reason: "" });
    expect(res.status).toBe(400);
    expect(visibleText(secretariat.browser.lastHtml)).toContain("訂正の理由を入力してください");
    expect(await reportRow(ctx.db, cycle, 6)).toEqual(before);
    expect((await ctx.db.query("select 1 from result_correction")).length).toBe(0);
  });

  it("B needs the issues and improvement measures (400), and an unchanged form is refused", async () => {
    await secretariat.browser.get(correctionUrl());
    const lockVersion = /name="lockVersion" value="(\d+)"/.exec(secretariat.browser.lastHtml)![1]!;
    let res = await secretariat.browser.post(correctionUrl(), { lockVersion, grade: "B", gradeReasons: "遅れた", reason: "誤り" });
    expect(res.status).toBe(400);
    expect(visibleText(secretariat.browser.lastHtml)).toContain("B評価の場合は、課題を入力してください");
    res = await secretariat.browser.post(correctionUrl(), { lockVersion, grade: "A", gradeReasons: "取組項目6は計画どおり進んだ", reason: "誤り" });
    expect(res.status).toBe(400);
    expect(visibleText(secretariat.browser.lastHtml)).toContain("訂正する内容がありません");
  });

  it("only the secretariat may correct; another municipality's is a 404", async () => {
    for (const who of others) {
      expect((await who.browser.get(correctionUrl())).status).toBe(403);
      expect((await who.browser.post(correctionUrl(), { lockVersion: "1", grade: "C", reason: "x" })).status).toBe(403);
    }
    expect((await foreignSecretariat.browser.get(correctionUrl().replace(`/${LG}/`, `/${OTHER_LG}/`))).status).toBe(404);
    expect((await ctx.db.query("select 1 from result_correction")).length).toBe(0);
  });

  it("a correction is applied, audited, and shown publicly with its date and the prior value (cached pages too)", async () => {
    // The public pages are cached first, so the correction must reach them through the content version.
    await publicSite.get(`/${LG}/initiatives/6`);
    await publicSite.get(`/${LG}/results/2022`);
    await secretariat.browser.get(correctionUrl());
    const html = secretariat.browser.lastHtml;
    const lockVersion = /name="lockVersion" value="(\d+)"/.exec(html)![1]!;
    const kpi = /name="kpi-(\d+)-actual"/.exec(html)![1]!;
    const res = await secretariat.browser.post(correctionUrl(), {
      lockVersion,
      grade: "B",
      gradeReasons: "27か所中25か所の整備にとどまった",
      issues: "機器の納期遅れ",
      improvementMeasures: "残る2か所を翌年度前半に整備する",
      [`kpi-${kpi}-actual`]: "25",
      [`kpi-${kpi}-as-of`]: "2023-03-31",
      [`kpi-${kpi}-source`]: "危機管理課調べ",
      reason: "実績値の集計誤りを訂正しました",
    });
    expect(res.status, visibleText(secretariat.browser.lastHtml).slice(0, 400)).toBe(303);
    const report = await reportRow(ctx.db, cycle, 6);
    expect(report.self_grade).toBe("B");
    expect(report.state).toBe("published");
    expect(await auditOf(ctx.db, report.id)).toContain("report.correct");
    const [stored] = await ctx.db.query<{ reason: string; before: { grade: string }; after: { grade: string; kpi: Record<string, { value: string }> } }>(
      "select reason, before, after from result_correction where report_id = $1",
      [report.id],
    );
    expect(stored!.before.grade).toBe("A");
    expect(stored!.after.grade).toBe("B");
    expect(stored!.after.kpi[kpi]!.value).toBe("25");

    const today = warekiDateLabel(japanDate(new Date()));
    await publicSite.get(`/${LG}/initiatives/6`);
    const page = visibleText(publicSite.lastHtml);
    expect(page).toContain(`訂正（${today}）：実績値の集計誤りを訂正しました（訂正前：A、`);
    expect(page).toContain("実績 未報告");
    expect(page).toContain("訂正前の評価の理由：取組項目6は計画どおり進んだ");
    expect(page).toContain("27か所中25か所の整備にとどまった");
    await publicSite.get(`/${LG}/results/2022`);
    expect(visibleText(publicSite.lastHtml)).toContain(`（訂正 ${today}。訂正前：A）`);
    // The correction is append-only.
    await expect(ctx.db.query("delete from result_correction")).rejects.toThrow();
  });
});
