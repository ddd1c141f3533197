/**
 * GET /:lgCode/staff/cycles/:cycleId/summary.xlsx — the cycle's 集計表 for
 * the committee. Secretariat, committee members and the CIO of the URL's
 * municipality; divisions (and viewers) are refused with 403, another
 * municipality's cycle is not found (404).
 */
import { Hono } from "hono";
import { requireUser, staffState, type StaffEnv } from "../../accounts/staff-area.ts";
import { loadCycle, planOf, type CycleDeps } from "../route-support.ts";
import { listMunicipalityDivisions } from "../repository/cycle-queries.ts";
import { listKpiActuals, listReports } from "../repository/report-queries.ts";
import { SUMMARY_ROLES } from "./access.ts";
import { summaryTitle, summaryWorkbook } from "./summary-sheets.ts";
import { writeSummaryWorkbook } from "./write-summary-workbook.ts";


const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function summaryWorkbookRoutes(deps: CycleDeps): Hono<StaffEnv> {
  const r = new Hono<StaffEnv>();
  r.get("/:lgCode{[0-9]{6}}/staff/cycles/:cycleId{[0-9]{1,9}}/summary.xlsx", async (c) => {
    const signedIn = requireUser(c, { roles: SUMMARY_ROLES });
    if (signedIn instanceof Response) return signedIn;
    const { municipality } = staffState(c);
    const cycle = await loadCycle(c, deps.db);
    const [plan, reports, divisions] = await Promise.all([
      planOf(deps, municipality, cycle.planId),
      listReports(deps.db, cycle.id),
      listMunicipalityDivisions(deps.db, municipality.id),
    ]);
    const actuals = await listKpiActuals(deps.db, reports.map((report) => report.id));
    const workbook = summaryWorkbook({
      plan,
      cycle,
      reports,
      actuals,
      divisionNames: new Map(divisions.map((d) => [d.id, d.name])),
      madeAt: japanTime(new Date()),
    });
    const bytes = await writeSummaryWorkbook(workbook, municipality.name);
    const fileName = `${municipality.lgCode}-${cycle.fiscalYear}-summary.xlsx`;
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": XLSX,
      "Content-Disposition": `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(`${summaryTitle(cycle)}.xlsx`)}`,
      "Cache-Control": "private, no-store",
    });
  });
  return r;
}

/** 2026-12-07 10:15 (日本時間). */
function japanTime(at: Date): string {
  const parts = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Tokyo", dateStyle: "short", timeStyle: "short" }).format(at);
  return `${parts}（日本時間）`;
}
