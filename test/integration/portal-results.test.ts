/**
 * Results on the portal (issue #6 §1) over published results like the demo's
 * (FY2022 and FY2023 published, support/published-results.ts): the navigation, the top
 * page's latest year, each year's page with its GET filters and the change
 * from the year before, 評価の推移 with the previous plan's 図表10, the
 * policy and initiative pages — and a year only partly published, which must
 * say so and show no percentage that could mislead (decision 022).
 */
import { beforeAll, expect, it } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { loadTokushima } from "../support/fixtures.ts";
import { visibleText } from "../support/html.ts";
import { publishSampleYears } from "../support/published-results.ts";

const LG = "362018";

type GradeRow = { fiscal_year: number; number: number; policy_number: number; grade: string; self_grade: string; cio_grade: string | null; cio_grade_reason: string | null };

/** Final grades of the published reports, straight from the tables (not through the code under test). */
async function publishedGrades(db: Database): Promise<GradeRow[]> {
  return db.query<GradeRow>(
    `select c.fiscal_year, i.number, p.number as policy_number, coalesce(r.cio_grade, r.self_grade) as grade, r.self_grade, r.cio_grade, r.cio_grade_reason
       from initiative_report r join evaluation_cycle c on c.id = r.cycle_id join initiative i on i.id = r.initiative_id join policy p on p.id = i.policy_id
      where r.state = 'published' order by c.fiscal_year, i.number`,
  );
}

/** Marks reports unpublished (finalised) or published again, and tells the page cache. */
async function setPublished(db: Database, fiscalYear: number, numbers: (n: number) => boolean, published: boolean) {
  const rows = await db.query<{ id: number; number: number }>(
    `select r.id, i.number from initiative_report r join evaluation_cycle c on c.id = r.cycle_id join initiative i on i.id = r.initiative_id
      where c.fiscal_year = $1`,
    [fiscalYear],
  );
  const ids = rows.filter((r) => numbers(r.number)).map((r) => r.id);
  await db.query("update initiative_report set state = $2 where id = any($1::int[])", [ids, published ? "published" : "finalised"]);
  await db.query("update municipality set public_changed_at = clock_timestamp()");
}

/** The rows of the table with this caption, each as its cells' visible text joined by " | ". */
function tableRows(html: string, caption: string): string[] {
  const start = html.indexOf(`<caption>${caption}`);
  expect(start, caption).toBeGreaterThan(-1);
  const table = html.slice(start, html.indexOf("</table>", start));
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => visibleText(c[1]!)).join(" | "),
  );
}

describeEachDatabase(
  "results on the portal",
  (ctx) => {
    let grades: GradeRow[];
    const get = async (path: string) => {
      const res = await testApp(ctx.db).request(path);
      return { status: res.status, html: await res.text() };
    };
    const count = (year: number, grade: string, policy?: number) =>
      grades.filter((g) => g.fiscal_year === year && g.grade === grade && (policy === undefined || g.policy_number === policy)).length;

    beforeAll(async () => {
      grades = await publishedGrades(ctx.db);
    });

    it("has 評価結果 in the global navigation and the latest year's summary on the top page", async () => {
      const { html } = await get(`/${LG}`);
      expect(html).toMatch(new RegExp(`<a href="/${LG}/results"[^>]*>評価結果</a>`));
      const text = visibleText(html);
      expect(text).toContain("最新の公表: 令和5年度（2023年度）の評価結果");
      expect(html).toContain(`href="/${LG}/results/2023"`);
      expect(text).toContain("全37項目を公表（集計の母数 n=37）");
      const rows = tableRows(html, "令和5年度（2023年度）の評価結果の集計");
      expect(rows.find((r) => r.startsWith("A "))).toContain(` | ${count(2023, "A")} | `);
      // The chart: an image named by its caption, the table beside it.
      expect(html).toMatch(/<svg class="chart"[^>]*role="img" aria-labelledby="top-results-caption"/);
      expect(html).toContain('<figcaption id="top-results-caption">');
    });

    it("lists the published years with how much of each is published", async () => {
      const text = visibleText((await get(`/${LG}/results`)).html);
      expect(text).toContain("令和4年度（2022年度）の評価結果（全37項目を公表）");
      expect(text).toContain("令和5年度（2023年度）の評価結果（全37項目を公表）");
      expect(text).not.toContain("2024年度）の評価結果"); // in progress, nothing published
    });

    it("shows a complete year's counts and percentages with their base and the rounding rule", async () => {
      const { status, html } = await get(`/${LG}/results/2023`);
      expect(status).toBe(200);
      const rows = tableRows(html, "令和5年度（2023年度）の評価結果の集計");
      expect(rows[0]).toContain("割合（n=37）");
      for (const g of ["S", "A", "B", "C"]) {
        const share = Math.round((count(2023, g) * 100) / 37);
        expect(rows.find((r) => r.startsWith(`${g} `))).toMatch(new RegExp(` \\| ${count(2023, g)} \\| (${share - 1}|${share}|${share + 1})%$`));
      }
      expect(visibleText(html)).toContain("最大剰余方式");
    });

    it("shows each initiative's change from the previous year, and both grades with the reason where the CIO changed one", async () => {
      const rows = tableRows((await get(`/${LG}/results/2023`)).html, "令和5年度（2023年度）の評価結果（取組項目ごと）");
      expect(rows).toHaveLength(38);
      const rank = { S: 4, A: 3, B: 2, C: 1 } as Record<string, number>;
      for (const number of [1, 2, 3, 7]) {
        const before = grades.find((g) => g.fiscal_year === 2022 && g.number === number)!.grade;
        const now = grades.find((g) => g.fiscal_year === 2023 && g.number === number)!.grade;
        const word = rank[now]! > rank[before]! ? "上昇" : rank[now]! < rank[before]! ? "低下" : "変化なし";
        expect(rows[number]).toContain(`${before} → ${now}（${word}）`);
      }
      const changed = grades.find((g) => g.fiscal_year === 2023 && g.cio_grade)!;
      expect(rows[changed.number]).toContain(`担当課の自己評価 ${changed.self_grade} → CIOが ${changed.cio_grade} に変更。理由: ${changed.cio_grade_reason}`);
      // The first published year has nothing to compare with.
      const first = tableRows((await get(`/${LG}/results/2022`)).html, "令和4年度（2022年度）の評価結果（取組項目ごと）");
      expect(first[1]).toContain("前年度の公表なし");
    });

    it("filters by policy, grade and division through a plain GET form", async () => {
      const form = (await get(`/${LG}/results/2023`)).html;
      expect(form).toContain(`<form class="filters" method="get" action="/${LG}/results/2023"`);
      for (const name of ["policy", "grade", "division"]) expect(form).toContain(`name="${name}"`);

      const byGrade = tableRows((await get(`/${LG}/results/2023?grade=C`)).html, "令和5年度（2023年度）の評価結果（取組項目ごと）").slice(1);
      expect(byGrade).toHaveLength(count(2023, "C"));
      expect(byGrade.length).toBeGreaterThan(0);

      const both = await get(`/${LG}/results/2023?policy=2&grade=A`);
      const rows = tableRows(both.html, "令和5年度（2023年度）の評価結果（取組項目ごと）").slice(1);
      expect(rows).toHaveLength(count(2023, "A", 2));
      expect(rows.every((r) => r.includes("取組方針2"))).toBe(true);
      expect(both.html).toMatch(/<option value="2" selected="">/);
      expect(visibleText(both.html)).toContain(`条件に合う取組項目: ${rows.length}件`);

      const [division] = await ctx.db.query<{ id: number }>("select id from division where name = '危機管理課'");
      const byDivision = tableRows((await get(`/${LG}/results/2023?division=${division!.id}`)).html, "令和5年度（2023年度）の評価結果（取組項目ごと）").slice(1);
      expect(byDivision.some((r) => r.includes("防災拠点での情報収集・伝達手段の確保"))).toBe(true);
      expect(byDivision.length).toBeLessThan(37);

      const none = await get(`/${LG}/results/2023?grade=none`);
      expect(visibleText(none.html)).toContain("条件に合う取組項目はありません。");
    });

    it("refuses bad filter values with a 400 page naming the parameter", async () => {
      for (const [query, message] of [
        ["grade=X", "評価（grade）は S、A、B、C、none（未評価）のいずれかで指定してください"],
        ["grade=A&grade=B", "評価（grade）は1つだけ指定してください"],
        ["policy=abc", "取組方針（policy）は取組方針の番号（半角数字）で指定してください"],
        ["policy=99", "取組方針 99 はこの計画にありません"],
        ["division=999999", "担当課の番号 999999 はこの計画にありません"],
      ] as const) {
        const { status, html } = await get(`/${LG}/results/2023?${query}`);
        expect(status, query).toBe(400);
        expect(visibleText(html), query).toContain(message);
      }
      expect((await get(`/${LG}/results/2024`)).status).toBe(404);
    });

    it("links the year to its downloads", async () => {
      const { html } = await get(`/${LG}/results/2023`);
      for (const href of [
        `/${LG}/results/2023/report`,
        `/${LG}/results/2023/report.pdf`,
        `/${LG}/open-data/evaluation-results.csv`,
        `/${LG}/open-data/evaluation-results.json`,
        `/${LG}/open-data/kpi-actuals.csv`,
        `/${LG}/open-data/kpi-actuals.json`,
      ]) {
        expect(html).toContain(`href="${href}"`);
      }
    });

    it("shows the previous plan's 図表10 and every published year together on 評価の推移", async () => {
      const { html } = await get(`/${LG}/evaluation-history`);
      const rows = tableRows(html, "自己評価の推移（前計画の図表10と本計画の公表済みの年度）");
      expect(rows.map((r) => r.split(/[（ ]/)[0])).toEqual(["年度", "令和元年度", "令和2年度", "令和3年度", "令和4年度", "令和5年度"]);
      expect(rows[1]).toContain("前計画（図表10）");
      expect(rows[4]).toContain(`本計画 | ${count(2022, "S")} | `);
      expect(rows[5]).toContain("全37項目を公表");
      expect(html).toMatch(/<svg class="chart"[^>]*role="img" aria-labelledby="evaluation-trend-caption"/);
      expect(visibleText(html)).toContain("最大剰余方式");
    });

    it("shows a policy's grades per year and how many of its KPIs met their target", async () => {
      const { html } = await get(`/${LG}/policies/1`);
      const rows = tableRows(html, "取組方針1の評価結果（年度別）");
      const policyItems = new Set(grades.filter((g) => g.policy_number === 1).map((g) => g.number)).size;
      expect(rows[1]).toContain(`令和4年度（2022年度） | ${["S", "A", "B", "C"].map((g) => count(2022, g, 1)).join(" | ")} | 全${policyItems}項目を公表`);
      // KPI attainment, computed here from the tables: met = actual ≥ target (≤ where lower is better).
      const [kpis] = await ctx.db.query<{ total: number; met: number }>(
        `select count(*)::int as total,
                count(*) filter (where case k.direction when 'lower' then a.actual_value <= t.value else a.actual_value >= t.value end)::int as met
           from initiative_report r join evaluation_cycle c on c.id = r.cycle_id join initiative i on i.id = r.initiative_id
           join policy p on p.id = i.policy_id join kpi k on k.initiative_id = i.id
           left join report_kpi_actual a on a.report_id = r.id and a.kpi_id = k.id
           left join kpi_target t on t.kpi_id = k.id and t.fiscal_year = c.fiscal_year
          where r.state = 'published' and c.fiscal_year = 2022 and p.number = 1`,
      );
      expect(kpis!.total).toBeGreaterThan(0);
      expect(rows[1]).toContain(`${kpis!.total}指標中${kpis!.met}指標が達成`);
    });

    it("shows an initiative's results year by year and, per KPI, actual against target by year", async () => {
      const { html } = await get(`/${LG}/initiatives/6`);
      const yearly = tableRows(html, "取組項目6の年度ごとの評価");
      expect(yearly.map((r) => r.split(" | ")[0])).toEqual(["年度", "令和4年度（2022年度）", "令和5年度（2023年度）"]);
      expect(yearly[2]).toMatch(/[SABC] → [SABC]（(上昇|低下|変化なし)）/);
      const actuals = await ctx.db.query<{ fiscal_year: number; actual: string; target: string }>(
        `select c.fiscal_year, a.actual_value::text as actual, t.value::text as target
           from report_kpi_actual a join initiative_report r on r.id = a.report_id join evaluation_cycle c on c.id = r.cycle_id
           join initiative i on i.id = r.initiative_id join kpi_target t on t.kpi_id = a.kpi_id and t.fiscal_year = c.fiscal_year
          where i.number = 6 and r.state = 'published' order by 1`,
      );
      const rows = tableRows(html, "防災拠点へのWi-Fi環境整備箇所数の目標値と実績値（グラフの数値）");
      expect(rows[1]).toContain(`令和4年度（2022年度） | ${actuals[0]!.target}基 | ${actuals[0]!.actual}基 | `);
      expect(rows[2]).toContain(`令和5年度（2023年度） | ${actuals[1]!.target}基 | ${actuals[1]!.actual}基 | `);
      expect(rows[3]).toContain("未公表");
      expect(html).toMatch(/<svg class="chart"[^>]*role="img" aria-labelledby="result-chart-[^"]+-caption"/);
    });

    it("says how much of a partly published year is published, everywhere, with no misleading percentage", async () => {
      await setPublished(ctx.db, 2023, (n) => n > 12, false);
      try {
        const year = await get(`/${LG}/results/2023`);
        const text = visibleText(year.html);
        expect(text).toContain("37項目中12項目を公表（集計の母数 n=12）");
        expect(text).toContain("割合は示さず項目数だけを示します");
        const summary = tableRows(year.html, "令和5年度（2023年度）の評価結果の集計（37項目中12項目を公表）");
        expect(summary.join("\n")).not.toMatch(/\d+%/);
        expect(summary.at(-1)).toBe("未公表 | 25");
        expect(summary[0]).toBe("評価 | 項目数"); // no share column while partly published
        const items = tableRows(year.html, "令和5年度（2023年度）の評価結果（取組項目ごと）");
        expect(items[13]).toContain("未公表");

        expect(visibleText((await get(`/${LG}`)).html)).toContain("37項目中12項目を公表");
        expect(visibleText((await get(`/${LG}/results`)).html)).toContain("令和5年度（2023年度）の評価結果（37項目中12項目を公表）");
        const history = tableRows((await get(`/${LG}/evaluation-history`)).html, "自己評価の推移（前計画の図表10と本計画の公表済みの年度）");
        expect(history[5]).toContain("37項目中12項目を公表");
        expect(history[5]).not.toMatch(/\d+%/);

        // One published item: no "A 100%" anywhere.
        await setPublished(ctx.db, 2023, (n) => n > 1, false);
        const one = await get(`/${LG}/results/2023`);
        expect(visibleText(one.html)).toContain("37項目中1項目を公表（集計の母数 n=1）");
        expect(visibleText(one.html)).not.toContain("100%");
        expect(visibleText((await get(`/${LG}`)).html)).not.toContain("100%");
      } finally {
        await setPublished(ctx.db, 2023, () => true, true);
      }
      expect(visibleText((await get(`/${LG}/results/2023`)).html)).toContain("全37項目を公表");
    });

    it("loads a year's page with a fixed number of queries, however many years are published", async () => {
      let queries = 0;
      const counting = new Proxy(ctx.db, {
        get(target, key, receiver) {
          if (key === "query") return (sql: string, params?: readonly unknown[]) => (queries++, target.query(sql, params));
          const value = Reflect.get(target, key, receiver);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      const app = testApp(counting);
      await app.request(`/${LG}/glossary`); // the plan is loaded and cached once
      for (const path of [`/${LG}/results/2022`, `/${LG}/results/2023`, `/${LG}/initiatives/6`, `/${LG}/evaluation-history`]) {
        queries = 0;
        expect((await app.request(path)).status).toBe(200);
        // The initiative page also asks which survey findings the initiative answers (one query, survey module).
        expect(queries, path).toBeLessThanOrEqual(7);
      }
    });
  },
  {
    setup: async (db) => {
      await loadTokushima(db);
      await publishSampleYears(db, LG);
    },
  },
);
