/**
 * Every role sees its work (#7 §2), through HTTP with real sign-ins: the task
 * list per role on 職員ホーム and 自分の作業 (never another municipality's or
 * another division's reports), the next step on the report page for each
 * state and role, a return's reason at the top, the head's edit-then-approve
 * saving what was typed (decision 025), the sender told of a recipient
 * without an address, the overview's filter, and dates typed as in a city office.
 */
import { beforeAll, expect, it } from "vitest";
import { importPlan } from "../../src/modules/plan/commands/import-plan.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { tokushimaPlan } from "../support/fixtures.ts";
import { visibleText } from "../support/html.ts";
import {
  auditOf,
  CO,
  cycleId,
  divisionId,
  INITIATIVE,
  LEAD,
  LG,
  lockVersionOf,
  openCycleAs,
  OTHER,
  OTHER_LG,
  person,
  reportRow,
  STAFF,
  type Person,
} from "./cycle-support.ts";

describeEachDatabase("PDCA cycle: every role sees its work", (ctx) => {
  let secretariat: Person;
  let officer: Person;
  let head: Person;
  let coOfficer: Person;
  let otherOfficer: Person;
  let committee: Person;
  let cio: Person;
  let viewer: Person;
  let elsewhere: Person;
  let cycle = 0;
  let page = "";
  let kpi = "";

  beforeAll(async () => {
    // Tokushima's plan comes with the seed; the second municipality holds the same plan.
    const other = await importPlan(ctx.db, { lgCode: OTHER_LG, municipalityName: "千代田区", plan: tokushimaPlan() });
    if (!other.ok) throw new Error(other.message);
    secretariat = await person(ctx.db, ["secretariat"], { division: "デジタル推進課" });
    officer = await person(ctx.db, ["digital_officer"], { division: LEAD });
    head = await person(ctx.db, ["division_head"], { division: LEAD, name: "危機 課長" });
    coOfficer = await person(ctx.db, ["digital_officer"], { division: CO });
    otherOfficer = await person(ctx.db, ["digital_officer"], { division: OTHER });
    committee = await person(ctx.db, ["committee_member"]);
    cio = await person(ctx.db, ["cio"]);
    viewer = await person(ctx.db, ["viewer"]);
    // The same plan and division names in another municipality, with a cycle of its own.
    elsewhere = await person(ctx.db, ["digital_officer"], { division: LEAD, lgCode: OTHER_LG });
    // A colleague the approval's mail cannot reach: no e-mail address.
    const unreachable = await person(ctx.db, ["digital_officer"], { division: LEAD, name: "宛先 なし" });
    await ctx.db.query("update app_user set email = null where id = $1", [unreachable.id]);
  }, 240_000); // ten sign-ins with real password hashing: generous for a busy CI machine

  const reportOf = async (n = INITIATIVE) => reportRow(ctx.db, cycle, n);
  const setState = async (state: string, n = INITIATIVE) =>
    ctx.db.query("update initiative_report set state = $2 where id = $1", [(await reportOf(n)).id, state]);
  const textOf = async (who: Person, path: string) => {
    const res = await who.browser.get(path);
    expect(res.status, path).toBe(200);
    return visibleText(who.browser.lastHtml);
  };
  /** Rows of the task table: initiative number → what the user is to do. */
  const tasksOf = async (who: Person, path = STAFF) => {
    await textOf(who, path);
    const table = /<caption>あなたを待っている作業[\s\S]*?<\/table>/.exec(who.browser.lastHtml)?.[0] ?? "";
    return [...table.matchAll(/<tr><th scope="row"><a href="([^"]+)">(\d+) [\s\S]*?<td data-label="あなたの作業">([^<]+)<\/td>/g)].map((m) => ({
      href: m[1]!,
      number: Number(m[2]),
      task: m[3]!,
    }));
  };

  it("opens a cycle with deadlines typed as in a city office; a day that does not exist is refused by name", async () => {
    const bad = await openCycleAs(secretariat, 2022, { reportDue: "令和5年2月30日", reviewDue: "R5.6.14", committeeDue: "2023/6/28" });
    expect(bad.status).toBe(400);
    expect(secretariat.browser.lastHtml).toContain('<a href="#report-due">各課の提出期限: 2023年2月30日という日付はありません</a>');
    expect(secretariat.browser.lastHtml).toContain('value="令和5年2月30日"');
    const res = await openCycleAs(secretariat, 2022, { reportDue: "令和5年5月31日", reviewDue: "R5.6.14", committeeDue: "２０２３／６／２８" });
    expect(res.status).toBe(303);
    cycle = await cycleId(ctx.db, LG, 2022);
    // The opening mail goes to every user with a division; the secretariat is told how many it could not reach.
    expect(await textOf(secretariat, res.headers.get("location")!)).toContain("メールアドレスが登録されていない1名には、開始のお知らせを送れませんでした。");
    const [row] = await ctx.db.query<{ d: string }>(
      "select report_due::text || ' ' || review_due::text || ' ' || committee_due::text as d from evaluation_cycle where id = $1",
      [cycle],
    );
    expect(row!.d).toBe("2023-05-31 2023-06-14 2023-06-28");
    expect(await textOf(secretariat, `${STAFF}/cycles/${cycle}`)).toContain(
      "各課の提出 令和5年5月31日（2023年5月31日）、事務局の確認 令和5年6月14日（2023年6月14日）、委員会 令和5年6月28日（2023年6月28日）",
    );
    const other = await person(ctx.db, ["secretariat"], { lgCode: OTHER_LG });
    await other.browser.get(`/${OTHER_LG}/staff/cycles/new`);
    expect((await other.browser.post(`/${OTHER_LG}/staff/cycles/new`, { fiscalYear: "2022", reportDue: "2023-05-31", reviewDue: "2023-06-14", committeeDue: "2023-06-28" })).status).toBe(303);
    page = `${STAFF}/cycles/${cycle}/initiatives/${INITIATIVE}`;
  });

  it("shows each role what waits for it, on 職員ホーム and 自分の作業, within its municipality and division", async () => {
    const own = `${STAFF}/cycles/${cycle}/`;
    const officerTasks = await tasksOf(officer);
    expect(officerTasks.find((t) => t.number === INITIATIVE)?.task).toBe("報告の入力");
    expect(officerTasks.every((t) => t.href.startsWith(own))).toBe(true);
    expect(officerTasks.some((t) => t.number === 4)).toBe(false); // 健康長寿課's
    expect(visibleText(officer.browser.lastHtml)).toContain("あなたのアカウント"); // the profile stays below
    expect((await tasksOf(head)).find((t) => t.number === INITIATIVE)?.task).toBe("課長承認");
    expect((await tasksOf(coOfficer)).find((t) => t.number === INITIATIVE)?.task).toBe("関係課としての入力（任意）");
    const otherTasks = await tasksOf(otherOfficer, `${STAFF}/my-tasks`);
    expect(otherTasks.find((t) => t.number === 4)?.task).toBe("報告の入力");
    expect(otherTasks.some((t) => t.number === INITIATIVE)).toBe(false);
    // Another municipality's officer sees only their own cycle's reports.
    const theirs = await tasksOf(elsewhere, `/${OTHER_LG}/staff`);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((t) => t.href.startsWith(`/${OTHER_LG}/staff/cycles/`) && !t.href.startsWith(own))).toBe(true);
    // The roles that read every report: nothing waits while the divisions write; the counts say where things stand.
    for (const reader of [committee, cio, viewer, secretariat]) {
      expect(await tasksOf(reader, `${STAFF}/my-tasks`)).toEqual([]);
      const text = visibleText(reader.browser.lastHtml);
      expect(text).toContain("いま、あなたが対応する報告はありません。");
      expect(text).toMatch(/令和4年度（2022年度）の報告（全体）の段階ごとの件数（計\d+件）段階件数作成中\d+件/);
    }
    expect(visibleText(officer.browser.lastHtml)).not.toContain("（全体）");
  });

  it("reads dates typed as in a city office in DO entries and KPI as-of dates, and shows them in 和暦 with 西暦", async () => {
    await officer.browser.get(page);
    kpi = /name="kpi-(\d+)-actual"/.exec(officer.browser.lastHtml)![1]!;
    expect((await officer.browser.post(`${page}/do-entries`, { entryDate: "R5.3.1", body: "Wi-Fiを整備" })).status).toBe(303);
    await officer.browser.get(page);
    const saved = await officer.browser.post(`${page}/save`, {
      lockVersion: lockVersionOf(officer.browser.lastHtml),
      [`kpi-${kpi}-actual`]: "25",
      [`kpi-${kpi}-as-of`]: "令和5年3月31日",
      [`kpi-${kpi}-source`]: "整備台帳",
      selfGrade: "A",
      gradeReasons: "古い理由",
    });
    expect(saved.status).toBe(303);
    const [actual] = await ctx.db.query<{ as_of: string }>("select as_of::text as as_of from report_kpi_actual");
    expect(actual!.as_of).toBe("2023-03-31");
    const text = await textOf(viewer, page);
    expect(text).toContain("令和5年3月1日（2023年3月1日）");
    expect(text).toContain("令和5年3月31日（2023年3月31日）");
    await officer.browser.get(page);
    await officer.browser.post(`${page}/save`, { lockVersion: lockVersionOf(officer.browser.lastHtml), selfGrade: "A", gradeReasons: "古い理由", [`kpi-${kpi}-actual`]: "25", [`kpi-${kpi}-as-of`]: "H31.5.1", [`kpi-${kpi}-source`]: "整備台帳" });
    expect(officer.browser.lastHtml).toContain("「H31.5.1」は平成の期間にない日付です");
  });

  it("saves the reason the head edited when the head approves from the report form; the officer without an address is named", async () => {
    await head.browser.get(page);
    const lockVersion = lockVersionOf(head.browser.lastHtml);
    const fields = { withReport: "1", lockVersion, selfGrade: "A", [`kpi-${kpi}-actual`]: "25", [`kpi-${kpi}-as-of`]: "2023-03-31", [`kpi-${kpi}-source`]: "整備台帳" };
    // Invalid edits: nothing is saved, nothing approved, the typed text comes back in the form.
    const refused = await head.browser.post(`${page}/transition`, { ...fields, action: "approve", selfGrade: "B", gradeReasons: "直した理由", comment: "確認しました" });
    expect(refused.status).toBe(400);
    expect(head.browser.lastHtml).toContain(">直した理由</textarea>");
    expect(head.browser.lastHtml).toContain(">確認しました</textarea>");
    expect((await reportOf()).state).toBe("draft");
    const before = (await auditOf(ctx.db, (await reportOf()).id)).length;
    const res = await head.browser.post(`${page}/transition`, { ...fields, action: "approve", gradeReasons: "課長が直した理由", comment: "" });
    expect(res.status).toBe(303);
    const [row] = await ctx.db.query<{ state: string; grade_reasons: string }>("select state, grade_reasons from initiative_report where id = $1", [(await reportOf()).id]);
    expect(row).toEqual({ state: "head_approved", grade_reasons: "課長が直した理由" });
    expect((await auditOf(ctx.db, (await reportOf()).id)).slice(before)).toEqual(["report.save", "report.approve"]);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/nomail=\d+$/);
    const text = await textOf(head, location);
    expect(text).toContain("メールアドレスが登録されていないため、次の1名にはお知らせのメールを送れませんでした: 宛先 なし。");
    // An id of another municipality's user in the address names nobody.
    expect(await textOf(head, `${page}?notice=approve&nomail=${elsewhere.id}`)).not.toContain("メールアドレスが登録されていない");
  });

  it("says on the report page what the next step is and who takes it, for every state and role", async () => {
    const step = async (who: Person) => {
      const text = await textOf(who, page);
      return text.slice(text.indexOf("次の手順"), text.indexOf("次の手順") + 200);
    };
    const cases: [string, Person, string][] = [
      ["draft", officer, "あなたの番です。報告を入力して保存してください。課長の承認後に事務局へ提出できます。"],
      ["draft", head, "あなたの番です。内容を確認し、「課長として承認する」を押してください。"],
      ["draft", coOfficer, "あなたの番です。主担当課（危機管理課）が報告をまとめます。関係課として実施した取組を入力できます（任意）。"],
      ["draft", viewer, "主担当課（危機管理課）が作成中です。課長の承認後に事務局へ提出できます。"],
      ["head_approved", officer, "あなたの番です。課長の承認が済みました。「事務局へ提出する」を押して"],
      ["head_approved", secretariat, "課長が承認しました。主担当課（危機管理課）が事務局へ提出します。"],
      ["submitted", secretariat, "あなたの番です。事務局として内容を確認し、委員会審査に回すか"],
      ["submitted", officer, "事務局（デジタル推進課）が内容を確認し、委員会審査に回します。"],
      ["in_review", committee, "あなたの番です。委員として内容を審査し、コメントを入力してください。"],
      ["in_review", cio, "あなたの番です。委員会の審査を踏まえて評価を確定してください。"],
      ["in_review", secretariat, "デジタル化推進委員会が審査中です。CIOが評価を確定します。"],
      ["finalised", secretariat, "あなたの番です。評価が確定しました。「自己評価の状況」のページで公表する内容を確認し"],
      ["finalised", head, "評価は確定しました。事務局が市民向けページに公表します。"],
      ["published", viewer, "公表済みです。次の手順はありません"],
    ];
    for (const [state, who, expected] of cases) {
      await setState(state);
      expect(await step(who), `${state}`).toContain(expected);
    }
  });

  it("puts a returned report first in the officer's list, with its reason, and the reason at the top of its page", async () => {
    await setState("submitted");
    await secretariat.browser.get(page);
    const res = await secretariat.browser.post(`${page}/transition`, { action: "return", comment: "数値目標の出典を具体的に書いてください", lockVersion: lockVersionOf(secretariat.browser.lastHtml) });
    expect(res.status).toBe(303);
    const tasks = await tasksOf(officer);
    expect(tasks[0]).toMatchObject({ number: INITIATIVE, task: "差戻しの修正" });
    expect(visibleText(officer.browser.lastHtml)).toContain("差戻し（理由: 数値目標の出典を具体的に書いてください）");
    const text = await textOf(officer, page);
    const reason = text.indexOf("差戻しの理由");
    expect(reason).toBeGreaterThan(-1);
    expect(reason).toBeLessThan(text.indexOf("次の手順"));
    expect(text.slice(reason, reason + 120)).toContain("数値目標の出典を具体的に書いてください");
  });

  it("gives the committee and the CIO their review queue, and the secretariat the reports to check", async () => {
    await setState("in_review");
    await setState("submitted", 4);
    expect((await tasksOf(committee, `${STAFF}/my-tasks`)).map((t) => [t.number, t.task])).toEqual([[INITIATIVE, "委員会の審査（コメント）"]]);
    expect((await tasksOf(cio)).map((t) => [t.number, t.task])).toEqual([[INITIATIVE, "評価の確定（CIO）"]]);
    expect((await tasksOf(secretariat)).map((t) => [t.number, t.task])).toEqual([[4, "事務局確認"]]);
    expect(await tasksOf(viewer)).toEqual([]);
    expect(await tasksOf(officer)).not.toContainEqual(expect.objectContaining({ number: INITIATIVE }));
  });

  it("filters the overview by stage, lead division and grade; a bad value is a Japanese 400", async () => {
    const base = `${STAFF}/cycles/${cycle}`;
    const rows = async (query: string) => {
      await textOf(secretariat, `${base}?${query}`);
      const table = /<caption>\s*取組項目ごとの報告の状況[\s\S]*?<\/table>/.exec(secretariat.browser.lastHtml)![0];
      return [...table.matchAll(/\/initiatives\/(\d+)">/g)].map((m) => Number(m[1]));
    };
    expect(await rows("stage=in_review")).toEqual([INITIATIVE]);
    expect(await rows("stage=submitted")).toEqual([4]);
    expect(await rows(`division=${await divisionId(ctx.db, LG, LEAD)}&grade=A`)).toEqual([INITIATIVE]);
    expect(await rows("grade=A")).toEqual([INITIATIVE]);
    expect(secretariat.browser.lastHtml).toContain('<option value="A" selected="">A</option>');
    expect((await rows("grade=none")).includes(INITIATIVE)).toBe(false);
    for (const query of ["grade=X", "stage=done", `division=${await divisionId(ctx.db, OTHER_LG, LEAD)}`]) {
      const res = await secretariat.browser.get(`${base}?${query}`);
      expect(res.status, query).toBe(400);
      expect(visibleText(await res.text())).toContain("絞り込みの指定に誤りがあります");
    }
    expect(visibleText(secretariat.browser.lastHtml)).toContain("主担当課は一覧から選んでください");
  });
}, { seed: "tokushima" });
