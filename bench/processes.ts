/**
 * Child processes of the benchmark (the app, nginx, wrk): each started in its
 * own process group and stopped, group and all, when the benchmark ends —
 * normally, on an error, on Ctrl+C or when its overall time limit runs out.
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

const running = new Set<ChildProcess>();

export type Child = {
  process: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  exited: Promise<number | null>;
  /** Resolves once the output contains `text`; rejects on exit or after `ms`. */
  waitFor(text: string, ms: number): Promise<void>;
  stop(ms?: number): Promise<void>;
};

export function start(command: string, args: string[], options: SpawnOptions = {}): Child {
  const child = spawn(command, args, { ...options, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => {
    child.on("exit", (code, signal) => {
      running.delete(child);
      resolve(code ?? (signal ? -1 : null));
    });
    child.on("error", (error) => {
      running.delete(child);
      output += `\n${error.message}`;
      resolve(-1);
    });
  });
  let done = false;
  void exited.then(() => (done = true));
  return {
    process: child,
    output: () => output,
    exited,
    async waitFor(text, ms) {
      const until = Date.now() + ms;
      while (!output.includes(text)) {
        if (done) throw new Error(`${command} exited before "${text}":\n${tail(output)}`);
        if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for "${text}" from ${command}:\n${tail(output)}`);
        await sleep(50);
      }
    },
    async stop(ms = 5000) {
      if (done) return;
      signalGroup(child, "SIGTERM");
      const timer = setTimeout(() => signalGroup(child, "SIGKILL"), ms);
      await exited;
      clearTimeout(timer);
    },
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // the whole group: nginx's workers too
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** Last resort, synchronous: used on exit paths where nothing can be awaited. */
export function killAll() {
  for (const child of running) signalGroup(child, "SIGKILL");
  running.clear();
}

let cleanups: Array<() => Promise<void> | void> = [];
export function onCleanup(fn: () => Promise<void> | void) {
  cleanups.push(fn);
}

/** Stops every child (gracefully first) and runs the registered clean-ups, once. */
export async function cleanup() {
  const fns = cleanups.reverse();
  cleanups = [];
  for (const fn of fns) await Promise.resolve().then(fn).catch(() => undefined);
  killAll();
}

/**
 * Runs `main` with clean-up on every way out: Ctrl+C / SIGTERM, an error, or
 * the overall time limit.
 */
export function runMain(main: () => Promise<void>, limitMs: number) {
  let finishing = false;
  const finish = async (code: number, message?: string) => {
    if (finishing) return;
    finishing = true;
    if (message) console.error(message);
    await cleanup();
    process.exit(code);
  };
  process.on("SIGINT", () => void finish(130, "\ninterrupted: stopping the servers…"));
  process.on("SIGTERM", () => void finish(143, "\nterminated: stopping the servers…"));
  process.on("exit", killAll);
  const limit = setTimeout(() => void finish(2, `\nbenchmark exceeded its time limit (${limitMs / 1000} s): stopped`), limitMs);
  limit.unref();
  main().then(
    () => finish(0),
    (error: unknown) => finish(1, `\nbenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  );
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function tail(text: string, lines = 30) {
  return text.split("\n").slice(-lines).join("\n");
}

/**
 * CPU time (user + system, ms) used so far by a process and its descendants
 * (nginx's workers), from /proc. Per request, it tells what a page costs the
 * server even when other processes share the cores; undefined off Linux.
 */
export function cpuTimeMs(rootPid: number | undefined): number | undefined {
  if (rootPid === undefined) return undefined;
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return undefined;
  }
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const e of entries) {
    try {
      const text = readFileSync(`/proc/${e}/stat`, "utf8");
      const f = text.slice(text.lastIndexOf(")") + 2).split(" "); // fields from 3 (state) on
      stats.set(Number(e), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      /* gone meanwhile */
    }
  }
  if (!stats.has(rootPid)) return undefined;
  let ticks = 0;
  for (const [pid, s] of stats) {
    for (let p: number | undefined = pid, depth = 0; p !== undefined && p > 1 && depth < 10; p = stats.get(p)?.ppid, depth++) {
      if (p === rootPid) {
        ticks += s.ticks;
        break;
      }
    }
  }
  return ticks * (1000 / CLOCK_TICKS);
}

const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on Linux
