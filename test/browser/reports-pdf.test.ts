/**
 * The annual report's PDF itself (issue #6 §3), built once through the real
 * job (Chromium via playwright-core) from demo-like published data, on
 * PGlite only — the data paths are covered on both databases by
 * test/integration/reports.test.ts. Read back with poppler (pdftotext,
 * pdfinfo): every initiative's grade and KPI figures exactly as stored, the
 * contents' page numbers are the pages the headings are on, bookmarks, title
 * and language are set, and a year with a missing actual and no committee
 * comment builds and says so.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../../src/core/db/database.ts";
import { groupDigits } from "../../src/core/format/number.ts";
import { JobRunner } from "../../src/core/jobs/job-runner.ts";
import { readPdfFacts, type PdfFacts } from "../../src/core/pdf/outline.ts";
import { loadDemo } from "../../src/modules/demo/load-demo.ts";
import { findCurrentPlan } from "../../src/modules/plan/repository/plan-queries.ts";
import { findMunicipality } from "../../src/modules/tenancy/repository/municipality-queries.ts";
import { reportJobHandlers } from "../../src/modules/reports/build-document.ts";
import { queueDocumentBuild } from "../../src/modules/reports/commands/request-build.ts";
import { annualReportRef } from "../../src/modules/reports/document-ref.ts";
import { findBuildPdf } from "../../src/modules/reports/repository/document-builds.ts";
import { describeWithChromium } from "../support/browser.ts";
import { createTestDatabase } from "../support/databases.ts";
import { loadTokushima } from "../support/fixtures.ts";

const LG = "362018";

type Built = { pdf: Uint8Array; pages: string[]; facts: PdfFacts; info: string };

describeWithChromium("annual report PDF", () => {
  let db: Database;
  let dir: string;
  let planId: number;
  let municipalityId: number;
  const built = new Map<number, Built>();
  /** The initiative whose actuals were removed (it has no committee comment in the demo data). */
  let gap: { number: number; title: string };

  const read = (file: string, args: string[]) => execFileSync(args[0]!, [...args.slice(1), file, ...(args[0] === "pdftotext" ? ["-"] : [])], { encoding: "utf8" });

  beforeAll(async () => {
    db = await createTestDatabase("pglite");
    dir = mkdtempSync(join(tmpdir(), "reports-pdf-"));
    await loadTokushima(db);
    const demo = await loadDemo(db, { lgCode: LG });
    if (!demo.ok) throw new Error(demo.message);
    municipalityId = (await findMunicipality(db, LG))!.id;
    planId = (await findCurrentPlan(db, municipalityId))!.id;
    // One initiative without a committee comment loses its reported actuals: the same PDF shows a complete year and the gaps.
    const [row] = await db.query<{ report_id: number; number: number; title: string }>(
      `select r.id as report_id, i.number, i.title from initiative_report r join initiative i on i.id = r.initiative_id
         join evaluation_cycle c on c.id = r.cycle_id
        where c.plan_id = $1 and c.fiscal_year = 2022
          and exists (select 1 from report_kpi_actual a where a.report_id = r.id)
          and not exists (select 1 from report_event e where e.report_id = r.id and e.action = 'comment')
        order by i.number limit 1`,
      [planId],
    );
    await db.query("update report_kpi_actual set actual_value = null where report_id = $1", [row!.report_id]);
    gap = { number: row!.number, title: row!.title };

    for (const year of [2022]) await queueDocumentBuild(db, municipalityId, annualReportRef(planId, year, false), "テスト");
    const runner = new JobRunner(db, reportJobHandlers(db), { log: { log: () => {}, error: (...a: unknown[]) => console.error(...a) } });
    expect(await runner.drain()).toBe(1);
    for (const year of [2022]) {
      const build = await findBuildPdf(db, municipalityId, annualReportRef(planId, year, false));
      if (!build) throw new Error(`no build for ${year}: ${JSON.stringify(await db.query("select state, error from job"))}`);
      const file = join(dir, `${year}.pdf`);
      writeFileSync(file, build.pdf);
      if (process.env.REPORTS_PDF_KEEP) writeFileSync(join(process.env.REPORTS_PDF_KEEP, `${year}.pdf`), build.pdf);
      const text = read(file, ["pdftotext", "-layout", "-enc", "UTF-8"]).replace(/\r/g, "");
      // pdftotext separates pages with a form feed.
      built.set(year, { pdf: build.pdf, pages: text.split("\f"), facts: await readPdfFacts(build.pdf), info: read(file, ["pdfinfo"]) });
    }
  }, 600_000);

  afterAll(async () => {
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The text of an initiative's page(s): from its heading's page up to the next initiative's. */
  const initiativeText = (b: Built, number: number) => {
    const start = b.facts.outline.find((e) => e.title.startsWith(`取組項目${number} `))!.page;
    const next = b.facts.outline.find((e) => e.page > start && /^(取組項目|取組方針|付録)/.test(e.title))?.page ?? b.pages.length;
    return b.pages.slice(start - 1, Math.max(start, next - 1)).join("\n").replace(/[ \u3000]+/g, " ");
  };

  it("holds every initiative's grade and KPI figures exactly as in the database", async () => {
    const b = built.get(2022)!;
    const reports = await db.query<{ number: number; self_grade: string; cio_grade: string | null; report_id: number }>(
      `select i.number, r.self_grade, r.cio_grade, r.id as report_id from initiative_report r
         join initiative i on i.id = r.initiative_id join evaluation_cycle c on c.id = r.cycle_id
        where c.plan_id = $1 and c.fiscal_year = 2022 order by i.number`,
      [planId],
    );
    expect(reports).toHaveLength(37);
    for (const r of reports) {
      const text = initiativeText(b, r.number);
      expect(text, `initiative ${r.number}`).toContain(`自己評価: ${r.self_grade}`);
      if (r.cio_grade) expect(text).toContain(`CIOが評価を ${r.self_grade} から ${r.cio_grade} に変更しました`);
      const kpis = await db.query<{ value: string | null; unit: string; target: string | null }>(
        `select a.actual_value::text as value, k.unit, t.value::text as target from report_kpi_actual a join kpi k on k.id = a.kpi_id
           left join kpi_target t on t.kpi_id = k.id and t.fiscal_year = 2022 where a.report_id = $1`,
        [r.report_id],
      );
      for (const k of kpis) {
        // Units are short words (件, %, データセット): a cell may wrap between the figure and the unit.
        if (k.value !== null) expect(text, `initiative ${r.number} actual`).toContain(groupDigits(k.value));
        if (k.target !== null) expect(text, `initiative ${r.number} target`).toContain(groupDigits(k.target));
      }
    }
  });

  it("numbers the contents with the pages the headings are on", () => {
    const b = built.get(2022)!;
    const listed = b.facts.outline.filter((e) => /^(概要|取組方針\d|取組項目\d|付録)/.test(e.title));
    // The contents run from page 2 to the page before the summary.
    const contents = b.pages.slice(1, listed[0]!.page - 1).join("\n");
    expect(contents).toContain("目次");
    expect(listed.length).toBe(1 + 4 + 37 + 2);
    const lines = contents.split("\n").map((l) => l.replace(/\s+/g, " ").trim());
    for (const e of listed) {
      const line = lines.find((l) => l.startsWith(e.title.replace(/\s+/g, " ")) && /\d+$/.test(l));
      expect(line, e.title).toBeDefined();
      expect(Number(/(\d+)$/.exec(line!)![1]), e.title).toBe(e.page);
      // And the page really begins with that heading (after the running header).
      expect(b.pages[e.page - 1]!.replace(/\s+/g, " ")).toContain(e.title.replace(/\s+/g, " "));
    }
  });

  it("is a tagged A4 PDF with bookmarks, a title, the Japanese language, embedded fonts and 「n / N」 page numbers", () => {
    const b = built.get(2022)!;
    expect(b.info).toMatch(/Tagged:\s+yes/);
    expect(b.info).toMatch(/Page size:\s+59[45].*x 84[12].*\(A4\)/);
    expect(b.info).toMatch(/Title:\s+徳島市.*令和4年度取組状況報告書/);
    expect(Buffer.from(b.pdf).toString("latin1")).toContain("/Lang (ja)");
    expect(b.facts.outline.length).toBeGreaterThan(40);
    const n = b.facts.pageCount;
    expect(b.pages[2]!).toContain(`3 / ${n}`);
    expect(b.pages[0]!).not.toContain(`1 / ${n}`); // the cover has no number
    const fonts = execFileSync("pdffonts", [join(dir, "2022.pdf")], { encoding: "utf8" });
    expect(fonts.split("\n").slice(2).filter(Boolean).every((l) => /\byes\s+\S+\s+yes\b/.test(l))).toBe(true); // embedded, with Unicode maps
    expect(b.pages[0]!).toContain("令和4年度（2022年度）");
  });

  it("builds a year with a missing actual and no committee comment, and says what is missing", () => {
    const b = built.get(2022)!;
    const text = initiativeText(b, gap.number);
    expect(text).toContain("未報告");
    expect(text).toContain("委員会のコメントはありません");
    expect(text).toContain("記載のない項目");
    expect(b.pages.join("\n").replace(/\s+/g, " ")).toContain(`取組項目${gap.number} ${gap.title}`.replace(/\s+/g, " "));
  });
});
