/**
 * `npx tsx bench/scale/main.ts`: server time of the main pages on a large
 * synthetic instance (issue #3 §10).
 *
 * For each database (PostgreSQL server: a throwaway cluster on loopback,
 * scripts/postgres-cluster.sh; PGlite: in memory) it migrates a fresh
 * database, generates the instance (bench/scale/generate.ts), builds the app
 * in-process (createApp) and times app.request() — routing, queries,
 * rendering and compression, body read to the end: "server time" without the
 * network — for each page type on a random sample of municipalities, one
 * request at a time, after a warm-up on other municipalities. Each public page
 * is requested once per municipality, so the public page cache always misses
 * (the figure is the cost of building the page). Every SQL statement is
 * timed too; for page types whose p95 reaches the aim, the slowest statements
 * are shown and the worst one is EXPLAIN ANALYZEd.
 *
 * Settings (environment):
 *   BENCH_SCALE_DATABASES=postgres,pglite    which databases, in order
 *   BENCH_SCALE_MUNICIPALITIES=N             municipalities (default 1741 PostgreSQL, 50 PGlite)
 *   BENCH_SCALE_PGLITE_MUNICIPALITIES=N      override for PGlite only
 *   BENCH_SCALE_SAMPLE=200                   municipalities measured per page type
 *   BENCH_SCALE_WARMUP=20                    municipalities used for warm-up
 *   BENCH_SCALE_AIM_MS=100                   the p95 aim
 *   BENCH_SCALE_LIMIT_S=1200                 overall time limit (everything is stopped after it)
 *   BENCH_SCALE_TARGET=in-process|processes  processes: see below (`npm run bench -- scale-processes` sets it)
 *
 * `npm run bench -- scale-processes` (issue #9 §6): the same instance on the
 * PostgreSQL server only, served by BENCH_SCALE_PROCESSES (default 2) app
 * processes (`node --import tsx src/main.ts`, as `npm start`) behind nginx;
 * each page is timed from the request leaving this process to the last byte
 * of the answer through nginx, one request at a time, with the staff
 * pages' session cookie. SQL statements are then not timed (they run in the
 * app processes).
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createApp } from "../../src/app.ts";
import { LICENSES } from "../../src/config.ts";
import type { Database, Queryable, Row } from "../../src/core/db/database.ts";
import { migrate } from "../../src/core/db/migrate.ts";
import { openPglite } from "../../src/core/db/pglite.ts";
import { openPostgres } from "../../src/core/db/postgres.ts";
import { startAppProcess, startNginxProxy, type Process } from "../../test/support/app-processes.ts";
import { ROOT, table } from "../common.ts";
import { Client } from "../mixed/client.ts";
import { freePort, onCleanup, runMain } from "../processes.ts";
import { generate, sessionToken, type BenchRole } from "./generate.ts";

const env = process.env;
const int = (v: string | undefined, d: number) => (v && /^\d+$/.test(v) ? Number(v) : d);
const THROUGH_PROCESSES = env.BENCH_SCALE_TARGET === "processes";
const PROCESSES = int(env.BENCH_SCALE_PROCESSES, 2);
const DATABASES = (env.BENCH_SCALE_DATABASES ?? (THROUGH_PROCESSES ? "postgres" : "postgres,pglite")).split(",").map((s) => s.trim()) as Array<"postgres" | "pglite">;
const SAMPLE = int(env.BENCH_SCALE_SAMPLE, 200);
const WARMUP = int(env.BENCH_SCALE_WARMUP, 20);
const AIM_MS = int(env.BENCH_SCALE_AIM_MS, 100);
const LIMIT_MS = int(env.BENCH_SCALE_LIMIT_S, 1200) * 1000;
const FISCAL_YEAR_OPEN = 2025;

type Target = { lgCode: string; cycleId: number; users: Record<BenchRole, number> };
type PageType = { name: string; role?: BenchRole; path: (t: Target) => string };

const PAGES: PageType[] = [
  { name: "public: top", path: (t) => `/${t.lgCode}` },
  { name: "public: initiative (with results)", path: (t) => `/${t.lgCode}/initiatives/12` },
  { name: "public: yearly results 2023", path: (t) => `/${t.lgCode}/results/2023` },
  { name: "staff: home", role: "secretariat", path: (t) => `/${t.lgCode}/staff` },
  { name: "staff: cycles list", role: "secretariat", path: (t) => `/${t.lgCode}/staff/cycles` },
  { name: "staff: cycle overview (secretariat)", role: "secretariat", path: (t) => `/${t.lgCode}/staff/cycles/${t.cycleId}` },
  { name: "staff: report page", role: "secretariat", path: (t) => `/${t.lgCode}/staff/cycles/${t.cycleId}/initiatives/12` },
  { name: "staff: my tasks (officer)", role: "digital_officer", path: (t) => `/${t.lgCode}/staff/my-tasks` },
  { name: "staff: my tasks (division head)", role: "division_head", path: (t) => `/${t.lgCode}/staff/my-tasks` },
  { name: "staff: evaluation 図表10 (CIO)", role: "cio", path: (t) => `/${t.lgCode}/staff/evaluation` },
  { name: "staff: evaluation 2023 (committee)", role: "committee_member", path: (t) => `/${t.lgCode}/staff/evaluation?year=2023` },
  { name: "staff: audit log", role: "secretariat", path: (t) => `/${t.lgCode}/staff/audit` },
];

// ------------------------------------------------------------ SQL timing
type QueryTime = { page: string; sql: string; params: readonly unknown[]; ms: number };
let currentPage: string | undefined;
const queryTimes: QueryTime[] = [];

function timed(db: Database): Database {
  const wrap = <Q extends Queryable>(q: Q): Queryable => ({
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      const t = performance.now();
      try {
        return await q.query<T>(sql, params);
      } finally {
        if (currentPage) queryTimes.push({ page: currentPage, sql, params, ms: performance.now() - t });
      }
    },
    exec: (sql: string) => q.exec(sql),
  });
  return { kind: db.kind, ...wrap(db), transaction: (work) => db.transaction((tx) => work(wrap(tx))), close: () => db.close() };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
const ms = (n: number) => n.toFixed(1);
const oneLine = (sql: string) => sql.replace(/\s+/g, " ").trim();

function shuffle<T>(xs: T[], seed = 42): T[] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

async function targets(db: Database): Promise<Target[]> {
  const rows = await db.query<{ lg_code: string; cycle_id: number; users: Record<BenchRole, number> }>(
    `select m.lg_code, c.id as cycle_id,
            (select jsonb_object_agg(substr(u.login_id, 7), u.id) from app_user u where u.municipality_id = m.id and u.login_id like 'bench-%') as users
       from municipality m join evaluation_cycle c on c.municipality_id = m.id and c.fiscal_year = $1
      order by m.id`,
    [FISCAL_YEAR_OPEN],
  );
  return rows.map((r) => ({ lgCode: r.lg_code, cycleId: r.cycle_id, users: r.users }));
}

async function runDatabase(kind: "postgres" | "pglite", tmp: string) {
  const n = int(kind === "pglite" ? (env.BENCH_SCALE_PGLITE_MUNICIPALITIES ?? env.BENCH_SCALE_MUNICIPALITIES) : env.BENCH_SCALE_MUNICIPALITIES, kind === "pglite" ? 50 : 1741);
  console.log(`\n=== ${kind === "postgres" ? "PostgreSQL server (throwaway cluster, loopback)" : "PGlite (in memory)"} — ${n} municipalities ===`);
  let raw: Database;
  let url = "";
  if (kind === "postgres") {
    const dir = join(tmp, "pg");
    url = execFileSync("bash", [join(ROOT, "scripts/postgres-cluster.sh"), "start", dir, String(await freePort())], { encoding: "utf8" }).trim();
    onCleanup(() => void execFileSync("bash", [join(ROOT, "scripts/postgres-cluster.sh"), "stop", dir]));
    const version = execFileSync("bash", ["-c", "ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1"], { encoding: "utf8" }).trim();
    console.log(`cluster: ${url} (${version})`);
    raw = await openPostgres(url);
  } else {
    raw = await openPglite();
  }
  onCleanup(() => raw.close().catch(() => undefined));
  await migrate(raw);

  console.log("generating:");
  const gen = await generate(raw, n, (s) => console.log(s));
  const total = gen.rows.reduce((a, [, c]) => a + c, 0);
  console.log(`generated ${total.toLocaleString("en")} rows in ${gen.seconds.toFixed(1)} s (incl. ANALYZE ${gen.steps.at(-1)![1].toFixed(1)} s)`);
  table(["table", "rows"], gen.rows.map(([t, c]) => [t, c.toLocaleString("en")]), 1);

  // Sessions were created at generation; make them fresh for the measurement (idle timeout 30 min).
  await raw.exec("update user_session set created_at = now(), last_seen_at = now()");

  const db = timed(raw);
  const app = createApp({ db, config: { license: LICENSES["pdl-1.0"], siteUrl: undefined }, cache: { freshnessMs: 1000 } });
  const all = shuffle(await targets(raw));
  const warm = all.slice(0, Math.min(WARMUP, Math.max(1, all.length - SAMPLE)));
  const sample = all.slice(warm.length, warm.length + SAMPLE);

  const inProcess = async (page: PageType, t: Target) => {
    const headers: Record<string, string> = { "accept-encoding": "gzip, deflate, br" };
    if (page.role) headers.cookie = `dxp_session=${sessionToken(t.users[page.role])}`;
    const started = performance.now();
    const res = await app.request(page.path(t), { headers });
    await res.arrayBuffer();
    return { ms: performance.now() - started, status: res.status };
  };
  const request = THROUGH_PROCESSES && kind === "postgres" ? await throughProcesses(url, tmp) : inProcess;

  for (const t of warm) for (const page of PAGES) await request(page, t);
  console.log(`warm-up: ${warm.length} municipalities × ${PAGES.length} page types; measuring ${sample.length} municipalities per page type, one request at a time`);

  queryTimes.length = 0;
  const results: Array<{ page: PageType; times: number[]; bad: Map<number, number> }> = [];
  const started = performance.now();
  for (const page of PAGES) {
    const times: number[] = [];
    const bad = new Map<number, number>();
    currentPage = page.name;
    for (const t of sample) {
      const r = await request(page, t);
      times.push(r.ms);
      if (r.status !== 200) bad.set(r.status, (bad.get(r.status) ?? 0) + 1);
    }
    currentPage = undefined;
    results.push({ page, times: times.sort((a, b) => a - b), bad });
  }
  const measuredS = (performance.now() - started) / 1000;

  const rows = results.map(({ page, times, bad }) => {
    const p95 = quantile(times, 0.95);
    const q = queryTimes.filter((x) => x.page === page.name);
    return [
      page.name,
      String(times.length),
      ms(quantile(times, 0.5)),
      ms(p95),
      ms(times.at(-1)!),
      request === inProcess ? (q.length / times.length).toFixed(0) : "-",
      request === inProcess ? ms(q.reduce((a, x) => a + x.ms, 0) / times.length) : "-",
      bad.size ? [...bad].map(([s, c]) => `${c}×${s}`).join(" ") : "200",
      p95 >= AIM_MS ? `p95 ≥ ${AIM_MS} ms` : "ok",
    ];
  });
  console.log(
    `\n${request === inProcess ? "server time" : `page time through nginx to ${PROCESSES} app processes`} (ms), ${kind}, ${n} municipalities (measured in ${measuredS.toFixed(1)} s; load average ${loadavg()[0]!.toFixed(2)}):`,
  );
  table(["page type", "n", "p50", "p95", "max", "SQL/req", "SQL ms/req (sum)", "status", "aim"], rows, 1);

  if (request !== inProcess) return { kind, n, gen, rows };
  // Where the time goes: the slowest statements of each page type over the
  // aim or, when none is, of all page types; the worst one is EXPLAIN ANALYZEd.
  const slow = results.filter((r) => quantile(r.times, 0.95) >= AIM_MS);
  const groups = slow.length ? slow.map((r) => r.page.name) : [undefined];
  for (const group of groups) {
    const q = queryTimes.filter((x) => group === undefined || x.page === group);
    const bySql = new Map<string, QueryTime[]>();
    for (const x of q) bySql.set(x.sql, [...(bySql.get(x.sql) ?? []), x]);
    const ranked = [...bySql.entries()]
      .map(([sql, xs]) => ({ sql, xs: xs.sort((a, b) => a.ms - b.ms) }))
      .sort((a, b) => quantile(b.xs.map((x) => x.ms), 0.95) - quantile(a.xs.map((x) => x.ms), 0.95))
      .slice(0, group === undefined ? 5 : 3);
    console.log(`\n${group ?? `no page type reaches ${AIM_MS} ms at p95; slowest statements of all page types`} (p50/p95 of each statement, wall time from call to result: it includes waiting for a connection when a page runs statements in parallel, as loading a plan does with ~20):`);
    for (const { sql, xs } of ranked) {
      const pages = [...new Set(xs.map((x) => x.page))];
      console.log(
        `  p50 ${ms(quantile(xs.map((x) => x.ms), 0.5))} p95 ${ms(quantile(xs.map((x) => x.ms), 0.95))} max ${ms(xs.at(-1)!.ms)} ms  ` +
          `[${pages.length > 2 ? `${pages.length} page types` : pages.join(", ")}]  ${oneLine(sql).slice(0, 240)}`,
      );
    }
    const worst = ranked[0]?.xs.at(-1);
    if (worst && /^\s*(select|with)/i.test(worst.sql)) {
      try {
        const plan = await raw.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${worst.sql}`, worst.params);
        console.log(`  EXPLAIN ANALYZE of the first one (params ${JSON.stringify(worst.params).slice(0, 120)}):`);
        for (const line of plan) console.log(`    ${line["QUERY PLAN"]}`);
      } catch (error) {
        console.log(`  (EXPLAIN failed: ${error instanceof Error ? error.message : String(error)})`);
      }
    }
  }
  return { kind, n, gen, rows };
}

/** Starts the app processes and nginx on the generated database; requests go through nginx, one at a time, on one kept-alive connection. */
async function throughProcesses(url: string, tmp: string) {
  const env = { DATABASE_URL: url, BOOTSTRAP_PLAN: "none", TRUST_PROXY: "true", COOKIE_SECURE: "never", NODE_ENV: "production" };
  const apps: Process[] = [];
  for (let i = 0; i < PROCESSES; i++) {
    const p = await startAppProcess(env, { startMs: 180_000 });
    onCleanup(() => p.stop());
    apps.push(p);
  }
  const nginx = await startNginxProxy(apps.map((a) => a.url), join(tmp, "nginx"), { workerConnections: 1024, upstreamKeepalive: 16 });
  onCleanup(() => nginx.stop());
  console.log(`${PROCESSES} app processes (${apps.map((a) => a.url).join(", ")}) behind nginx ${nginx.url}`);
  const client = new Client(nginx.url, false);
  onCleanup(() => client.close());
  return async (page: PageType, t: Target) => {
    client.cookies.clear();
    if (page.role) client.cookies.set("dxp_session", sessionToken(t.users[page.role]));
    const res = await client.get(page.path(t));
    return { ms: res.ms, status: res.status };
  };
}

async function main() {
  console.log(`dx-plan scale benchmark — ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), node ${process.version}`);
  const tmp = mkdtempSync(join(tmpdir(), "dx-plan-scale-"));
  chmodSync(tmp, 0o755); // the cluster runs as user postgres when we are root
  onCleanup(() => rmSync(tmp, { recursive: true, force: true }));
  for (const kind of DATABASES) await runDatabase(kind, tmp);
}

/** For `npm run bench -- scale` (bench/main.ts runs it under its own clean-up and time limit). */
export const benchScale = main;
export const SCALE_LIMIT_MS = LIMIT_MS;

// `npx tsx bench/scale/main.ts` directly.
if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) runMain(main, LIMIT_MS);
