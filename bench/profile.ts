/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and tells where the time went,
 * within a window at the end of the profile (the load phase, not start-up):
 * self time by area (a package, a source file of ours, Node's internals, GC)
 * and the functions with the most self time.
 */
import { readFileSync } from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

export type ProfileSummary = {
  busyMs: number;
  idleMs: number;
  /** Inclusive: each sample goes to the nearest frame on its stack that belongs to a known stage. */
  stages: [string, number][];
  /** Self time by package / source file. */
  areas: [string, number][];
  functions: [string, number][];
};

/** Stages of a request, matched from the sampled frame towards the root; the first match wins. */
const STAGES: [string, (url: string, fn: string) => boolean][] = [
  ["database: PGlite (WASM + its JS)", (u) => u.startsWith("wasm://") || u.includes("/@electric-sql/pglite/")],
  ["database: pg client", (u) => /\/node_modules\/pg(-[a-z]+)?\//.test(u)],
  ["compression (hono/compress: CompressionStream, zlib)", (u) => u.includes("/hono/dist/middleware/compress/") || u === "node:zlib" || u.includes("node:internal/webstreams/compression")],
  ["glossary linking (src/modules/plan/domain/glossary-linker.ts)", (u) => u.endsWith("/glossary-linker.ts")],
  ["rendering: JSX to HTML (hono/jsx, our .tsx views)", (u) => u.includes("/hono/dist/jsx/") || u.includes("/hono/dist/utils/html") || (u.includes("/src/") && u.endsWith(".tsx"))],
  ["our other code (src/**/*.ts)", (u) => u.includes("/src/") && u.endsWith(".ts")],
  ["HTTP: @hono/node-server (Request/Response bridging)", (u) => u.includes("/@hono/node-server/")],
  ["hono: routing, context, middleware", (u) => u.includes("/hono/dist/")],
  ["tsx loader", (u) => u.includes("/tsx/dist/")],
];

/**
 * `fromEndMs`/`toEndMs`: the window, as milliseconds before the profile's end
 * (the process's exit).
 */
export function summarizeProfile(file: string, fromEndMs: number, toEndMs: number): ProfileSummary {
  const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stageOf = (id: number): string => {
    const leaf = byId.get(id)!.callFrame.functionName;
    if (leaf === "(garbage collector)" || leaf === "(program)") return leaf;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { url, functionName } = byId.get(at)!.callFrame;
      const hit = STAGES.find(([, match]) => match(url, functionName));
      if (hit) return hit[0];
    }
    return "HTTP and I/O in Node.js itself (node:http, net, streams, timers)";
  };
  const windowStart = p.endTime - fromEndMs * 1000;
  const windowEnd = p.endTime - toEndMs * 1000;
  const self = new Map<number, number>();
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i]!;
    if (t < windowStart || t > windowEnd) continue;
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000; // this sample stands for the time until the next one
    self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + dt);
  }
  const stages = new Map<string, number>();
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === "(idle)") {
      idle += ms;
      continue;
    }
    busy += ms;
    const stage = stageOf(id);
    stages.set(stage, (stages.get(stage) ?? 0) + ms);
    const area = areaOf(functionName, url);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const fn = `${functionName || "(anonymous)"}  ${shortUrl(url)}${url ? `:${lineNumber + 1}` : ""}`;
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return { busyMs: busy, idleMs: idle, stages: top(stages, 20), areas: top(areas, 15), functions: top(functions, 20) };
}

function areaOf(functionName: string, url: string): string {
  if (!url) {
    if (functionName.startsWith("(")) return functionName; // (garbage collector), (program)
    return "(native / V8 builtins)";
  }
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/);
  if (pkg) {
    if (pkg[1] === "hono") return `hono/${pkg[2]!.replace(/^dist\/(cjs\/)?/, "").split("/").slice(0, 2).join("/")}`;
    return pkg[1]!;
  }
  if (url.startsWith("node:")) return `node:${url.slice(5).split("/").slice(0, 2).join("/")}`;
  const src = url.match(/\/(src\/.*)$/);
  if (src) return src[1]!;
  return shortUrl(url);
}

function shortUrl(url: string) {
  return url.replace(/^file:\/\//, "").replace(/^.*\/node_modules\//, "").replace(/^.*\/(src\/)/, "$1");
}
