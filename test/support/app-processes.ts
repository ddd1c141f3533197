/**
 * Real app processes (`node --import tsx src/main.ts`, as `npm start` runs
 * it) and nginx in front of them, on loopback: for the tests that show what
 * a single in-process app cannot — several processes sharing one
 * PostgreSQL server (issue #9 §1).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

export const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => existsSync(p));

export type Process = {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `ms`. */
  stop(ms?: number): Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function track(child: ChildProcess, url: string, onOutput?: (text: string) => void): Process {
  let output = "";
  // Only the tail is kept: a process under a long load writes a JSON line per request.
  const keep = (d: Buffer) => {
    onOutput?.(String(d));
    output += d;
    if (output.length > 2_000_000) output = output.slice(-1_000_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? -1 : null))));
  let done = false;
  void exited.then(() => (done = true));
  return {
    child,
    url,
    output: () => output,
    exited,
    async stop(ms = 10_000) {
      if (done) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), ms);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitFor(proc: Process, text: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  let exited = false;
  void proc.exited.then(() => (exited = true));
  while (!proc.output().includes(text)) {
    if (exited) throw new Error(`the process exited before "${text}":\n${proc.output().slice(-2000)}`);
    if (Date.now() > until) throw new Error(`no "${text}" after ${ms} ms:\n${proc.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * One app process on a free port, started as `npm start` starts it.
 * `nodeArgs` come after tsx's loader, before the script (the load benchmark adds --expose-gc and its memory probe).
 */
export async function startAppProcess(
  env: Record<string, string>,
  options: { nodeArgs?: string[]; startMs?: number; onOutput?: (text: string) => void } = {},
): Promise<Process> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", ...(options.nodeArgs ?? []), "src/main.ts"], {
    cwd: join(import.meta.dirname, "..", ".."),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TZ: process.env.TZ ?? "UTC", HOST: "127.0.0.1", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const proc = track(child, `http://127.0.0.1:${port}`, options.onOutput);
  try {
    await waitFor(proc, "で公開中", options.startMs ?? 60_000);
  } catch (error) {
    child.kill("SIGKILL"); // never leave a half-started server behind a failed test
    throw error;
  }
  return proc;
}

/**
 * nginx on a free port, proxying to the given app processes as a production install would (docs/operations.md).
 * The load benchmark asks for more connections and for kept-alive upstream connections, as docs/operations.md configures them.
 */
export async function startNginxProxy(upstreams: string[], dir: string, options: { workerConnections?: number; upstreamKeepalive?: number } = {}): Promise<Process> {
  if (!NGINX) throw new Error("nginx is not installed");
  const port = await freePort();
  mkdirSync(join(dir, "temp"), { recursive: true });
  const configure = String(spawnSync(NGINX, ["-V"], { encoding: "utf8" }).stderr ?? "");
  const temp = (flag: string, directive: string) =>
    configure.includes(`--${flag}`) || flag === "http-client-body-temp-path" ? `    ${directive} ${join(dir, "temp", directive)};\n` : "";
  const config = `worker_processes 1;
daemon off;
master_process on;
pid ${join(dir, "nginx.pid")};
error_log ${join(dir, "error.log")} warn;
${process.getuid?.() === 0 ? "user root root;\n" : ""}events { worker_connections ${options.workerConnections ?? 256}; }
http {
    access_log off;
${temp("http-client-body-temp-path", "client_body_temp_path")}${temp("http-proxy-temp-path", "proxy_temp_path")}${temp("http-fastcgi-temp-path", "fastcgi_temp_path")}${temp("http-uwsgi-temp-path", "uwsgi_temp_path")}${temp("http-scgi-temp-path", "scgi_temp_path")}    upstream app {
${upstreams.map((u) => `        server ${u.replace(/^http:\/\//, "")} max_fails=1 fail_timeout=30s;`).join("\n")}
${options.upstreamKeepalive ? `        keepalive ${options.upstreamKeepalive};\n` : ""}    }
    server {
        listen 127.0.0.1:${port};
        client_max_body_size 12m;
        location / {
            proxy_pass http://app;
${options.upstreamKeepalive ? `            proxy_http_version 1.1;\n            proxy_set_header Connection "";\n` : ""}            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_next_upstream error timeout;
        }
    }
}
`;
  const file = join(dir, "nginx.conf");
  writeFileSync(file, config);
  const child = spawn(NGINX, ["-p", dir, "-e", join(dir, "error.log"), "-c", file], { stdio: ["ignore", "pipe", "pipe"] });
  const proc = track(child, `http://127.0.0.1:${port}`);
  const until = Date.now() + 10_000;
  for (;;) {
    try {
      await fetch(proc.url, { signal: AbortSignal.timeout(1000) });
      return proc;
    } catch (error) {
      if (Date.now() > until) throw new Error(`nginx did not start: ${String(error)}\n${proc.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
