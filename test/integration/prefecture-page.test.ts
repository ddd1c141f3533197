/**
 * A prefecture's page (issue #9 §3): its hosted municipalities side by side,
 * compared only on what each has published; another prefecture's
 * municipalities never appear; "not in this plan" stays apart from zero.
 */
import { expect, it } from "vitest";
import { importPlan } from "../../src/modules/plan/commands/import-plan.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { tokushimaPlan } from "../support/fixtures.ts";
import { visibleText } from "../support/html.ts";
import { publishSampleYears } from "../support/published-results.ts";

const NARUTO = "362026";
const CHIYODA = "131016";

describeEachDatabase(
  "prefecture comparison",
  (ctx) => {
    const app = () => testApp(ctx.db);

    it("lists the prefecture's municipalities and only published results", async () => {
      const res = await app().request("/prefectures/36");
      expect(res.status).toBe(200);
      const text = visibleText(await res.text());
      expect(text).toContain("徳島県の市町村のDX推進計画");
      expect(text).toContain("徳島市");
      expect(text).toContain("鳴門市");
      expect(text).not.toContain("千代田区");
      // 徳島市 published FY2022 in full; 鳴門市 has finalised (not published) reports only.
      const [row] = await ctx.db.query<{ grades: string }>(
        `select concat(count(*) filter (where coalesce(cio_grade, self_grade) = 'S'), count(*) filter (where coalesce(cio_grade, self_grade) = 'A'),
                       count(*) filter (where coalesce(cio_grade, self_grade) = 'B'), count(*) filter (where coalesce(cio_grade, self_grade) = 'C')) as grades
           from initiative_report r join evaluation_cycle c on c.id = r.cycle_id join plan p on p.id = c.plan_id join municipality m on m.id = p.municipality_id
          where m.lg_code = '362018' and c.fiscal_year = 2022 and r.state = 'published'`,
      );
      // Cells in order: published of planned, then S, A, B, C (the CIO's grade where it changed one).
      expect(text).toMatch(new RegExp(`令和4年度（2022年度）の評価結果.*徳島市37項目中37項目${row!.grades}\\d+／\\d+鳴門市`));
      expect(text).toMatch(/令和4年度（2022年度）の評価結果.*鳴門市\s*未公表/);
    });

    it("keeps an item the plan does not list (－, empty in CSV) apart from zero", async () => {
      const page = visibleText(await (await app().request("/prefectures/36")).text());
      expect(page).toContain("－（対応表にない項目）");
      const csv = await (await app().request("/prefectures/36/comparison.csv")).text();
      const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
      expect(lines[0]).toBe("\"prefecture_code\",\"lg_code\",\"municipality_name\",\"measure\",\"item_code\",\"item_label\",\"fiscal_year\",\"value\"");
      const naruto = lines.filter((l) => l.includes(`"${NARUTO}"`) && l.includes('"national_priority"'));
      const tokushima = lines.filter((l) => l.includes('"362018"') && l.includes('"national_priority"'));
      expect(naruto.length).toBe(tokushima.length);
      expect(naruto.filter((l) => l.endsWith(","))).toHaveLength(1); // the removed item: empty, not 0
      expect(lines.some((l) => l.includes(`"${CHIYODA}"`))).toBe(false);
      expect(lines.filter((l) => l.includes('"362018"') && l.includes('"grade"') && l.includes(",2022,"))).toHaveLength(4);
      expect(lines.some((l) => l.includes(`"${NARUTO}"`) && l.includes('"grade"'))).toBe(false);
    });

    it("answers 404 for a code that is not a prefecture, and links prefectures from the portal's front page", async () => {
      expect((await app().request("/prefectures/48")).status).toBe(404);
      expect((await app().request("/prefectures/00")).status).toBe(404);
      const empty = visibleText(await (await app().request("/prefectures/01")).text());
      expect(empty).toContain("このポータルで計画を公開している北海道の団体はまだありません");
      const front = await (await app().request("/")).text();
      expect(front).toContain('href="/prefectures/36"');
      expect(front).toContain('href="/prefectures/13"');
    });
  },
  {
    seed: "tokushima",
    async setup(db) {
      for (const [lgCode, municipalityName] of [[NARUTO, "鳴門市"], [CHIYODA, "千代田区"]] as const) {
        const imported = await importPlan(db, { lgCode, municipalityName, plan: tokushimaPlan() });
        if (!imported.ok) throw new Error(imported.message);
      }
      await publishSampleYears(db, "362018", [2022]);
      await publishSampleYears(db, NARUTO, [2022]);
      // 鳴門市's reports are finalised, not yet published: nothing of them may show.
      await db.query(
        `update initiative_report set state = 'finalised' where cycle_id in
           (select c.id from evaluation_cycle c join plan p on p.id = c.plan_id join municipality m on m.id = p.municipality_id where m.lg_code = $1)`,
        [NARUTO],
      );
      // 鳴門市's plan lacks one national priority item altogether.
      await db.query(
        `delete from national_priority_item where id = (select i.id from national_priority_item i join plan p on p.id = i.plan_id
           join municipality m on m.id = p.municipality_id where m.lg_code = $1 order by i.position limit 1)`,
        [NARUTO],
      );
    },
  },
);
