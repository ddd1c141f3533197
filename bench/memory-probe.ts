/**
 * Loaded into an app process by the mixed-load benchmark only
 * (`node --expose-gc --import tsx --import ./bench/memory-probe.ts src/main.ts`):
 * every BENCH_MEMORY_INTERVAL_MS it collects garbage (when --expose-gc is
 * given, so heapUsed is the live heap, not what the collector has yet to
 * reclaim) and appends process.memoryUsage() as one JSON line to
 * BENCH_MEMORY_FILE. Nothing of this is part of the app: no endpoint, no
 * setting; a production process never loads it.
 */
import { appendFileSync } from "node:fs";

const file = process.env.BENCH_MEMORY_FILE;
const interval = Number(process.env.BENCH_MEMORY_INTERVAL_MS ?? 10_000);
const gc = (globalThis as { gc?: () => void }).gc;

function sample() {
  if (!file) return;
  gc?.();
  const m = process.memoryUsage();
  const line = { t: Date.now(), pid: process.pid, rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, gc: !!gc };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}

if (file) {
  setInterval(sample, interval).unref();
  // On demand too, so start, middle and end are sampled exactly: SIGWINCH (SIGUSR1 would start the inspector; the app uses neither).
  process.on("SIGWINCH", sample);
}
