/**
 * Public pages of published results: /:lgCode/results (the years) and
 * /:lgCode/results/:fiscalYear. Only published reports of the current plan.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { notFound } from "../../core/http/http-error.ts";
import type { Plan } from "../plan/plan.ts";
import { finalGrade } from "./cycle.ts";
import { summariseGrades } from "./domain/evaluation-summary.ts";
import { publishedResultsOfYear } from "./published-results.ts";
import type { CycleDeps } from "./route-support.ts";
import { listPublishedYears } from "./repository/results-queries.ts";
import { ResultsIndexPage, ResultsYearPage } from "./views/public-results.tsx";

const RESULTS = "/:lgCode{[0-9]{6}}/results";

export function publicResultRoutes(deps: Pick<CycleDeps, "db" | "plans">): Hono {
  const r = new Hono();
  const loadPlan = async (c: Context): Promise<Plan> => {
    const plan = (await deps.plans.current(c.req.param("lgCode")!))?.plan;
    if (!plan) throw notFound("この全国地方公共団体コードの計画は公開されていません。");
    return plan;
  };

  r.get(RESULTS, async (c) => {
    const plan = await loadPlan(c);
    return c.html(<ResultsIndexPage plan={plan} years={await listPublishedYears(deps.db, plan.id)} />);
  });

  r.get(`${RESULTS}/:fiscalYear{[0-9]{4}}`, async (c) => {
    const plan = await loadPlan(c);
    const fiscalYear = Number(c.req.param("fiscalYear"));
    const results = await publishedResultsOfYear(deps.db, plan, fiscalYear);
    if (results.length === 0) throw notFound("この年度の評価結果は公表されていません。");
    const summary = summariseGrades(fiscalYear, results.flatMap((r) => finalGrade(r.report) ?? []));
    return c.html(<ResultsYearPage plan={plan} fiscalYear={fiscalYear} results={results} summary={summary} />);
  });

  return r;
}
