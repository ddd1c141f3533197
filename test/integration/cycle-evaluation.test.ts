/**
 * The committee's dashboard and the public results computed from final
 * grades: 図表10 for a year equals gradeShares of the finalised grades (the
 * CIO's grade where changed), initiatives graded B or C two years running are
 * named, and citizens see only published results.
 */
import { beforeAll, expect, it } from "vitest";
import { gradeShares } from "../../src/modules/plan/domain/grade-shares.ts";
import type { Grade } from "../../src/modules/plan/plan.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { visibleText } from "../support/html.ts";
import { TestBrowser } from "../support/session.ts";
import { cycleId, LEAD, LG, loadPlans, openCycleAs, person, STAFF, type Person } from "./cycle-support.ts";

/** initiative number → [state, self grade, CIO grade?] per year. */
const Y2022: Record<number, [string, Grade, Grade?]> = {
  1: ["published", "A"],
  2: ["published", "S"],
  3: ["published", "B"],
  4: ["published", "A"],
  5: ["published", "C"],
  6: ["published", "A"],
  7: ["published", "B"],
  8: ["finalised", "A"],
  9: ["published", "B"],
};
const Y2023: Record<number, [string, Grade, Grade?]> = {
  1: ["published", "A"],
  2: ["published", "B", "A"],
  3: ["published", "B"],
  4: ["published", "S"],
  5: ["finalised", "B"],
  6: ["published", "A"],
  7: ["published", "A"],
  9: ["in_review", "C"],
};

describeEachDatabase("PDCA cycle: evaluation summary (図表10) and published results", (ctx) => {
  let cio: Person;

  const setGrades = async (cycle: number, grades: Record<number, [string, Grade, Grade?]>) => {
    for (const [number, [state, self, adjusted]] of Object.entries(grades)) {
      await ctx.db.query(
        `update initiative_report r set state = $3, self_grade = $4, grade_reasons = '理由', issues = '課題', improvement_measures = '改善策',
                cio_grade = $5, cio_grade_reason = case when $5::text is null then null else 'CIOの理由' end
           from initiative i where i.id = r.initiative_id and r.cycle_id = $1 and i.number = $2`,
        [cycle, Number(number), state, self, adjusted ?? null],
      );
    }
  };

  beforeAll(async () => {
    await loadPlans(ctx.db);
    const secretariat = await person(ctx.db, ["secretariat"]);
    cio = await person(ctx.db, ["cio"]);
    expect((await openCycleAs(secretariat, 2022)).status).toBe(303);
    expect((await openCycleAs(secretariat, 2023, { reportDue: "2024-05-31", reviewDue: "2024-06-14", committeeDue: "2024-06-28" })).status).toBe(303);
    await setGrades(await cycleId(ctx.db, LG, 2022), Y2022);
    await setGrades(await cycleId(ctx.db, LG, 2023), Y2023);
  });

  const finalGrades = (year: Record<number, [string, Grade, Grade?]>) =>
    Object.values(year)
      .filter(([state]) => state === "finalised" || state === "published")
      .map(([, self, adjusted]) => adjusted ?? self);

  it("computes a year's 図表10 from final grades with the history page's rounding", async () => {
    expect((await cio.browser.get(`${STAFF}/evaluation?year=2023`)).status).toBe(200);
    const grades = finalGrades(Y2023);
    const counts = (["S", "A", "B", "C"] as Grade[]).map((grade) => ({ grade, count: grades.filter((g) => g === grade).length }));
    const shares = gradeShares(counts)!;
    expect([...shares.values()].reduce((a, b) => a + b, 0)).toBe(100);
    const html = cio.browser.lastHtml;
    // Columns: 3 printed years, then 2022 and 2023 computed; the last pair of cells in each row is 2023.
    for (const { grade, count } of counts) {
      const row = new RegExp(`<th scope="row">${grade} <span class="note">[^<]*</span></th>((?:<td class="num">[^<]*</td>)+)</tr>`).exec(html);
      const cells = [...row![1]!.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
      expect(cells.length).toBe(10);
      expect(cells.slice(-2)).toEqual([String(count), `${shares.get(grade)}%`]);
      expect(cells.slice(0, 2)).toEqual([String({ S: 5, A: 15, B: 7, C: 0 }[grade]), `${{ S: 19, A: 55, B: 26, C: 0 }[grade]}%`]); // printed 令和元年度
    }
    const text = visibleText(html);
    expect(text).toContain("令和5年度で確定した取組項目: 7件、未確定: 30件");
    expect(text).toContain("令和元年度（計画に印字）");
  });

  it("names the initiatives graded B or C two years running (final grades only)", async () => {
    await cio.browser.get(`${STAFF}/evaluation?year=2023`);
    const text = visibleText(cio.browser.lastHtml);
    const section = text.slice(text.indexOf("2年続けてB・C評価の取組項目"));
    expect(section).toContain("取組項目3 ");
    expect(section).toContain("令和4年度 B → 令和5年度 B");
    expect(section).toContain("取組項目5 ");
    expect(section).toContain("令和4年度 C → 令和5年度 B");
    expect(section).not.toContain("取組項目2 "); // B self-grade, but the CIO made it A
    expect(section).not.toContain("取組項目7 "); // B then A
    expect(section).not.toContain("取組項目9 "); // 2023 not final yet
  });

  it("refuses a malformed year", async () => {
    expect((await cio.browser.get(`${STAFF}/evaluation?year=abc`)).status).toBe(400);
  });

  it("shows citizens only published results, counted with the same rule", async () => {
    const citizen = new TestBrowser(testApp(ctx.db));
    expect((await citizen.get(`/${LG}/results`)).status).toBe(200);
    expect(visibleText(citizen.lastHtml)).toContain("令和5年度（2023年度）の評価結果");
    expect((await citizen.get(`/${LG}/results/2023`)).status).toBe(200);
    const text = visibleText(citizen.lastHtml);
    expect(text).toContain("37項目中6項目を公表（集計の母数 n=6）");
    expect(text).toContain("担当課の自己評価 B → CIOが A に変更");
    expect(text).toContain("認知症高齢者見守りネットワークシステムの運用"); // initiative 4 is published
    expect(citizen.lastHtml).toContain(`/${LG}/initiatives/4#result-2023`);
    expect(citizen.lastHtml).not.toContain(`/${LG}/initiatives/5#result-2023`); // finalised, not published
    expect(citizen.lastHtml).not.toContain(`/${LG}/initiatives/9#result-2023`); // under review
    await citizen.get(`/${LG}/initiatives/9`);
    const nine = visibleText(citizen.lastHtml);
    expect(nine).toContain("令和4年度（2022年度）の取組実績の評価");
    expect(nine).not.toContain("令和5年度（2023年度）の取組実績の評価");
    expect((await citizen.get(`/${LG}/results/2021`)).status).toBe(404);
    expect((await citizen.get(`/131016/results/2023`)).status).toBe(404);
  });

  it("lists an officer's tasks by deadline, the lead division's own first", async () => {
    const officer = await person(ctx.db, ["digital_officer"], { division: LEAD });
    expect((await officer.browser.get(`${STAFF}/my-tasks`)).status).toBe(200);
    const text = visibleText(officer.browser.lastHtml);
    // 危機管理課 leads initiative 6 only, published in both years: nothing of its own waits; 「全部局」 drafts invite a contribution.
    expect(text).toContain("関係課としての入力（任意）");
    expect(text).not.toContain("主担当");
    await ctx.db.query(
      `update initiative_report r set state = 'returned' from initiative i
        where i.id = r.initiative_id and i.number = 6 and r.cycle_id = $1`,
      [await cycleId(ctx.db, LG, 2023)],
    );
    await officer.browser.get(`${STAFF}/my-tasks`);
    const after = visibleText(officer.browser.lastHtml);
    // Returned first, with what to do and the deadline long past (令和6年 = 2024).
    expect(after).toMatch(/あなたを待っている作業（\d+件）取組項目あなたの作業状態期限6 防災拠点での情報収集・伝達手段の確保（Wi-Fi環境の整備）（令和5年度の報告）差戻しの修正差戻し令和6年5月31日（2024年5月31日）（\d+日超過）/);
  });
}, { seed: "tokushima" });
