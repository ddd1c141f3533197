/**
 * GET /prefectures/{2桁} — a prefecture's municipalities compared on what
 * they have published; …/comparison.csv the same as data. Public, read-only.
 * Each municipality's plan comes through the PlanCache (as on its own pages)
 * and its published years through the cycle module's published-only queries.
 */
import { Hono } from "hono";
import type { Database } from "../../core/db/database.ts";
import { notFound } from "../../core/http/http-error.ts";
import { publishedPlanYears } from "../cycle/published-results.ts";
import type { PlanCache } from "../plan/plan-cache.ts";
import { listMunicipalities } from "../tenancy/repository/municipality-queries.ts";
import type { Plan } from "../plan/plan.ts";
import { findPrefecture, type Prefecture } from "../tenancy/prefectures.ts";
import { comparePlans, type PrefectureComparison } from "./comparison.ts";
import { comparisonCsv } from "./comparison-csv.ts";
import { PrefecturePage } from "./views/prefecture-page.tsx";

export type PrefectureDeps = { db: Database; plans: PlanCache };

const PREFECTURE = "/prefectures/:code{[0-9]{2}}";

export function prefectureRoutes({ db, plans }: PrefectureDeps): Hono {
  const r = new Hono();

  const load = async (code: string): Promise<{ prefecture: Prefecture; comparison: PrefectureComparison }> => {
    const prefecture = findPrefecture(code);
    if (!prefecture) throw notFound("この都道府県コードはありません（01〜47）。");
    const hosted = (await listMunicipalities(db)).filter((m) => m.lgCode.startsWith(prefecture.code));
    const entries: { plan: Plan; years: Awaited<ReturnType<typeof publishedPlanYears>> }[] = [];
    for (const m of hosted) {
      const plan = (await plans.current(m.lgCode))?.plan;
      if (plan) entries.push({ plan, years: await publishedPlanYears(db, plan) });
    }
    return { prefecture, comparison: comparePlans(entries) };
  };

  r.get(PREFECTURE, async (c) => {
    const { prefecture, comparison } = await load(c.req.param("code"));
    return c.html(<PrefecturePage prefecture={prefecture} comparison={comparison} />);
  });

  r.get(`${PREFECTURE}/comparison.csv`, async (c) => {
    const { prefecture, comparison } = await load(c.req.param("code"));
    return c.body(comparisonCsv(prefecture, comparison), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${prefecture.code}_dx-plans-comparison.csv"`,
    });
  });

  return r;
}
