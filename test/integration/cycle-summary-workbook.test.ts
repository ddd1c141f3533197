/**
 * The 集計表 (cycle/summary-workbook): its content checked against the
 * database for a cycle with sample reports, "no value" as empty cells, and
 * who may download it (secretariat, committee, CIO; divisions and viewers
 * refused; another municipality's cycle not found).
 */
import { beforeAll, expect, it } from "vitest";
import { readWorkbook, type ReadSheet, type ReadValue } from "../../src/core/spreadsheet/read.ts";
import { STATE_LABELS, type ReportState } from "../../src/modules/cycle/domain/report-workflow.ts";
import { createMunicipality } from "../support/accounts.ts";
import { describeEachDatabase } from "../support/databases.ts";
import { publishSampleYears } from "../support/published-results.ts";
import { CO, cycleId, LEAD, LG, OTHER_LG, person, type Person } from "./cycle-support.ts";

const plain = (v: ReadValue | undefined) => (v === undefined ? null : v.kind === "text" ? v.text : v.kind === "number" ? v.number : `(${v.kind})`);

/** A data sheet as records keyed by its header row (row 1); an empty cell is absent (null). */
function records(sheet: ReadSheet): Record<string, string | number | null>[] {
  const header = new Map(sheet.cells.filter((c) => c.row === 1).map((c) => [c.col, String(plain(c.value))]));
  const rows = new Map<number, Record<string, string | number | null>>();
  for (const cell of sheet.cells) {
    if (cell.row === 1) continue;
    const row = rows.get(cell.row) ?? Object.fromEntries([...header.values()].map((h) => [h, null]));
    row[header.get(cell.col)!] = plain(cell.value);
    rows.set(cell.row, row);
  }
  return [...rows].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
}

describeEachDatabase("the 集計表 of a cycle", (ctx) => {
  let cycle: number;
  let secretariat: Person;
  let url: string;
  let sheets: ReadSheet[];

  beforeAll(async () => {
    await createMunicipality(ctx.db, OTHER_LG, "千代田区");
    await publishSampleYears(ctx.db, LG, [2022]);
    cycle = await cycleId(ctx.db, LG, 2022);
    url = `/${LG}/staff/cycles/${cycle}/summary.xlsx`;
    // Initiative 6's KPI (target 27 in 2022) reported as 30: 111.1%, S. Initiative 7's KPI not reported; its report still under review.
    await ctx.db.query(
      `update report_kpi_actual a set actual_value = 30 from initiative_report r join initiative i on i.id = r.initiative_id
        where a.report_id = r.id and r.cycle_id = $1 and i.number = 6`,
      [cycle],
    );
    await ctx.db.query(
      `update report_kpi_actual a set actual_value = null from initiative_report r join initiative i on i.id = r.initiative_id
        where a.report_id = r.id and r.cycle_id = $1 and i.number = 7`,
      [cycle],
    );
    await ctx.db.query(
      `update initiative_report r set state = 'in_review' from initiative i where i.id = r.initiative_id and r.cycle_id = $1 and i.number = 7`,
      [cycle],
    );
    secretariat = await person(ctx.db, ["secretariat"]);
    const res = await secretariat.browser.get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toContain(`${LG}-2022-summary.xlsx`);
    const read = await readWorkbook(new Uint8Array(await res.arrayBuffer()));
    if (!read.ok) throw new Error(read.message);
    sheets = read.sheets;
  });

  const sheet = (name: string) => sheets.find((s) => s.name === name)!;

  it("has a cover with notes in Japanese and one table per sheet, header on row 1", () => {
    expect(sheets.map((s) => s.name)).toEqual(["表紙・注記", "取組項目別", "数値目標別", "課別"]);
    const cover = sheet("表紙・注記").cells.map((c) => plain(c.value)).join("\n");
    expect(cover).toContain("令和4年度（2022年度） 自己評価 集計表");
    expect(cover).toContain("空欄の意味：値がないことを表します（0ではありません）");
    for (const name of ["取組項目別", "数値目標別", "課別"]) {
      const cells = sheet(name).cells;
      const headers = cells.filter((c) => c.row === 1);
      expect(headers.every((c) => c.value.kind === "text"), name).toBe(true);
      // No column without a header, no blank row inside the table.
      const columns = new Set(headers.map((c) => c.col));
      expect(cells.every((c) => columns.has(c.col)), name).toBe(true);
      const rows = [...new Set(cells.map((c) => c.row))].sort((a, b) => a - b);
      expect(rows).toEqual(rows.map((_, i) => i + 1));
    }
  });

  it("lists every report with its division, state and grades as the database holds them", async () => {
    const rows = records(sheet("取組項目別"));
    const db = await ctx.db.query<{ number: number; state: ReportState; self_grade: string | null; cio_grade: string | null; lead: string | null }>(
      `select i.number, r.state, r.self_grade, r.cio_grade, d.name as lead from initiative_report r
         join initiative i on i.id = r.initiative_id left join division d on d.id = r.lead_division_id
        where r.cycle_id = $1 order by i.number`,
      [cycle],
    );
    expect(rows).toHaveLength(db.length);
    for (const report of db) {
      const row = rows.find((r) => r["取組項目番号"] === report.number)!;
      expect(row, `取組項目${report.number}`).toMatchObject({
        主担当課: report.lead,
        報告の状態: STATE_LABELS[report.state],
        自己評価: report.self_grade,
        CIOが変更した評価: report.cio_grade,
        確定した評価: report.state === "in_review" ? null : (report.cio_grade ?? report.self_grade),
      });
    }
    expect(db.some((r) => r.cio_grade !== null)).toBe(true);
    // By division: each division's rows together.
    const leads = rows.map((r) => r["主担当課"]);
    expect(leads.filter((l, i) => i > 0 && l !== leads[i - 1] && leads.slice(0, i).includes(l))).toEqual([]);
  });

  it("gives each KPI's target, actual and rate by the achievement rule; no value is an empty cell, never 0", async () => {
    const rows = records(sheet("数値目標別"));
    const kpi6 = rows.filter((r) => r["取組項目番号"] === 6);
    expect(kpi6).toHaveLength(1);
    expect(kpi6[0]).toMatchObject({ 主担当課: LEAD, "目標値（令和4年度（2022年度））": 27, 実績値: 30, "達成率（%）": 111.1, 達成状況: "達成", 評価の目安: "S" });
    const kpi7 = rows.filter((r) => r["取組項目番号"] === 7);
    expect(kpi7.length).toBeGreaterThan(0);
    for (const row of kpi7) expect(row).toMatchObject({ 実績値: null, "達成率（%）": null, 達成状況: "実績未入力", 評価の目安: null });

    const actuals = await ctx.db.query<{ key: string; actual: string | null; target: string | null }>(
      `select i.number || '-' || k.position as key, a.actual_value::text as actual, t.value::text as target
         from report_kpi_actual a join initiative_report r on r.id = a.report_id join initiative i on i.id = r.initiative_id
         join kpi k on k.id = a.kpi_id left join kpi_target t on t.kpi_id = k.id and t.fiscal_year = 2022
        where r.cycle_id = $1`,
      [cycle],
    );
    expect(rows).toHaveLength(actuals.length);
    for (const a of actuals) {
      const row = rows.find((r) => r["数値目標ID"] === a.key)!;
      expect(row["実績値"], a.key).toBe(a.actual === null ? null : Number(a.actual));
      expect(row["目標値（令和4年度（2022年度））"], a.key).toBe(a.target === null ? null : Number(a.target));
      if (a.actual === null || a.target === null) expect(row["達成率（%）"], a.key).toBeNull();
    }
  });

  it("counts each division's grades", () => {
    const initiatives = records(sheet("取組項目別"));
    const divisions = records(sheet("課別"));
    const lead = divisions.find((d) => d["主担当課"] === LEAD)!;
    const mine = initiatives.filter((r) => r["主担当課"] === LEAD);
    expect(lead["取組項目の数"]).toBe(mine.length);
    expect(lead["自己評価Sの数"]).toBe(mine.filter((r) => r["自己評価"] === "S").length);
    expect(divisions.reduce((n, d) => n + Number(d["取組項目の数"]), 0)).toBe(initiatives.length);
  });

  it("is downloaded by the committee and the CIO, linked from the cycle and evaluation pages", async () => {
    for (const roles of [["committee_member"], ["cio"]] as const) {
      const p = await person(ctx.db, [...roles]);
      expect((await p.browser.get(url)).status, roles[0]).toBe(200);
      await p.browser.get(`/${LG}/staff/cycles/${cycle}`);
      expect(p.browser.lastHtml).toContain(`href="${url}"`);
      await p.browser.get(`/${LG}/staff/evaluation?year=2022`);
      expect(p.browser.lastHtml).toContain(`href="${url}"`);
    }
  });

  it("is refused to divisions and viewers (403) and not found from another municipality", async () => {
    const refused = [
      await person(ctx.db, ["division_head"], { division: LEAD }),
      await person(ctx.db, ["digital_officer"], { division: CO }),
      await person(ctx.db, ["viewer"]),
    ];
    for (const p of refused) expect((await p.browser.get(url)).status).toBe(403);
    await refused[2]!.browser.get(`/${LG}/staff/cycles/${cycle}`);
    expect(refused[2]!.browser.lastHtml).not.toContain("summary.xlsx");
    const other = await person(ctx.db, ["secretariat"], { lgCode: OTHER_LG });
    expect((await other.browser.get(`/${OTHER_LG}/staff/cycles/${cycle}/summary.xlsx`)).status).toBe(404);
    expect((await other.browser.get(url)).status).toBe(404);
  });
}, { seed: "tokushima" });
