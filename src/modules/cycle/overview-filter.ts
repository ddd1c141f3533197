/**
 * The secretariat's filter of a cycle's overview: by stage, lead division
 * and grade, read from the query string (a GET form, so it works without
 * JavaScript and the address can be bookmarked). Pure: the handler turns a
 * refusal into a Japanese 400 page that names every bad value.
 */
import { GRADES, type Grade } from "../plan/plan.ts";
import { finalGrade, type Report } from "./cycle.ts";
import { REPORT_STATES, type ReportState } from "./domain/report-workflow.ts";

/** "none": no lead designated yet / not graded yet. */
export type OverviewFilter = { stage?: ReportState; division?: number | "none"; grade?: Grade | "none" };

export type ParsedFilter = { ok: true; filter: OverviewFilter } | { ok: false; problems: string[] };

export function parseOverviewFilter(query: { stage?: string; division?: string; grade?: string }, divisionIds: ReadonlySet<number>): ParsedFilter {
  const problems: string[] = [];
  const filter: OverviewFilter = {};
  const stage = query.stage?.trim() ?? "";
  if (stage !== "") {
    if ((REPORT_STATES as readonly string[]).includes(stage)) filter.stage = stage as ReportState;
    else problems.push("段階は一覧から選んでください");
  }
  const division = query.division?.trim() ?? "";
  if (division === "none") filter.division = "none";
  else if (division !== "") {
    if (/^\d{1,9}$/.test(division) && divisionIds.has(Number(division))) filter.division = Number(division);
    else problems.push("主担当課は一覧から選んでください");
  }
  const grade = query.grade?.trim() ?? "";
  if (grade === "none") filter.grade = "none";
  else if (grade !== "") {
    if ((GRADES as readonly string[]).includes(grade)) filter.grade = grade as Grade;
    else problems.push("評価は S・A・B・C・未評価 から選んでください");
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, filter };
}

export function matchesFilter(report: Pick<Report, "state" | "leadDivisionId" | "selfGrade" | "cioGrade">, filter: OverviewFilter): boolean {
  if (filter.stage && report.state !== filter.stage) return false;
  if (filter.division === "none" && report.leadDivisionId !== null) return false;
  if (typeof filter.division === "number" && report.leadDivisionId !== filter.division) return false;
  const grade = finalGrade(report);
  if (filter.grade === "none" && grade !== null) return false;
  if (filter.grade && filter.grade !== "none" && grade !== filter.grade) return false;
  return true;
}

export const isFiltered = (f: OverviewFilter) => f.stage !== undefined || f.division !== undefined || f.grade !== undefined;
