/** Settings and printing shared by bench/main.ts and bench/experiments.ts. */
import type { LoadOptions } from "./load.ts";

export const ROOT = new URL("..", import.meta.url).pathname;
export const LG = "/362018";
/** The pages put under load: the top page and an initiative page. */
export const LOAD_PAGES = [LG, `${LG}/initiatives/12`];

export function settings(env: NodeJS.ProcessEnv = process.env) {
  const num = (name: string, fallback: number) => {
    const v = env[name];
    if (v === undefined || v === "") return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}=${v}: a positive number is needed`);
    return n;
  };
  const load: LoadOptions = {
    connections: Math.round(num("BENCH_CONNECTIONS", 50)),
    warmupMs: num("BENCH_WARMUP", 2) * 1000,
    durationMs: num("BENCH_DURATION", 10) * 1000,
    maxRequests: 5_000_000,
    wrkThreads: Math.round(num("BENCH_WRK_THREADS", 1)),
  };
  return { load, keep: env.BENCH_KEEP === "1", loadPreference: env.BENCH_LOAD };
}

export function table(head: string[], rows: string[][], leftColumns = 2) {
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < leftColumns ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join("  ");
  console.log(line(head));
  console.log(width.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

export function fmtBytes(n: number) {
  return n >= 10_000 ? `${(n / 1000).toFixed(1)} kB` : `${n} B`;
}

export function pct(part: number, whole: number) {
  return whole ? `${((part / whole) * 100).toFixed(1)} %` : "-";
}

/** Share of all cores' time spent busy over `ms` (other processes included). */
export async function cpuBusy(ms = 1000): Promise<number> {
  const { cpus } = await import("node:os");
  const sum = () =>
    cpus().reduce(
      (a, c) => {
        const t = c.times;
        return { busy: a.busy + t.user + t.nice + t.sys + t.irq, all: a.all + t.user + t.nice + t.sys + t.irq + t.idle };
      },
      { busy: 0, all: 0 },
    );
  const a = sum();
  await new Promise((r) => setTimeout(r, ms));
  const b = sum();
  return b.all > a.all ? (b.busy - a.busy) / (b.all - a.all) : 0;
}

/** Warns when other processes already keep the machine busy: the figures would mean little. */
export async function checkQuiet(): Promise<string> {
  const busy = await cpuBusy(1500);
  const { loadavg } = await import("node:os");
  const note = `machine before the runs: ${(busy * 100).toFixed(0)} % CPU busy, load average ${loadavg()[0]!.toFixed(2)}`;
  return busy > 0.15 ? `${note} — WARNING: other processes are using the CPU; figures will be low and noisy` : note;
}

export async function loadAverage(): Promise<string> {
  const { loadavg } = await import("node:os");
  return loadavg()[0]!.toFixed(2);
}
