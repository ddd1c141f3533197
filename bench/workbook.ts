/**
 * `npm run bench -- workbook` (or `npm run bench:workbook`): the division
 * workbook (issue #7 §1).
 *
 *  1. Export for 40 divisions: Tokushima's plan with the demo's FY2024 cycle
 *     (PGlite in memory), each division's workbook built the way the download
 *     route builds it (load from the database + write the xlsx), one after
 *     another; the municipality's divisions are taken in turn until 40.
 *  2. Upload of a 10 MB workbook: a file of about 10 MB (random text, which
 *     compresses little, so the file is large for its cells) read by the
 *     upload's reader (size and zip checks, exceljs streaming reader, every
 *     cell with its address), in a child process so that its peak memory
 *     (resourceUsage().maxRSS) is the read's alone.
 *
 *   BENCH_WORKBOOK_MB=10   size of the upload file
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { migrate } from "../src/core/db/migrate.ts";
import { openPglite } from "../src/core/db/pglite.ts";
import { readWorkbook } from "../src/core/spreadsheet/read.ts";
import { buildDivisionWorkbook } from "../src/modules/cycle/workbook/export.ts";
import { loadDivisionWorkbook } from "../src/modules/cycle/workbook/load.ts";
import { listCycles, listMunicipalityDivisions } from "../src/modules/cycle/repository/cycle-queries.ts";
import { loadDemo } from "../src/modules/demo/load-demo.ts";
import { importPlan } from "../src/modules/plan/commands/import-plan.ts";
import { findMunicipality } from "../src/modules/tenancy/repository/municipality-queries.ts";
import { readPlanFile } from "../src/modules/plan/read-plan-file.ts";
import { PlanCache } from "../src/modules/plan/plan-cache.ts";
import type { StaffUser } from "../src/modules/accounts/user.ts";
import { ROOT, table } from "./common.ts";

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const DIVISIONS = 40;

async function benchExport(): Promise<string[][]> {
  const db = await openPglite();
  try {
    await migrate(db);
    const file = await readPlanFile(`${ROOT}/plan-data/362018-dx-2022.yaml`);
    if (!file.ok) throw new Error("plan file");
    const imported = await importPlan(db, { lgCode: "362018", municipalityName: "徳島市", plan: file.plan });
    if (!imported.ok) throw new Error(imported.message);
    const demo = await loadDemo(db, { lgCode: "362018" });
    if (!demo.ok) throw new Error(demo.message);
    const municipality = (await findMunicipality(db, "362018"))!;
    const cycle = (await listCycles(db, municipality.id)).find((c) => c.status === "open") ?? (await listCycles(db, municipality.id))[0]!;
    const divisions = await listMunicipalityDivisions(db, municipality.id);
    const deps = { db, config: {}, plans: new PlanCache(db) };
    const user = (d: { id: number; name: string }): StaffUser & { division: { id: number; name: string } } => ({
      id: 0,
      municipalityId: municipality.id,
      loginId: "bench",
      displayName: "bench",
      email: null,
      division: d,
      roles: ["digital_officer"],
      totpEnabled: false,
      mustChangePassword: false,
      mustEnrolTotp: false,
      hasPassword: true,
      failedSignIns: 0,
      lockedAt: null,
      disabledAt: null,
      createdAt: new Date(),
    });
    // One warm-up build (module and plan caches), not counted.
    await buildDivisionWorkbook(await loadDivisionWorkbook(deps, municipality, cycle, user(divisions[0]!)), new Date());
    const times: number[] = [];
    let bytes = 0;
    let reports = 0;
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < DIVISIONS; i++) {
      const t = performance.now();
      const data = await loadDivisionWorkbook(deps, municipality, cycle, user(divisions[i % divisions.length]!));
      const file = await buildDivisionWorkbook(data, new Date());
      times.push(performance.now() - t);
      bytes += file.byteLength;
      reports += data.reports.length;
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }
    const total = performance.now() - started;
    const used = process.cpuUsage(cpu);
    times.sort((a, b) => a - b);
    return [
      [
        `export, ${DIVISIONS} divisions (${Math.min(DIVISIONS, divisions.length)} distinct, FY${cycle.fiscalYear})`,
        `${(total / 1000).toFixed(2)} s`,
        `${((used.user + used.system) / 1e6).toFixed(2)} s`,
        `median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms`,
        `${reports} report rows, ${mb(bytes)} written`,
        `${mb(rssBefore)} → ${mb(rssPeak)}`,
      ],
    ];
  } finally {
    await db.close();
  }
}

/** A workbook of about `targetBytes`: rows of random text (incompressible) and numbers, written with exceljs's streaming writer. */
async function writeLargeWorkbook(path: string, targetBytes: number): Promise<{ rows: number; cells: number }> {
  // About 96 bytes per row once compressed (measured): 4 random 16-character strings and 2 numbers.
  const rows = Math.round(targetBytes / 96);
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });
  const ws = writer.addWorksheet("報告");
  ws.addRow(["取組項目番号", "課題", "改善策", "出典", "備考", "実績値"]).commit();
  for (let r = 0; r < rows; r++) {
    const text = () => randomBytes(12).toString("base64");
    ws.addRow([r + 1, text(), text(), text(), text(), r * 1.5]).commit();
  }
  ws.commit();
  await writer.commit();
  return { rows: rows + 1, cells: (rows + 1) * 6 };
}

async function benchUpload(): Promise<string[][]> {
  const target = Number(process.env.BENCH_WORKBOOK_MB ?? 10) * 1024 * 1024;
  const dir = mkdtempSync(join(tmpdir(), "dx-plan-bench-workbook-"));
  try {
    const path = join(dir, "large.xlsx");
    const { cells } = await writeLargeWorkbook(path, target);
    const size = statSync(path).size;
    // The read in a child process: its maxRSS is the read's own peak (plus Node's baseline, measured apart).
    const self = fileURLToPath(import.meta.url);
    const run = (mode: string) =>
      JSON.parse(execFileSync(process.execPath, ["--import", "tsx", self, mode, path], { encoding: "utf8", maxBuffer: 1 << 20 }).trim().split("\n").at(-1)!);
    const baseline = run("baseline") as { maxRssBytes: number };
    const read = run("read") as { ok: boolean; message?: string; ms: number; cpuMs: number; cells: number; maxRssBytes: number; heapPeakBytes: number };
    if (!read.ok) throw new Error(`the reader refused the file: ${read.message}`);
    return [
      [
        `upload read, ${mb(size)} workbook (${cells.toLocaleString("en")} cells)`,
        `${(read.ms / 1000).toFixed(2)} s`,
        `${(read.cpuMs / 1000).toFixed(2)} s`,
        `${read.cells.toLocaleString("en")} cells read`,
        `peak heap ${mb(read.heapPeakBytes)}`,
        `max RSS ${mb(read.maxRssBytes)} (node alone ${mb(baseline.maxRssBytes)})`,
      ],
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Child process: read one file as the upload does, and say how long and how much memory. */
async function childRead(mode: string, path: string): Promise<void> {
  if (mode === "baseline") {
    console.log(JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
    return;
  }
  const bytes = new Uint8Array(readFileSync(path));
  let heapPeak = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 20);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await readWorkbook(bytes);
  const ms = performance.now() - started;
  clearInterval(sampler);
  const used = process.cpuUsage(cpu);
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  console.log(
    JSON.stringify({
      ok: result.ok,
      message: result.ok ? undefined : result.message,
      ms,
      cpuMs: (used.user + used.system) / 1000,
      cells: result.ok ? result.sheets.reduce((n, s) => n + s.cells.length, 0) : 0,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      heapPeakBytes: heapPeak,
    }),
  );
}

export async function benchWorkbook(): Promise<void> {
  console.log(`dx-plan workbook benchmark — ${availableParallelism()} cores (${cpus()[0]?.model.trim()}), node ${process.version}, load ${loadavg()[0]!.toFixed(1)}`);
  console.log("building 40 division workbooks…");
  const exported = await benchExport();
  console.log("writing and reading a large workbook…");
  const rows = [...exported, ...(await benchUpload())];
  table(["what", "time", "CPU", "detail", "size / memory", "memory"], rows, 1);
  console.log("A busy machine stretches the times; the CPU figures are the steadier ones then.");
}

const [mode, path] = process.argv.slice(2);
if (process.argv[1] === fileURLToPath(import.meta.url) && (mode === "read" || mode === "baseline")) await childRead(mode, path!);
else if (process.argv[1] === fileURLToPath(import.meta.url)) await benchWorkbook();
