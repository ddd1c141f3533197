/**
 * Memory of the app processes during the mixed load: the resident set (RSS,
 * from /proc, every few seconds, without touching the process) and, from the
 * memory probe loaded into each process (bench/memory-probe.ts), the live
 * JavaScript heap after a full collection.
 */
import { existsSync, readFileSync } from "node:fs";

export type RssSample = { t: number; rss: number };
export type ProbeLine = { t: number; rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number; gc: boolean };

export function rssOf(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export function readProbe(file: string): ProbeLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ProbeLine);
}

/** The sample nearest to `t` (same clock). */
export function at<T extends { t: number }>(xs: T[], t: number): T | undefined {
  let best: T | undefined;
  for (const x of xs) if (!best || Math.abs(x.t - t) < Math.abs(best.t - t)) best = x;
  return best;
}

/** Least-squares slope of `value` over time, per minute, for samples in [from, to]. */
export function slopePerMinute<T extends { t: number }>(xs: T[], value: (x: T) => number, from: number, to: number): number {
  const pts = xs.filter((x) => x.t >= from && x.t <= to);
  if (pts.length < 2) return NaN;
  const mt = pts.reduce((a, x) => a + x.t, 0) / pts.length;
  const mv = pts.reduce((a, x) => a + value(x), 0) / pts.length;
  let num = 0;
  let den = 0;
  for (const x of pts) {
    num += (x.t - mt) * (value(x) - mv);
    den += (x.t - mt) ** 2;
  }
  return den ? (num / den) * 60_000 : NaN;
}

export const mb = (bytes: number | undefined) => (bytes === undefined ? "-" : (bytes / 1024 / 1024).toFixed(0));
