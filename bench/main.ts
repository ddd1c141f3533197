/**
 * `npm run bench`: figures, not tests.
 *
 *  1. The transferred size of each public page type (gzip, HTML + its
 *     stylesheet, fonts excluded), flagged when over 60 KB.
 *  2. Throughput and latency with 50 keep-alive connections on loopback: the
 *     top page and an initiative page, served by the app (`tsx src/main.ts`
 *     as a child process, on a fresh data directory that loads the Tokushima
 *     plan) and by nginx serving a saved static copy of the same pages.
 *
 * Settings (environment):
 *   BENCH_DURATION=10      measured seconds per run     BENCH_WARMUP=2  warm-up seconds
 *   BENCH_CONNECTIONS=50   concurrent connections       BENCH_LOAD=wrk|node  (default: wrk if installed)
 *   BENCH_WRK_THREADS=1    wrk threads
 *   BENCH_DATABASE=pglite|postgres  the app's database (postgres: a throwaway cluster, scripts/postgres-cluster.sh)
 *   BENCH_CPU_PROF=1       profile the app (node --cpu-prof) during its load runs and print where the time went
 *   BENCH_KEEP=1           keep the temporary directory (configs, copies, profiles)
 * Everything listens on 127.0.0.1 only; every child process is stopped at the end.
 *
 * Sub-commands (each with its own settings, in its file's header):
 *   npm run bench -- scale            the 1,741-municipality instance, server time in-process (bench/scale/main.ts)
 *   npm run bench -- scale-processes  the same on PostgreSQL through nginx to two app processes; aim p95 < 100 ms
 *   npm run bench -- mixed            two app processes behind nginx on PostgreSQL: 200 signed-in staff browsing and
 *                                     saving + public readers at full speed, BENCH_MIXED_DURATION s (default 600);
 *                                     req/s, p50/p99, errors per class; RSS and live heap per process (bench/mixed/main.ts)
 *   npm run bench -- mixed-restart    the same with the PostgreSQL server restarted in the middle: errors in the gap, none after
 *   npm run bench -- report | workbook | survey   (bench/report.ts, bench/workbook.ts, bench/survey.ts)
 * Where the app's time goes, stage by stage: `npx tsx bench/experiments.ts`.
 * Another process busy on the machine lowers every req/s figure; the server's
 * CPU time per request (CPU ms/req) is the steadier figure then.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { checkQuiet, fmtBytes, LG, loadAverage, LOAD_PAGES, pct, ROOT, settings, table } from "./common.ts";
import { get } from "./http.ts";
import { loadTool, runLoad, WRK, type LoadResult } from "./load.ts";
import { NGINX, saveStaticCopy, startNginx } from "./nginx.ts";
import { cleanup, freePort, onCleanup, runMain, start, type Child } from "./processes.ts";
import { summarizeProfile } from "./profile.ts";
import { measurePage, type PageSize } from "./sizes.ts";

const PAGE_TYPES = [
  LG,
  `${LG}/policies/1`,
  `${LG}/initiatives`,
  `${LG}/initiatives/12`,
  `${LG}/initiatives/14`,
  `${LG}/divisions`,
  `${LG}/coverage`,
  `${LG}/glossary`,
  `${LG}/evaluation-history`,
  `${LG}/open-data`,
  "/accessibility",
];
const SIZE_LIMIT = 60_000; // "under 60 KB", read strictly as 60,000 bytes
const AIM_RATIO = 0.5;

const env = process.env;
if (process.argv[2] === "scale-processes") env.BENCH_SCALE_TARGET = "processes"; // read when bench/scale/main.ts is imported
const { load } = settings(env);
const database = env.BENCH_DATABASE === "postgres" ? "postgres" : "pglite";
const cpuProf = env.BENCH_CPU_PROF === "1";
const tool = loadTool(env.BENCH_LOAD);

// Start-up (first start loads the plan) + 4 load runs + sizes, with room to spare.
const LIMIT_MS =
  process.argv[2] === "survey"
    ? 40 * 60_000
    : process.argv[2]?.startsWith("mixed")
      ? (await import("./mixed/main.ts")).mixedLimitMs()
      : process.argv[2]?.startsWith("scale")
        ? (await import("./scale/main.ts")).SCALE_LIMIT_MS
        : 5 * 60_000 + 4 * (load.warmupMs + load.durationMs + 30_000);

async function main() {
  // `npm run bench -- scale`: the large synthetic instance (bench/scale), instead of the load test.
  // `npm run bench -- scale-processes`: the same on PostgreSQL, through nginx to two app processes (issue #9 §6).
  if (process.argv[2] === "scale" || process.argv[2] === "scale-processes") return void (await (await import("./scale/main.ts")).benchScale());
  // `npm run bench -- report`: building the annual report and plan document PDFs (bench/report.ts).
  if (process.argv[2] === "report") return void (await (await import("./report.ts")).benchReport());
  // `npm run bench -- workbook`: the division workbook's export and a 10 MB upload (bench/workbook.ts).
  if (process.argv[2] === "workbook") return void (await (await import("./workbook.ts")).benchWorkbook());
  // `npm run bench -- survey`: survey crosstabs at 1,000,000 respondents (PostgreSQL) and 100,000 (PGlite) (bench/survey.ts).
  if (process.argv[2] === "survey") return void (await (await import("./survey.ts")).benchSurvey());
  // `npm run bench -- mixed` / `mixed-restart`: 200 staff and public readers on two processes behind nginx on PostgreSQL,
  // memory per process; mixed-restart restarts PostgreSQL in the middle (bench/mixed/main.ts).
  if (process.argv[2] === "mixed" || process.argv[2] === "mixed-restart") {
    return void (await (await import("./mixed/main.ts")).benchMixed({ restart: process.argv[2] === "mixed-restart" }));
  }
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  console.log(`dx-plan benchmark — ${availableParallelism()} cores (${cpu}), node ${process.version}`);
  console.log(
    `load: ${tool === "wrk" ? `wrk (${WRK}), a separate process` : "Node.js generator in the benchmark process (wrk not installed: apt-get install wrk)"}; ` +
      `${load.connections} keep-alive connections, ${load.warmupMs / 1000} s warm-up + ${load.durationMs / 1000} s measured per run; ` +
      `Accept-Encoding: gzip, deflate, br`,
  );

  console.log(await checkQuiet());
  const tmp = mkdtempSync(join(tmpdir(), "dx-plan-bench-"));
  chmodSync(tmp, 0o755); // nginx's workers and PostgreSQL (as root: other users) must reach it
  onCleanup(() => {
    if (env.BENCH_KEEP === "1") console.log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  });

  // ---------------------------------------------------------------- the app
  const appEnv: NodeJS.ProcessEnv = { ...env, HOST: "127.0.0.1", DATA_DIR: join(tmp, "data"), NODE_ENV: "production" };
  delete appEnv.DATABASE_URL;
  if (database === "postgres") {
    const dir = join(tmp, "pg");
    const url = execFileSync("bash", [join(ROOT, "scripts/postgres-cluster.sh"), "start", dir, String(await freePort())], {
      encoding: "utf8",
    }).trim();
    onCleanup(() => void execFileSync("bash", [join(ROOT, "scripts/postgres-cluster.sh"), "stop", dir]));
    appEnv.DATABASE_URL = url;
  }
  const port = await freePort();
  appEnv.PORT = String(port);
  const profDir = join(tmp, "profile");
  const nodeArgs = cpuProf ? ["--cpu-prof", "--cpu-prof-dir", profDir] : [];
  const started = Date.now();
  const app = start(process.execPath, [...nodeArgs, "--import", "tsx", "src/main.ts"], { cwd: ROOT, env: appEnv });
  onCleanup(() => app.stop());
  await app.waitFor("で公開中", 180_000);
  const appUrl = `http://127.0.0.1:${port}`;
  console.log(`app: ${appUrl} (tsx src/main.ts, ${database === "postgres" ? "PostgreSQL server" : "PGlite"}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s incl. loading the plan)`);
  for (const page of LOAD_PAGES) {
    const res = await get(appUrl + page);
    if (res.status !== 200) throw new Error(`GET ${page} from the app: ${res.status}`);
  }

  // ---------------------------------------------------------------- sizes
  console.log(`\n== Transferred size per public page type (gzip; HTML + stylesheet, fonts excluded; limit ${fmtBytes(SIZE_LIMIT)}) ==`);
  const sizes: PageSize[] = [];
  for (const path of PAGE_TYPES) sizes.push(await measurePage(appUrl, path));
  printSizes(sizes);

  // The static copy for nginx, taken now: a profiled app is stopped after its runs.
  const snapshot = NGINX ? await saveStaticCopy(appUrl, LOAD_PAGES, join(tmp, "www")) : undefined;

  // ---------------------------------------------------------------- load
  console.log(`\n== Throughput and latency (${load.connections} connections, loopback) ==`);
  const results: { target: string; page: string; r: LoadResult }[] = [];
  const profWindow = { start: Date.now(), end: 0 };
  for (const page of LOAD_PAGES) {
    process.stdout.write(`app   ${page} … `);
    const r = await runLoad(tool, appUrl + page, { ...load, serverPid: app.process.pid });
    console.log(`${r.rps.toFixed(0)} req/s (load average ${await loadAverage()})`);
    results.push({ target: "app", page, r });
  }
  profWindow.end = Date.now();
  if (cpuProf) await stopAndSummarize(app, profDir, profWindow);

  let nginxNote = "";
  if (!NGINX || !snapshot) {
    nginxNote = "nginx is not installed (apt-get install nginx-light): no baseline, no ratio";
  } else {
    const nginx = await startNginx(snapshot, join(tmp, "nginx"));
    onCleanup(() => nginx.child.stop());
    for (const page of LOAD_PAGES) {
      // Same bytes, same compression as the app's answer.
      const n = await get(nginx.url + page);
      const a = snapshot.saved.get(page)!;
      if (!a.body.equals(n.body)) throw new Error(`nginx's copy of ${page} differs from the app's page`);
      const nEncoding = n.headers["content-encoding"] ?? "identity";
      if (nEncoding !== a.encoding) console.log(`note: ${page}: the app sends ${a.encoding}, nginx ${nEncoding}`);
      process.stdout.write(`nginx ${page} … `);
      const r = await runLoad(tool, nginx.url + page, { ...load, serverPid: nginx.child.process.pid });
      console.log(`${r.rps.toFixed(0)} req/s (load average ${await loadAverage()})`);
      results.push({ target: "nginx", page, r });
    }
    nginxNote = `${nginxVersion()}worker_processes auto (${availableParallelism()}), gzip level 6 on the fly, the app's security headers added`;
  }
  printLoad(results, nginxNote);
}

function nginxVersion() {
  try {
    return execFileSync("sh", ["-c", `${NGINX} -v 2>&1`], { encoding: "utf8" }).trim() + "; ";
  } catch {
    return "";
  }
}

async function stopAndSummarize(app: Child, profDir: string, window: { start: number; end: number }) {
  const stopAt = Date.now();
  await app.stop(15_000); // SIGTERM: the app exits and node writes the profile
  const stoppedAt = Date.now();
  // One file per thread (tsx's loader hooks run in a worker); the main thread is thread 0.
  const files = readdirSync(profDir).filter((f) => f.endsWith(".cpuprofile"));
  const file = files.find((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f)) ?? files[0];
  if (!file) {
    console.log("no CPU profile was written");
    return;
  }
  // The profile ends at the exit, somewhere between stopAt and stoppedAt.
  const exitAt = (stopAt + stoppedAt) / 2;
  const s = summarizeProfile(join(profDir, file), exitAt - window.start, exitAt - window.end);
  const total = s.busyMs + s.idleMs;
  console.log(
    `\n== CPU profile of the app during its load runs${env.BENCH_KEEP === "1" ? ` (${join(profDir, file)})` : ""} ==\n` +
      `busy ${(s.busyMs / 1000).toFixed(1)} s of ${(total / 1000).toFixed(1)} s (${pct(s.busyMs, total)}); time by stage of the request:`,
  );
  for (const [stage, ms] of s.stages) console.log(`  ${pct(ms, s.busyMs).padStart(6)}  ${stage}`);
  console.log("self time by package or file:");
  for (const [area, ms] of s.areas) console.log(`  ${pct(ms, s.busyMs).padStart(6)}  ${area}`);
  console.log("functions with the most self time:");
  for (const [fn, ms] of s.functions) console.log(`  ${pct(ms, s.busyMs).padStart(6)}  ${fn}`);
}

function printSizes(sizes: PageSize[]) {
  const rows = sizes.map((s) => {
    const css = s.subresources.reduce((a, x) => a + x.wire, 0);
    return [
      s.path,
      String(s.status),
      fmtBytes(s.htmlRaw),
      `${fmtBytes(s.htmlWire)}${s.encoding === "gzip" ? "" : ` (${s.encoding}!)`}`,
      `${fmtBytes(css)}${s.subresources.length > 1 ? ` (${s.subresources.length} files)` : ""}`,
      fmtBytes(s.total),
      fmtBytes(s.headerBytes),
      s.status !== 200 ? "NOT 200" : s.total > SIZE_LIMIT ? "OVER 60 KB" : "ok",
    ];
  });
  table(["page", "status", "HTML raw", "HTML gzip", "CSS gzip", "total", "(headers)", "≤ 60 KB"], rows);
  const subs = new Set(sizes.flatMap((s) => s.subresources.map((x) => x.path)));
  console.log(`subresources counted: ${[...subs].join(", ") || "none"}`);
  const fonts = new Set(sizes.flatMap((s) => s.excludedFonts));
  console.log(`fonts excluded: ${[...fonts].join(", ") || "none referenced"}`);
  const over = sizes.filter((s) => s.total > SIZE_LIMIT);
  console.log(over.length ? `OVER the 60 KB aim: ${over.map((s) => s.path).join(", ")}` : "every page is under 60 KB");
}

function printLoad(results: { target: string; page: string; r: LoadResult }[], note: string) {
  const nginxRps = new Map(results.filter((x) => x.target === "nginx").map((x) => [x.page, x.r.rps]));
  const rows = results.map(({ target, page, r }) => {
    const base = nginxRps.get(page);
    return [
      target,
      page,
      r.rps.toFixed(0),
      r.p50Ms.toFixed(2),
      r.p99Ms.toFixed(2),
      String(r.requests),
      String(r.errors),
      r.serverCpuMs === undefined ? "-" : r.serverCpuMs.toFixed(3),
      r.serverCores === undefined ? "-" : r.serverCores.toFixed(2),
      target === "app" && base ? (r.rps / base).toFixed(3) : "",
    ];
  });
  console.log("");
  table(["target", "page", "req/s", "p50 ms", "p99 ms", "requests", "errors", "CPU ms/req", "cores", "app/nginx"], rows);
  console.log("CPU ms/req: the server's CPU time per request (all its processes); cores: its CPU time over the run's wall time.");
  console.log(`load generator: ${results[0]?.r.tool ?? tool}. ${note}`);
  for (const page of LOAD_PAGES) {
    const a = results.find((x) => x.target === "app" && x.page === page)?.r;
    const base = nginxRps.get(page);
    if (!a || !base) continue;
    const ratio = a.rps / base;
    console.log(
      `${page}: app ${a.rps.toFixed(0)} req/s = ${(ratio * 100).toFixed(1)} % of nginx's — aim ≥ ${AIM_RATIO * 100} %: ${ratio >= AIM_RATIO ? "met" : "NOT met"}`,
    );
  }
  if (results.some((x) => x.r.errors > 0)) console.log("WARNING: some requests failed (see the errors column)");
}

runMain(async () => {
  try {
    await main();
  } finally {
    await cleanup();
  }
}, LIMIT_MS);
