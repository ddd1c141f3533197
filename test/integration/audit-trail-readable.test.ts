/**
 * The audit log in words (issue #7 §4), for records written by the real
 * commands through the pages: a report saved with a KPI actual, the head's
 * approval, a draft of the plan edited in the grid editor, a user created.
 * The page names the target and each value as a reader would write them; the
 * CSV keeps the codes and JSON; the codebook says what the codes mean.
 */
import { beforeAll, expect, it } from "vitest";
import { createUser } from "../../src/modules/accounts/commands/manage-users.ts";
import { userActor } from "../../src/modules/accounts/commands/actor.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { loadTokushima } from "../support/fixtures.ts";
import { formFields } from "../support/form-fields.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";
import { cycleId, divisionId, INITIATIVE, LEAD, LG, lockVersionOf, openCycleAs, person, STAFF, type Person } from "./cycle-support.ts";
import { fetchCsv, records } from "./opendata-support.ts";

const RESULTS = /aria-label="監査ログの記録"[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/;
const tableText = (html: string) => visibleText(RESULTS.exec(html)?.[1] ?? "");

describeEachDatabase("the audit log in words", (ctx) => {
  let secretariat: Person;
  let officer: Person;
  let head: Person;
  let kpi: { label: string; unit: string };
  let text = "";

  beforeAll(async () => {
    await loadTokushima(ctx.db);
    secretariat = await person(ctx.db, ["secretariat"], { division: "デジタル推進課" });
    officer = await person(ctx.db, ["digital_officer"], { division: LEAD });
    head = await person(ctx.db, ["division_head"], { division: LEAD });

    // A cycle, the officer's report with a KPI actual, the head's approval.
    expect((await openCycleAs(secretariat, 2022)).status).toBe(303);
    const page = `${STAFF}/cycles/${await cycleId(ctx.db, LG, 2022)}/initiatives/${INITIATIVE}`;
    await officer.browser.get(page);
    const kpiId = /name="kpi-(\d+)-actual"/.exec(officer.browser.lastHtml)![1]!;
    kpi = (await ctx.db.query<{ label: string; unit: string }>("select label, unit from kpi where id = $1", [Number(kpiId)]))[0]!;
    const saved = await officer.browser.post(`${page}/save`, {
      lockVersion: lockVersionOf(officer.browser.lastHtml),
      planText: "防災拠点にWi-Fiを整備する。",
      targetsConfirmed: "1",
      [`kpi-${kpiId}-actual`]: "0",
      [`kpi-${kpiId}-as-of`]: "2023/3/31",
      [`kpi-${kpiId}-source`]: "整備台帳",
      selfGrade: "B",
      gradeReasons: "整備は来年度になった。",
      issues: "工事業者の確保。",
      improvementMeasures: "早期発注。",
      nextYearPlan: "",
    });
    expect(saved.status, visibleText(officer.browser.lastHtml).slice(0, 300)).toBe(303);
    await head.browser.get(page);
    const approved = await head.browser.post(`${page}/transition`, { action: "approve", comment: "", lockVersion: lockVersionOf(head.browser.lastHtml) });
    expect(approved.status).toBe(303);

    // A draft of the plan, initiative 12's 2024 target changed in the grid editor.
    const [plan] = await ctx.db.query<{ id: number }>("select p.id from plan p join municipality m on m.id = p.municipality_id where m.lg_code = $1", [LG]);
    const draft = (await secretariat.browser.post(`${STAFF}/plan/${plan!.id}/drafts`)).headers.get("location")!.split("?")[0]!;
    await secretariat.browser.get(`${draft}/initiatives/12`);
    const fields = formFields(secretariat.browser.lastHtml, `${draft}/initiatives/12`);
    expect((await secretariat.browser.post(`${draft}/initiatives/12`, { ...fields, "kpis.0.targets.2024": "170" })).status).toBe(303);

    // A user created by an administrator (the command the users page calls).
    const [municipality] = await ctx.db.query<{ id: number }>("select id from municipality where lg_code = $1", [LG]);
    const created = await createUser(
      ctx.db,
      { municipalityId: municipality!.id, actor: userActor({ id: secretariat.id, displayName: "事務局", loginId: secretariat.loginId }), ip: "192.0.2.1" },
      { loginId: "yamada", displayName: "山田 花子", email: null, divisionId: await divisionId(ctx.db, LG, "デジタル推進課"), roles: ["digital_officer", "division_head"] },
    );
    expect(created.ok).toBe(true);

    expect((await secretariat.browser.get(`${STAFF}/audit`)).status).toBe(200);
    text = tableText(secretariat.browser.lastHtml);
  });

  it("names each target in words", () => {
    expect(text).toContain("取組項目6・令和4年度の報告");
    expect(text).toContain("利用者 yamada（デジタル推進課）");
    expect(text).toContain("第2版の下書き");
    expect(text).toContain("自己評価の開始令和4年度の自己評価");
  });

  it("shows states, fields and values as a reader writes them, never as JSON", () => {
    expect(text).toContain("報告の状態：作成中 → から課長承認済みに");
    expect(text).toContain(`数値目標の実績：数値目標「${kpi.label}」：実績 （なし） → から数値目標「${kpi.label}」：実績 0（${kpi.unit}）、時点 令和5年3月31日（2023年3月31日）、出典 整備台帳に`);
    expect(text).toContain("目標の確認：いいえ → からはいに");
    expect(text).toContain("自己評価：（なし） → からBに");
    expect(text).toContain("役割：デジタル担当職員、課長");
    expect(text).toContain("メールアドレス：（なし）");
    expect(text).toContain("報告の提出期限：令和5年5月31日（2023年5月31日）");
    expect(text).toContain("令和6年度（2024年度）の目標値：160件 → 170件");
    expect(text).not.toMatch(/[{[]"/);
    expect(text).not.toContain("head_approved");
    expect(text).not.toContain("kpiActuals");
  });

  it("keeps machine values in the CSV, and links its codebook from the page", async () => {
    expect(secretariat.browser.lastHtml).toContain(`href="${STAFF}/audit/codebook"`);
    const csv = records(await fetchCsv(secretariat.browser, `${STAFF}/audit.csv`));
    const approve = csv.find((r) => r.action === "report.approve")!;
    expect(JSON.parse(approve.before_json!)).toEqual({ state: "draft" });
    expect(JSON.parse(approve.after_json!)).toMatchObject({ state: "head_approved" });
    const save = csv.find((r) => r.action === "report.save")!;
    expect(JSON.parse(save.after_json!).kpiActuals[0]).toMatchObject({ value: "0", asOf: "2023-03-31", source: "整備台帳" });
    expect(JSON.parse(save.before_json!).kpiActuals[0].value).toBeNull();
    expect(csv.find((r) => r.action === "user.create")!.entity_type).toBe("app_user");
  });

  it("has a codebook page and CSV with the columns and every code list, for the secretariat only", async () => {
    expect((await secretariat.browser.get(`${STAFF}/audit/codebook`)).status).toBe(200);
    const page = visibleText(secretariat.browser.lastHtml);
    for (const expected of ["before_json", "head_approved", "課長承認済み", "report.approve", "報告の課長承認", "kpiActuals", "数値目標の実績", "digital_officer", "wrong_password"]) {
      expect(page).toContain(expected);
    }
    const codebook = await fetchCsv(secretariat.browser, `${STAFF}/audit/codebook.csv`);
    expect(codebook.header).toEqual(["lg_code", "kind", "code_table", "code", "label", "definition", "blank_meaning"]);
    const rows = records(codebook);
    expect(rows.filter((r) => r.kind === "column").map((r) => r.code)).toContain("after_json");
    expect(rows.find((r) => r.code_table === "report_state" && r.code === "returned")!.label).toBe("差戻し");
    expect(rows.every((r) => r.lg_code === LG)).toBe(true);

    expect((await officer.browser.get(`${STAFF}/audit/codebook`)).status).toBe(403);
    const anonymous = await new TestBrowser(testApp(ctx.db)).get(`${STAFF}/audit/codebook.csv`);
    expect(anonymous.status).toBe(303);
  });
});
