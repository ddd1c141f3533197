/**
 * Public pages of published results: /:lgCode/results (the years) and
 * /:lgCode/results/:fiscalYear?policy=&grade=&division= (one year, filtered).
 * Only published reports of the current plan.
 */
import { listCorrections } from "./repository/correction-queries.ts";
import { Hono } from "hono";
import type { Context } from "hono";
import { badRequest, notFound } from "../../core/http/http-error.ts";
import type { Plan } from "../plan/plan.ts";
import { divisionOptions } from "../plan/domain/division-options.ts";
import { finalGrade } from "./cycle.ts";
import { summarisePublishedYear } from "./domain/published-summary.ts";
import { publishedGrades, publishedYearsOf } from "./published-results.ts";
import type { CycleDeps } from "./route-support.ts";
import { filterResults, parseResultsFilter } from "./results-filter.ts";
import { listPublishedReports } from "./repository/results-queries.ts";
import { ResultsIndexPage, ResultsYearPage } from "./views/public-results.tsx";
import type { YearRow } from "./views/results-year-parts.tsx";

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
    return c.html(<ResultsIndexPage plan={plan} years={await publishedYearsOf(deps.db, plan)} />);
  });

  r.get(`${RESULTS}/:fiscalYear{[0-9]{4}}`, async (c) => {
    const plan = await loadPlan(c);
    const parsed = parseResultsFilter(c.req.queries() as Record<string, string[]>, plan);
    if (!parsed.ok) throw badRequest(parsed.errors.join("。") + "。");
    const fiscalYear = Number(c.req.param("fiscalYear"));
    const [reports, grades] = await Promise.all([listPublishedReports(deps.db, plan.id, { fiscalYear }), publishedGrades(deps.db, plan)]);
    if (reports.length === 0) throw notFound("この年度の評価結果は公表されていません。");
    const corrections = await listCorrections(deps.db, reports.map(({ report }) => report.id));
    const byInitiative = new Map(reports.map(({ report }) => [report.initiativeId, report]));
    const previous = new Map(grades.filter((g) => g.fiscalYear === fiscalYear - 1).map((g) => [g.initiativeId, g.grade]));
    const rows: YearRow[] = plan.initiatives.map((initiative) => {
      const report = byInitiative.get(initiative.id);
      return { initiative, report, grade: report ? finalGrade(report) : null, previous: previous.get(initiative.id), corrections: report && corrections.get(report.id) };
    });
    const year = summarisePublishedYear(fiscalYear, plan.initiatives.length, reports.map(({ report }) => finalGrade(report)));
    return c.html(
      <ResultsYearPage plan={plan} year={year} rows={filterResults(rows, parsed.filter)} filter={parsed.filter} divisions={divisionOptions(plan)} />,
    );
  });

  return r;
}
