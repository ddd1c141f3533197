/**
 * `npm run bench -- mixed` and `npm run bench -- mixed-restart` (issue #9 §6):
 * two app processes (`node --import tsx src/main.ts`, as `npm start`) behind
 * nginx on a throwaway PostgreSQL cluster, under a mixed load for
 * BENCH_MIXED_DURATION seconds (default 600):
 *   - BENCH_MIXED_STAFF signed-in staff (default 200), each signed in through
 *     the real form, browsing (home, my tasks, a report page) and saving the
 *     report's text through the report page's form, CSRF token and all, with
 *     a pause of about BENCH_MIXED_THINK_MS (default 3000) between steps;
 *   - BENCH_MIXED_PUBLIC public readers (default 16 connections) asking for
 *     public pages back to back: the highest rate the machine sustains.
 * It prints requests per second, p50/p99 and errors per class (staff read,
 * staff save, public), and the memory of each app process at the start,
 * middle and end: RSS (from /proc) and the live heap after a full collection
 * (bench/memory-probe.ts, loaded into the processes with --expose-gc; never
 * part of a production start), with the growth per minute over the second half.
 *
 * mixed-restart: the same, with the PostgreSQL server restarted once in the
 * middle (pg_ctl restart -m fast). The app processes are not restarted; the
 * errors before, during the gap and after it are reported (aim: none after).
 *
 * Staff outnumber the reports (200 for Tokushima's ~37): two of them often
 * save one report, and the second gets the app's conflict page (409, counted
 * apart from errors), reads it and saves again, as the page asks.
 *
 * What it found (December 2026, on a shared 2-core machine):
 *   - nginx answered thousands of 502s ("no live upstreams"): Node closed idle
 *     keep-alive connections after 5 s while nginx reused them for up to 60 s;
 *     a reset took the process out of rotation (max_fails=1). Fixed in
 *     src/core/http/server-timeouts.ts; none since.
 *   - Memory (issue #9 §5): the live heap after a full GC stays at 44–51 MB per
 *     process through the run and RSS levels off at about 190–225 MB; no map,
 *     cache or buffer grows without bound (every in-memory cache is an
 *     LruCache with a bound; test/unit/lru-cache.test.ts). The growth seen in
 *     the first minutes is the caches and compiled code warming up.
 *
 * Settings (environment):
 *   BENCH_MIXED_DURATION=600   measured seconds (60 is enough while developing)
 *   BENCH_MIXED_STAFF=200      signed-in staff      BENCH_MIXED_THINK_MS=3000  pause between a person's steps
 *   BENCH_MIXED_SAVE_SHARE=0.5 share of report-page visits that end in a save (the rest only read)
 *   BENCH_MIXED_PUBLIC=16      public reader connections
 *   BENCH_MIXED_PROCESSES=2    app processes behind nginx
 *   BENCH_MIXED_SAMPLE_S=15    seconds between memory samples (each one a full GC in the app: keep it rare)
 *   BENCH_MIXED_GRACE_S=10     mixed-restart: seconds after pg_ctl returns that still count as the gap
 *   BENCH_HEAP_SNAPSHOTS=1     also write a heap snapshot of each process at start, middle and end (kept, path printed;
 *                              compare two with `npx tsx bench/heap-diff.ts A B`). A snapshot raises RSS: leave it off for RSS figures.
 *   BENCH_MIXED_ARENA_MAX=a,b  MALLOC_ARENA_MAX per process ("-" = glibc's default), to compare native memory growth
 *   BENCH_KEEP=1               keep the temporary directory (app logs, nginx config, memory samples)
 */
import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { openPostgres } from "../../src/core/db/postgres.ts";
import { startAppProcess, startNginxProxy, type Process } from "../../test/support/app-processes.ts";
import { checkQuiet, ROOT, table } from "../common.ts";
import { freePort, onCleanup, sleep } from "../processes.ts";
import { Client } from "./client.ts";
import { at, mb, readProbe, rssOf, slopePerMinute, type RssSample } from "./memory.ts";
import { CLASSES, Recorder } from "./recorder.ts";
import { prepare } from "./setup.ts";
import { publicReader, signIn, staffMember } from "./staff.ts";

const run = promisify(execFile);
const LG = "362018";
const CLUSTER = join(ROOT, "scripts/postgres-cluster.sh");

function settings(env = process.env) {
  const num = (name: string, fallback: number) => {
    const v = env[name];
    if (v === undefined || v === "") return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}=${v}: a positive number is needed`);
    return n;
  };
  return {
    durationMs: num("BENCH_MIXED_DURATION", 600) * 1000,
    staff: Math.round(num("BENCH_MIXED_STAFF", 200)),
    thinkMs: num("BENCH_MIXED_THINK_MS", 3000),
    saveShare: Math.min(1, num("BENCH_MIXED_SAVE_SHARE", 0.5)),
    publicConnections: Math.round(num("BENCH_MIXED_PUBLIC", 16)),
    processes: Math.round(num("BENCH_MIXED_PROCESSES", 2)),
    sampleMs: num("BENCH_MIXED_SAMPLE_S", 15) * 1000,
    graceMs: num("BENCH_MIXED_GRACE_S", 10) * 1000,
    heapSnapshots: env.BENCH_HEAP_SNAPSHOTS === "1",
    arenaMax: (env.BENCH_MIXED_ARENA_MAX ?? "").split(",").map((x) => x.trim()),
    keep: env.BENCH_KEEP === "1" || env.BENCH_HEAP_SNAPSHOTS === "1",
  };
}

/** The overall limit for runMain: start-up, sign-ins and the run, with room to spare. */
export function mixedLimitMs(): number {
  return settings().durationMs + 15 * 60_000;
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(" ");

export async function benchMixed(options: { restart: boolean }) {
  const s = settings();
  console.log(
    `dx-plan mixed load${options.restart ? " with a PostgreSQL restart in the middle" : ""} — ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), node ${process.version}`,
  );
  console.log(
    `${s.processes} app processes behind nginx on a PostgreSQL server; ${s.staff} signed-in staff (pause ~${s.thinkMs} ms between steps) + ` +
      `${s.publicConnections} public reader connections (no pause), ${s.durationMs / 1000} s`,
  );
  console.log(await checkQuiet());

  const tmp = mkdtempSync(join(tmpdir(), "dx-plan-mixed-"));
  chmodSync(tmp, 0o755); // the cluster runs as user postgres when we are root
  onCleanup(() => {
    if (s.keep) console.log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  });

  // ------------------------------------------------------------ servers
  const pgDir = join(tmp, "pg");
  const url = (await run("bash", [CLUSTER, "start", pgDir, String(await freePort())])).stdout.trim();
  onCleanup(() => run("bash", [CLUSTER, "stop", pgDir]).then(() => undefined));

  const heapDir = join(tmp, "heap");
  mkdirSync(heapDir, { recursive: true });
  const nodeArgs = (i: number) => [
    "--expose-gc",
    "--import",
    join(ROOT, "bench/memory-probe.ts"),
    ...(s.heapSnapshots ? ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${join(heapDir, `p${i + 1}`)}`] : []),
  ];
  const appEnv = (i: number) => ({
    DATABASE_URL: url,
    TRUST_PROXY: "true",
    COOKIE_SECURE: "never",
    NODE_ENV: "production",
    BENCH_MEMORY_FILE: join(tmp, `memory-p${i + 1}.jsonl`),
    BENCH_MEMORY_INTERVAL_MS: String(s.sampleMs),
    ...(s.arenaMax[i] && s.arenaMax[i] !== "-" ? { MALLOC_ARENA_MAX: s.arenaMax[i]! } : {}),
  });
  const apps: Process[] = [];
  // What the processes say besides their JSON request lines (errors, the database going away), with counts.
  const messages = new Map<string, number>();
  const appMessages = (i: number, text: string) => {
    for (const line of text.split("\n")) {
      if (line === "" || line.startsWith("{")) continue;
      const key = `process ${i + 1}: ${line.replace(/\d+/g, "N").slice(0, 160)}`;
      if (messages.size < 200 || messages.has(key)) messages.set(key, (messages.get(key) ?? 0) + 1);
    }
  };
  const startApp = async (i: number) => {
    mkdirSync(join(heapDir, `p${i + 1}`), { recursive: true });
    const p = await startAppProcess(appEnv(i), { nodeArgs: nodeArgs(i), startMs: 180_000, onOutput: (text) => appMessages(i, text) });
    onCleanup(() => p.stop());
    apps[i] = p;
  };
  const t0 = Date.now();
  await startApp(0); // the first start migrates and loads the Tokushima plan
  const db = await openPostgres(url, 2);
  const prepared = await prepare(db, LG, s.staff).finally(() => db.close());
  for (let i = 1; i < s.processes; i++) await startApp(i);
  const nginx = await startNginxProxy(
    apps.map((a) => a.url),
    join(tmp, "nginx"),
    { workerConnections: 4096, upstreamKeepalive: 64 },
  );
  onCleanup(() => nginx.stop());
  console.log(`servers ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${url}, nginx ${nginx.url} → ${apps.map((a) => a.url).join(", ")}`);

  // ------------------------------------------------------------ sign in
  const clients = prepared.staff.map(() => new Client(nginx.url));
  onCleanup(() => clients.forEach((c) => c.close()));
  const signInStarted = performance.now();
  const failures: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < prepared.staff.length) {
        const i = next++;
        const r = await signIn(clients[i]!, LG, prepared.staff[i]!.loginId);
        if (!r.ok) failures.push(`${prepared.staff[i]!.loginId}: ${r.detail}`);
      }
    }),
  );
  console.log(`${prepared.staff.length} staff signed in through the form in ${((performance.now() - signInStarted) / 1000).toFixed(1)} s (8 at a time; argon2 verifies each password)`);
  if (failures.length) throw new Error(`${failures.length} sign-ins failed, e.g. ${failures[0]}`);
  // Warm the public pages' cache once per process (a reader's first visit builds the page).
  for (const path of prepared.publicPaths) for (let i = 0; i < s.processes; i++) await fetch(apps[i]!.url + path).then((r) => r.arrayBuffer());

  // ------------------------------------------------------------ load
  const rec = new Recorder();
  const stopAt = s.durationMs;
  const rss = apps.map(() => [] as RssSample[]);
  const marks: Record<"start" | "middle" | "end", number> = { start: Date.now(), middle: 0, end: 0 };
  const loads: Record<string, string> = {};
  const mark = (name: "start" | "middle" | "end") => {
    marks[name] = Date.now();
    loads[name] = load();
    for (const a of apps) {
      a.child.kill("SIGWINCH"); // the probe samples now
      if (s.heapSnapshots) a.child.kill("SIGUSR2");
    }
  };
  const sampler = setInterval(() => apps.forEach((a, i) => rss[i]!.push({ t: Date.now(), rss: rssOf(a.child.pid!) ?? NaN })), 5000);
  mark("start");
  apps.forEach((a, i) => rss[i]!.push({ t: Date.now(), rss: rssOf(a.child.pid!) ?? NaN }));
  let restart: { from: number; to: number; seconds: number } | undefined;
  const middle = (async () => {
    await sleep(stopAt / 2);
    mark("middle");
    if (!options.restart) return;
    const from = rec.now();
    const w0 = performance.now();
    await run("bash", [CLUSTER, "restart", pgDir]);
    restart = { from, to: rec.now(), seconds: (performance.now() - w0) / 1000 };
    console.log(`PostgreSQL restarted at ${(from / 1000).toFixed(0)} s (pg_ctl restart -m fast took ${restart.seconds.toFixed(1)} s)`);
  })();
  const progress = setInterval(() => {
    const p = rec.summary("public", rec.now() - 30_000, rec.now());
    const r = rec.summary("staff read", rec.now() - 30_000, rec.now());
    console.log(
      `  ${(rec.now() / 1000).toFixed(0).padStart(4)} s: public ${p.rps.toFixed(0)} req/s, staff ${r.rps.toFixed(0)} reads/s (last 30 s); ` +
        `RSS ${apps.map((a) => mb(rssOf(a.child.pid!))).join(" / ")} MB; load ${load()}`,
    );
  }, 30_000);
  await Promise.all([
    ...prepared.staff.map((person, i) => staffMember(nginx.url, person, clients[i]!, rec, { stopAt, thinkMs: s.thinkMs, lgCode: LG, saveShare: s.saveShare })),
    ...Array.from({ length: s.publicConnections }, () => publicReader(nginx.url, prepared.publicPaths, rec, stopAt)),
    middle,
  ]);
  clearInterval(progress);
  rec.end(stopAt);
  mark("end");
  await sleep(1000); // let the probes write
  if (s.heapSnapshots) await snapshotsWritten(heapDir, apps.length);
  clearInterval(sampler);
  apps.forEach((a, i) => rss[i]!.push({ t: Date.now(), rss: rssOf(a.child.pid!) ?? NaN }));

  // ------------------------------------------------------------ report
  const measured = Math.min(rec.now(), stopAt);
  console.log(`\n== Requests through nginx (${(measured / 1000).toFixed(0)} s; load average 1/5/15 min at start ${loads.start}, middle ${loads.middle}, end ${loads.end}) ==`);
  const classRows = (from: number, to: number) =>
    CLASSES.map((cls) => {
      const x = rec.summary(cls, from, to);
      return [cls, String(x.requests), x.rps.toFixed(1), x.p50.toFixed(1), x.p99.toFixed(1), String(x.errors), String(x.conflicts), x.statuses];
    });
  table(["class", "requests", "req/s", "p50 ms", "p99 ms", "errors", "409 (conflict)", "statuses"], classRows(0, Infinity), 1);
  console.log("p50/p99 of answered requests; errors: no answer, 5xx, or an unexpected status (a 409 is the app's own conflict page for two saves of one report, counted apart)");

  if (restart) {
    const afterFrom = restart.to + s.graceMs;
    const windows: [string, number, number][] = [
      ["before the restart", 0, restart.from],
      [`gap (restart + ${s.graceMs / 1000} s)`, restart.from, afterFrom],
      ["after", afterFrom, Infinity],
    ];
    console.log(`\n== Errors around the PostgreSQL restart (pg_ctl took ${restart.seconds.toFixed(1)} s; app processes not restarted) ==`);
    table(
      ["window", "seconds", ...CLASSES.map((c) => `${c} errors`), "statuses (all classes)"],
      windows.map(([name, from, to]) => {
        const sums = CLASSES.map((c) => rec.summary(c, from, to));
        const statuses = sums.map((x, i) => `${CLASSES[i]}: ${x.statuses}`).join("; ");
        return [name, ((Math.min(to, measured) - from) / 1000).toFixed(0), ...sums.map((x) => String(x.errors)), statuses];
      }),
      1,
    );
    const after = rec.errorsBetween(restart.to, Infinity);
    const lastAfter = after.last === undefined ? "no error after pg_ctl returned" : `last error ${((after.last - restart.to) / 1000).toFixed(1)} s after pg_ctl returned`;
    const remaining = rec.errorsBetween(afterFrom, Infinity).count;
    console.log(`${lastAfter}; errors after the gap: ${remaining} — ${remaining === 0 ? "recovered without restarting the app" : "NOT recovered"}`);
  }

  console.log(`\n== Memory of each app process (MB; live heap = heapUsed after a full GC, from the probe) ==`);
  const rows = apps.map((a, i) => {
    const probe = readProbe(join(tmp, `memory-p${i + 1}.jsonl`));
    const r = rss[i]!;
    const second = [marks.middle, marks.end] as const;
    return [
      `process ${i + 1} (pid ${a.child.pid})${s.arenaMax[i] && s.arenaMax[i] !== "-" ? ` MALLOC_ARENA_MAX=${s.arenaMax[i]}` : ""}`,
      ...(["start", "middle", "end"] as const).map((m) => mb(at(r, marks[m])?.rss)),
      ...(["start", "middle", "end"] as const).map((m) => mb(at(probe, marks[m])?.heapUsed)),
      ...(["start", "end"] as const).map((m) => mb(at(probe, marks[m])?.external)),
      slopePerMinute(r, (x) => x.rss / 2 ** 20, ...second).toFixed(1),
      slopePerMinute(probe, (x) => x.heapUsed / 2 ** 20, ...second).toFixed(1),
    ];
  });
  table(
    ["process", "RSS start", "RSS middle", "RSS end", "heap start", "heap middle", "heap end", "external start", "external end", "RSS MB/min 2nd half", "heap MB/min 2nd half"],
    rows,
    1,
  );
  console.log(`RSS every 5 s from /proc; heap every ${s.sampleMs / 1000} s and at start, middle and end. Aim: flat (the slope near 0 over the second half).`);
  if (s.heapSnapshots) {
    for (let i = 0; i < apps.length; i++) console.log(`heap snapshots of process ${i + 1}: ${join(heapDir, `p${i + 1}`)} (${readdirSync(join(heapDir, `p${i + 1}`)).length} files)`);
  }
  const said = [...messages].filter(([k]) => !k.includes("で公開中") && !/を受け取りました|停止しています/.test(k));
  if (said.length) {
    console.log("\nwhat the app processes wrote besides request lines (digits as N):");
    for (const [k, n] of said) console.log(`  ${String(n).padStart(6)}×  ${k}`);
  }
  if (rec.firstErrors.size) {
    console.log("\nfirst error of each kind:");
    for (const [k, v] of rec.firstErrors) console.log(`  ${k}: ${v}`);
  }
}

/** Waits (at most a minute) until each process's last heap snapshot has stopped growing: they are written after the signal. */
async function snapshotsWritten(heapDir: string, processes: number) {
  const sizes = () =>
    Array.from({ length: processes }, (_, i) => {
      const dir = join(heapDir, `p${i + 1}`);
      return readdirSync(dir).map((f) => statSync(join(dir, f)).size);
    }).flat();
  let before = "";
  for (let waited = 0; waited < 60_000; waited += 2000) {
    const now = sizes();
    const key = now.join(",");
    if (now.length >= processes * 3 && now.every((n) => n > 0) && key === before) return;
    before = key;
    await sleep(2000);
  }
}
