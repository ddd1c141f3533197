/**
 * `npm run bench -- report`: building the annual report's PDF for 37
 * initiatives (Tokushima's plan with the demo's published FY2022 results,
 * PGlite in memory), through the same function the background job runs
 * (buildDocument: load, render, print twice with Chromium, keep). Prints the
 * time, the peak memory of this process and of the browser's processes
 * (sampled from /proc every 50 ms), the page count and the size; then the
 * same for the plan document. Aim: under 10 s for the annual report.
 *
 *   BENCH_REPORT_RUNS=2   builds of each document (the first includes cold caches)
 */
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { migrate } from "../src/core/db/migrate.ts";
import { openPglite } from "../src/core/db/pglite.ts";
import { loadDemo } from "../src/modules/demo/load-demo.ts";
import { importPlan } from "../src/modules/plan/commands/import-plan.ts";
import { findCurrentPlan } from "../src/modules/plan/repository/plan-queries.ts";
import { findMunicipality } from "../src/modules/tenancy/repository/municipality-queries.ts";
import { readPlanFile } from "../src/modules/plan/read-plan-file.ts";
import { buildDocument } from "../src/modules/reports/build-document.ts";
import { annualReportRef, planDocumentRef, type DocumentRef } from "../src/modules/reports/document-ref.ts";
import { ROOT, table } from "./common.ts";

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const AIM_MS = 10_000;

const CLK_TCK = 100; // Linux's USER_HZ for /proc/<pid>/stat times

/** Resident memory (bytes) of a process tree rooted at pid, excluding the root (the browser's processes); records their CPU ticks in `ticks`. */
function childrenRss(root: number, ticks: Map<number, number>): number {
  const parent = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  for (const [pid] of parent) {
    let p = parent.get(pid);
    while (p !== undefined && p !== root && p > 1) p = parent.get(p);
    if (p !== root) continue;
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      total += Number(kb ?? 0) * 1024;
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks.set(pid, Number(fields[11]) + Number(fields[12])); // utime + stime
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

async function measure(run: () => Promise<{ pageCount: number; byteSize: number }>) {
  const nodeBefore = process.memoryUsage().rss;
  let nodePeak = nodeBefore;
  let browserPeak = 0;
  const ticks = new Map<number, number>();
  const sampler = setInterval(() => {
    nodePeak = Math.max(nodePeak, process.memoryUsage().rss);
    browserPeak = Math.max(browserPeak, childrenRss(process.pid, ticks));
  }, 50);
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    const result = await run();
    const nodeCpu = process.cpuUsage(cpu);
    const browserCpuMs = ([...ticks.values()].reduce((a, b) => a + b, 0) * 1000) / CLK_TCK;
    return { ...result, ms: performance.now() - started, nodeBefore, nodePeak, browserPeak, cpuMs: (nodeCpu.user + nodeCpu.system) / 1000 + browserCpuMs };
  } finally {
    clearInterval(sampler);
  }
}

export async function benchReport(): Promise<void> {
  const runs = Number(process.env.BENCH_REPORT_RUNS ?? 2);
  console.log(`dx-plan report benchmark — ${availableParallelism()} cores (${cpus()[0]?.model.trim()}), node ${process.version}, load ${loadavg()[0]!.toFixed(1)}`);
  const db = await openPglite();
  try {
    await migrate(db);
    const file = await readPlanFile(`${ROOT}/plan-data/362018-dx-2022.yaml`);
    if (!file.ok) throw new Error("plan file");
    const imported = await importPlan(db, { lgCode: "362018", municipalityName: "徳島市", plan: file.plan });
    if (!imported.ok) throw new Error(imported.message);
    const demo = await loadDemo(db, { lgCode: "362018" });
    if (!demo.ok) throw new Error(demo.message);
    const municipalityId = (await findMunicipality(db, "362018"))!.id;
    const planId = (await findCurrentPlan(db, municipalityId))!.id;
    const n = (await db.query<{ n: number }>("select count(*)::int as n from initiative where plan_id = $1", [planId]))[0]!.n;

    const documents: { label: string; ref: DocumentRef }[] = [
      { label: `annual report FY2022 (${n} initiatives)`, ref: annualReportRef(planId, 2022, false) },
      { label: "plan document", ref: planDocumentRef(planId) },
    ];
    const rows: string[][] = [];
    for (const d of documents) {
      for (let i = 1; i <= runs; i++) {
        const m = await measure(() => buildDocument(db, municipalityId, d.ref));
        const aim = d.ref.kind === "annual_report" ? (m.ms < AIM_MS ? "ok" : "OVER 10 s") : "";
        rows.push([
          d.label,
          String(i),
          `${(m.ms / 1000).toFixed(2)} s`,
          `${(m.cpuMs / 1000).toFixed(2)} s`,
          String(m.pageCount),
          mb(m.byteSize),
          `${mb(m.nodeBefore)} → ${mb(m.nodePeak)}`,
          mb(m.browserPeak),
          aim,
        ]);
      }
    }
    console.log("\n== Building PDFs (load + render + 2 Chromium prints + keep; browser started per build) ==");
    table(["document", "run", "time", "CPU (node + browser)", "pages", "size", "node RSS before → peak", "Chromium peak RSS", "aim < 10 s"], rows, 1);
    console.log("A busy machine stretches the time; the CPU figure (this process and the browser's) is the steadier one then.");
  } finally {
    await db.close();
  }
}
