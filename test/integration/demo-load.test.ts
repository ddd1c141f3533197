/**
 * loadDemo (issue #3 §8): one sample account per role, sample reports for
 * FY2022–FY2024 made through the real commands, a second run that changes
 * nothing, and the banner on every page of a municipality holding them.
 */
import { expect, it } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { ROLES } from "../../src/modules/tenancy/roles.ts";
import { DEMO_ACCOUNTS } from "../../src/modules/demo/demo-accounts.ts";
import { DEMO_NOTICE } from "../../src/modules/tenancy/demo-notice.ts";
import { loadDemo } from "../../src/modules/demo/load-demo.ts";
import { importPlan } from "../../src/modules/plan/commands/import-plan.ts";
import { createStaff, signInAs } from "../support/accounts.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { loadTokushima, tokushimaPlan } from "../support/fixtures.ts";
import { TestBrowser } from "../support/session.ts";

const LG = "362018";
const PLAIN_LG = "131016";

async function rows<T>(db: Database, sql: string, params: unknown[] = []): Promise<T[]> {
  return db.query<T & Record<string, unknown>>(sql, params) as Promise<T[]>;
}

/** Row counts of everything the demo writes. */
async function counts(db: Database): Promise<Record<string, number>> {
  const tables = ["app_user", "user_role", "evaluation_cycle", "initiative_report", "report_event", "report_kpi_actual", "audit_log", "mail_outbox", "demo_marker"];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = (await rows<{ n: number }>(db, `select count(*)::int as n from ${t}`))[0]!.n;
  return out;
}

describeEachDatabase(
  "loadDemo",
  (ctx) => {
    it("creates one ready account per role, the officer and head in デジタル推進課", async () => {
      const users = await rows<{ login_id: string; display_name: string; role: string; division: string | null; must_change_password: boolean }>(
        ctx.db,
        `select u.login_id, u.display_name, r.role, d.name as division, u.must_change_password
           from app_user u join user_role r on r.user_id = u.id left join division d on d.id = u.division_id
           join municipality m on m.id = u.municipality_id where m.lg_code = $1 order by u.login_id`,
        [LG],
      );
      expect(users.map((u) => u.role).sort()).toEqual([...ROLES].sort());
      expect(users.every((u) => u.display_name.startsWith("【サンプル】") && !u.must_change_password)).toBe(true);
      const byRole = new Map(users.map((u) => [u.role, u]));
      expect(byRole.get("digital_officer")!.division).toBe("デジタル推進課");
      expect(byRole.get("division_head")!.division).toBe("デジタル推進課");
    });

    it("makes FY2022 and FY2023 published and FY2024 open with reports in several states", async () => {
      const states = await rows<{ fiscal_year: number; state: string; n: number }>(
        ctx.db,
        `select c.fiscal_year, r.state, count(*)::int as n from initiative_report r join evaluation_cycle c on c.id = r.cycle_id
          group by 1, 2 order by 1, 2`,
      );
      const of = (year: number) => Object.fromEntries(states.filter((s) => s.fiscal_year === year).map((s) => [s.state, s.n]));
      expect(of(2022)).toEqual({ published: 37 });
      expect(of(2023)).toEqual({ published: 37 });
      expect(Object.keys(of(2024)).sort()).toEqual(["draft", "in_review", "returned", "submitted"]);

      const grades = await rows<{ self_grade: string }>(ctx.db, "select distinct self_grade from initiative_report where state = 'published' order by 1");
      expect(grades.map((g) => g.self_grade)).toEqual(["A", "B", "C", "S"]);
      const weak = await rows<{ n: number }>(
        ctx.db,
        "select count(*)::int as n from initiative_report where self_grade in ('B', 'C') and (improvement_measures is null or issues is null)",
      );
      expect(weak[0]!.n).toBe(0);
      const changes = await rows<{ fiscal_year: number; cio_grade: string; cio_grade_reason: string }>(
        ctx.db,
        "select c.fiscal_year, r.cio_grade, r.cio_grade_reason from initiative_report r join evaluation_cycle c on c.id = r.cycle_id where r.cio_grade is not null order by 1",
      );
      expect(changes.map((c) => c.fiscal_year)).toEqual([2022, 2023]);
      const comments = await rows<{ action: string; n: number }>(
        ctx.db,
        "select action, count(*)::int as n from report_event where action in ('comment', 'return') group by action order by action",
      );
      expect(comments.map((c) => c.action)).toEqual(["comment", "return"]);
    });

    it("starts every sample text with 【サンプル】", async () => {
      const texts = await rows<{ t: string }>(
        ctx.db,
        `select unnest(array[plan_text, grade_reasons, issues, improvement_measures, next_year_plan, cio_grade_reason]) as t from initiative_report
         union all select comment from report_event where action in ('comment', 'return', 'change_grade')
         union all select source from report_kpi_actual`,
      );
      const present = texts.map((r) => r.t).filter((t) => t !== null);
      expect(present.length).toBeGreaterThan(200);
      // A grade change's event is worded by the command: 「評価をBからAに変更: 【サンプル】…」.
      expect(present.filter((t) => !t.startsWith("【サンプル】") && !/^評価を.から.に変更: 【サンプル】/.test(t))).toEqual([]);
    });

    it("changes nothing when run again", async () => {
      const before = await counts(ctx.db);
      const again = await loadDemo(ctx.db, { lgCode: LG });
      expect(again).toMatchObject({ ok: true, loaded: false });
      expect(await counts(ctx.db)).toEqual(before);
    });

    it("refuses a municipality whose real data would collide, marking nothing", async () => {
      await createStaff(ctx.db, { lgCode: PLAIN_LG, roles: ["viewer"], loginId: "demo-viewer" });
      const result = await loadDemo(ctx.db, { lgCode: PLAIN_LG });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toContain("demo-viewer");
      const markers = await rows<{ n: number }>(ctx.db, "select count(*)::int as n from demo_marker");
      expect(markers[0]!.n).toBe(1);
    });

    it("shows the banner on the public pages of the demo municipality only", async () => {
      const app = testApp(ctx.db);
      const initiative = await (await app.request(`/${LG}/initiatives/1`)).text();
      expect(initiative).toContain("【サンプル】");
      expect(initiative).toContain(`<p class="demo-banner">${DEMO_NOTICE}</p>`);
      expect(await (await app.request(`/${LG}`)).text()).toContain(DEMO_NOTICE);
      for (const path of [`/${PLAIN_LG}/initiatives/1`, `/${PLAIN_LG}`, `/${PLAIN_LG}/staff/sign-in`]) {
        expect(await (await app.request(path)).text(), path).not.toContain("demo-banner");
      }
    });

    it("lets the demo officer sign in with the printed password, and shows the banner on staff pages", async () => {
      const officer = DEMO_ACCOUNTS.find((a) => a.role === "digital_officer")!;
      const [user] = await rows<{ id: number }>(ctx.db, "select id from app_user where login_id = $1", [officer.loginId]);
      const browser = new TestBrowser(testApp(ctx.db));
      await signInAs(ctx.db, browser, { id: user!.id, loginId: officer.loginId, password: officer.password, lgCode: LG });
      const home = await browser.get(`/${LG}/staff`);
      expect(home.status).toBe(200);
      expect(browser.lastHtml).toContain("【サンプル】デジタル担当職員");
      expect(browser.lastHtml).toContain(DEMO_NOTICE);
    });
  },
  {
    setup: async (db) => {
      await loadTokushima(db);
      const plain = await importPlan(db, { lgCode: PLAIN_LG, municipalityName: "千代田区", plan: tokushimaPlan() });
      if (!plain.ok) throw new Error(plain.message);
      const result = await loadDemo(db, { lgCode: LG });
      if (!result.ok || !result.loaded) throw new Error(JSON.stringify(result));
    },
  },
);
