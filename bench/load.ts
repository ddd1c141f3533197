/**
 * Load generators: a fixed number of keep-alive connections, each sending its
 * next request as soon as the previous answer has arrived, for a fixed time
 * after a warm-up. wrk (Debian's package, a separate C process) when
 * installed; otherwise a small generator in Node.js, in this process — which
 * is not the server's process, but shares the machine's two cores with it.
 * Both send the Accept-Encoding of a browser, so compressed pages are measured.
 */
import { existsSync } from "node:fs";
import { Agent, request } from "node:http";
import { BROWSER_ACCEPT_ENCODING } from "./http.ts";
import { cpuTimeMs, start } from "./processes.ts";

export type LoadOptions = {
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** Node generator only: stop after this many measured requests. */
  maxRequests: number;
  /** wrk only: its threads. */
  wrkThreads: number;
  /** The server's process: its CPU time (and its children's) is measured too. */
  serverPid?: number;
};

export type LoadResult = {
  tool: string;
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx answers, socket errors and time-outs. */
  errors: number;
  /** The server's CPU time per request (ms), all its processes together. */
  serverCpuMs?: number;
  /** The server's CPU time over the wall time: how many cores it kept busy. */
  serverCores?: number;
};

export const WRK = ["/usr/bin/wrk", "/usr/local/bin/wrk"].find((p) => existsSync(p));

export function loadTool(preference: string | undefined): "wrk" | "node" {
  if (preference === "node") return "node";
  if (preference === "wrk" && !WRK) throw new Error("BENCH_LOAD=wrk, but wrk is not installed (apt-get install wrk)");
  return WRK ? "wrk" : "node";
}

export async function runLoad(tool: "wrk" | "node", url: string, o: LoadOptions): Promise<LoadResult> {
  return tool === "wrk" ? runWrk(url, o) : runNode(url, o);
}

// ------------------------------------------------------------------ wrk

async function runWrk(url: string, o: LoadOptions): Promise<LoadResult> {
  const threads = Math.max(1, Math.min(o.wrkThreads, o.connections));
  const wrk = async (ms: number) => {
    const seconds = Math.max(1, Math.round(ms / 1000));
    const args = ["-t", String(threads), "-c", String(o.connections), "-d", `${seconds}s`, "--timeout", "5s", "--latency"];
    const child = start(WRK!, [...args, "-H", `Accept-Encoding: ${BROWSER_ACCEPT_ENCODING}`, url]);
    const timer = setTimeout(() => void child.stop(), ms + 30_000); // bounded even if wrk hangs
    const code = await child.exited;
    clearTimeout(timer);
    if (code !== 0) throw new Error(`wrk failed (${code}):\n${child.output()}`);
    return child.output();
  };
  if (o.warmupMs > 0) await wrk(o.warmupMs);
  const cpu0 = cpuTimeMs(o.serverPid);
  const out = await wrk(o.durationMs);
  const cpu1 = cpuTimeMs(o.serverPid);
  const r = parseWrk(out);
  return { tool: `wrk ${threads} thread${threads > 1 ? "s" : ""}`, ...r, ...serverCpu(cpu0, cpu1, r.requests, r.seconds) };
}

function serverCpu(cpu0: number | undefined, cpu1: number | undefined, requests: number, seconds: number) {
  if (cpu0 === undefined || cpu1 === undefined || !requests || !seconds) return {};
  return { serverCpuMs: (cpu1 - cpu0) / requests, serverCores: (cpu1 - cpu0) / 1000 / seconds };
}

export function parseWrk(out: string): Omit<LoadResult, "tool"> {
  const num = (re: RegExp) => {
    const m = out.match(re);
    if (!m) throw new Error(`cannot read wrk's output (${re}):\n${out}`);
    return m;
  };
  const [, requests, seconds] = num(/(\d+) requests in ([\d.]+)(\w+),/);
  const unitSeconds = out.match(/requests in [\d.]+(\w+),/)![1];
  const secs = Number(seconds) * (unitSeconds === "m" ? 60 : unitSeconds === "ms" ? 0.001 : 1);
  const rps = Number(num(/Requests\/sec:\s+([\d.]+)/)[1]);
  const percentile = (p: string) => {
    const m = num(new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, "m"));
    const scale = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[m[2] as "us" | "ms" | "s" | "m"];
    return Number(m[1]) * scale;
  };
  const non2xx = Number(out.match(/Non-2xx or 3xx responses:\s+(\d+)/)?.[1] ?? 0);
  const socket = out.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const socketErrors = socket ? socket.slice(1, 5).reduce((a, b) => a + Number(b), 0) : 0;
  return { requests: Number(requests), seconds: secs, rps, p50Ms: percentile("50"), p99Ms: percentile("99"), errors: non2xx + socketErrors };
}

// ------------------------------------------------------------------ Node.js

async function runNode(url: string, o: LoadOptions): Promise<LoadResult> {
  const began = performance.now();
  const measureFrom = began + o.warmupMs;
  const endAt = measureFrom + o.durationMs;
  const latencies: number[] = [];
  let errors = 0;
  let measured = 0;
  let firstMeasured = Infinity;
  let lastDone = 0;
  let cpu0: number | undefined;
  const warmed = setTimeout(() => (cpu0 = cpuTimeMs(o.serverPid)), o.warmupMs);

  // One agent per connection with one socket each: exactly `connections` keep-alive connections.
  const agents = Array.from({ length: o.connections }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
  const once = (agent: Agent) =>
    new Promise<number>((resolve) => {
      const req = request(url, { agent, headers: { "Accept-Encoding": BROWSER_ACCEPT_ENCODING }, timeout: 5000 }, (res) => {
        res.on("data", () => undefined);
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", () => resolve(0));
      });
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", () => resolve(0));
      req.end();
    });
  const loop = async (agent: Agent) => {
    while (measured < o.maxRequests) {
      const t0 = performance.now();
      if (t0 >= endAt) return;
      const status = await once(agent);
      const t1 = performance.now();
      if (t0 < measureFrom) continue; // warm-up
      measured++;
      firstMeasured = Math.min(firstMeasured, t0);
      lastDone = Math.max(lastDone, t1);
      if (status >= 200 && status < 400) latencies.push(t1 - t0);
      else errors++;
    }
  };
  await Promise.all(agents.map(loop));
  clearTimeout(warmed);
  const cpu1 = cpuTimeMs(o.serverPid);
  for (const a of agents) a.destroy();

  const seconds = measured ? (lastDone - firstMeasured) / 1000 : 0;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)]! : NaN);
  return {
    tool: "node generator",
    requests: measured,
    seconds,
    rps: seconds ? measured / seconds : 0,
    p50Ms: pct(0.5),
    p99Ms: pct(0.99),
    errors,
    ...serverCpu(cpu0, cpu1, measured, seconds),
  };
}
