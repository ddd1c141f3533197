/**
 * `npx tsx bench/experiments.ts`: where does a page request's time go? The
 * same load as `npm run bench`, against the real app wrapped by
 * bench/variant-server.ts in turn without compression, with one-shot gzip,
 * without the per-request database query, with whole pages cached — and on a
 * PostgreSQL server instead of PGlite — beside nginx serving the static copy.
 * Settings: those of bench/main.ts (BENCH_DURATION, BENCH_WARMUP,
 * BENCH_CONNECTIONS, BENCH_LOAD, BENCH_KEEP) and BENCH_VARIANTS, a
 * space-separated list that picks some of the variants below by name.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { checkQuiet, loadAverage, LOAD_PAGES, ROOT, settings, table } from "./common.ts";
import { get } from "./http.ts";
import { loadTool, runLoad, type LoadResult } from "./load.ts";
import { NGINX, saveStaticCopy, startNginx, type Snapshot } from "./nginx.ts";
import { cleanup, freePort, onCleanup, runMain, start } from "./processes.ts";

const { load, keep, loadPreference } = settings();
const tool = loadTool(loadPreference);

const VARIANTS: { name: string; variant: string; postgres?: boolean; what: string }[] = [
  { name: "baseline", variant: "", what: "the app as shipped (PGlite, hono/compress)" },
  { name: "no-compress", variant: "no-compress", what: "responses not compressed" },
  { name: "sync-gzip", variant: "sync-gzip", what: "one zlib.gzipSync per response instead of CompressionStream" },
  { name: "db-memo", variant: "db-memo", what: "no database query per request (SELECT results reused 1 s)" },
  { name: "db-memo+sync-gzip", variant: "db-memo,sync-gzip", what: "both of the above" },
  { name: "page-cache", variant: "page-cache", what: "whole compressed responses cached per URL" },
  { name: "postgres", variant: "", postgres: true, what: "the app as shipped on a PostgreSQL server (pool of 10)" },
];
const picked = process.env.BENCH_VARIANTS?.split(/\s+/).filter(Boolean);
const runs = picked ? VARIANTS.filter((v) => picked.includes(v.name)) : VARIANTS;

const perRun = load.warmupMs + load.durationMs + 30_000;
const LIMIT_MS = 5 * 60_000 + (runs.length + 1) * (LOAD_PAGES.length * perRun + 60_000);

async function main() {
  console.log(
    `dx-plan experiments — ${availableParallelism()} cores, node ${process.version}; load: ${tool}, ${load.connections} connections, ` +
      `${load.warmupMs / 1000} s warm-up + ${load.durationMs / 1000} s per run`,
  );
  console.log(await checkQuiet());
  const tmp = mkdtempSync(join(tmpdir(), "dx-plan-experiments-"));
  chmodSync(tmp, 0o755);
  onCleanup(() => (keep ? console.log(`kept ${tmp}`) : rmSync(tmp, { recursive: true, force: true })));

  let pgUrl: string | undefined;
  const results: { name: string; page: string; r: LoadResult }[] = [];
  let snapshot: Snapshot | undefined;
  let reference: Map<string, Buffer> | undefined;

  for (const run of runs) {
    const env: NodeJS.ProcessEnv = { ...process.env, HOST: "127.0.0.1", NODE_ENV: "production", VARIANT: run.variant };
    delete env.DATABASE_URL;
    if (run.postgres) {
      if (!pgUrl) {
        const dir = join(tmp, "pg");
        pgUrl = execFileSync("bash", [join(ROOT, "scripts/postgres-cluster.sh"), "start", dir, String(await freePort())], {
          encoding: "utf8",
        }).trim();
        onCleanup(() => void execFileSync("bash", [join(ROOT, "scripts/postgres-cluster.sh"), "stop", dir]));
      }
      env.DATABASE_URL = pgUrl;
    }
    env.DATA_DIR = join(tmp, "data"); // loaded on the first start, reused after
    const port = await freePort();
    env.PORT = String(port);
    const child = start(process.execPath, ["--import", "tsx", "bench/variant-server.ts"], { cwd: ROOT, env });
    await child.waitFor("listening on", 180_000);
    const url = `http://127.0.0.1:${port}`;
    try {
      // Every variant must serve the same page as the baseline.
      const bodies = new Map<string, Buffer>();
      for (const page of LOAD_PAGES) {
        const res = await get(url + page);
        if (res.status !== 200) throw new Error(`${run.name}: GET ${page}: ${res.status}`);
        bodies.set(page, res.body);
      }
      if (!reference) reference = bodies;
      else
        for (const [page, body] of bodies)
          if (!body.equals(reference.get(page)!))
            console.log(`note: ${run.name}: ${page} differs from the first variant's (${body.length} vs ${reference.get(page)!.length} bytes; was src/ edited meanwhile?)`);
      if (!snapshot && NGINX) snapshot = await saveStaticCopy(url, LOAD_PAGES, join(tmp, "www"));

      for (const page of LOAD_PAGES) {
        process.stdout.write(`${run.name.padEnd(18)} ${page} … `);
        const r = await runLoad(tool, url + page, { ...load, serverPid: child.process.pid });
        console.log(`${r.rps.toFixed(0)} req/s (load average ${await loadAverage()})`);
        results.push({ name: run.name, page, r });
      }
    } finally {
      await child.stop();
    }
  }

  if (snapshot) {
    const nginx = await startNginx(snapshot, join(tmp, "nginx"));
    onCleanup(() => nginx.child.stop());
    for (const page of LOAD_PAGES) {
      process.stdout.write(`${"nginx".padEnd(18)} ${page} … `);
      const r = await runLoad(tool, nginx.url + page, { ...load, serverPid: nginx.child.process.pid });
      console.log(`${r.rps.toFixed(0)} req/s (load average ${await loadAverage()})`);
      results.push({ name: "nginx", page, r });
    }
    await nginx.child.stop();
  } else {
    console.log("nginx is not installed: no reference");
  }

  const nginxRps = new Map(results.filter((x) => x.name === "nginx").map((x) => [x.page, x.r.rps]));
  const baseRps = new Map(results.filter((x) => x.name === "baseline").map((x) => [x.page, x.r.rps]));
  console.log("");
  table(
    ["variant", "page", "req/s", "p50 ms", "p99 ms", "errors", "CPU ms/req", "cores", "×baseline", "/nginx"],
    results.map(({ name, page, r }) => [
      name,
      page,
      r.rps.toFixed(0),
      r.p50Ms.toFixed(2),
      r.p99Ms.toFixed(2),
      String(r.errors),
      r.serverCpuMs === undefined ? "-" : r.serverCpuMs.toFixed(3),
      r.serverCores === undefined ? "-" : r.serverCores.toFixed(2),
      baseRps.get(page) ? (r.rps / baseRps.get(page)!).toFixed(2) : "",
      nginxRps.get(page) && name !== "nginx" ? (r.rps / nginxRps.get(page)!).toFixed(3) : "",
    ]),
  );
  console.log("");
  for (const v of runs) console.log(`${v.name.padEnd(18)} ${v.what}`);
  console.log(`${"nginx".padEnd(18)} nginx, static copy, gzip level 6 on the fly`);
}

runMain(async () => {
  try {
    await main();
  } finally {
    await cleanup();
  }
}, LIMIT_MS);
