/**
 * The baseline: nginx (Debian's package) serving a saved static copy of the
 * same pages. The copy is the app's decoded HTML plus its stylesheet at the
 * same paths, with the app's own security headers added, so both servers send
 * the same bytes; nginx compresses on the fly (gzip, the same level 6 the app's
 * CompressionStream uses), so both do the same compression work per request.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { get } from "./http.ts";
import { freePort, start, type Child } from "./processes.ts";

export const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => existsSync(p));

/** Headers of the app's page that a copy should carry too (not the per-response ones). */
const COPIED_HEADERS = [
  "content-security-policy",
  "x-content-type-options",
  "referrer-policy",
  "x-frame-options",
  "cross-origin-opener-policy",
  "permissions-policy",
];

export type Snapshot = {
  root: string;
  pages: string[];
  assets: string[];
  headers: Record<string, string>;
  /** Per page: the decoded body and the Content-Encoding the app sent it with. */
  saved: Map<string, { body: Buffer; encoding: string }>;
};

/** Saves the decoded pages and the stylesheets they link to under `root`. */
export async function saveStaticCopy(appUrl: string, pages: string[], root: string): Promise<Snapshot> {
  mkdirSync(root, { recursive: true });
  const assets = new Set<string>();
  let headers: Record<string, string> = {};
  const saved: Snapshot["saved"] = new Map();
  for (const page of pages) {
    const res = await get(appUrl + page);
    if (res.status !== 200) throw new Error(`GET ${page}: ${res.status}`);
    const html = res.body.toString("utf8");
    // A page at /a/b is stored as /a/b.html (nginx: try_files $uri.html), so
    // /362018 and /362018/initiatives/12 can both exist.
    write(root, `${page}.html`, res.body);
    saved.set(page, { body: res.body, encoding: res.headers["content-encoding"] ?? "identity" });
    for (const m of html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="(\/[^"]+)"/g)) assets.add(m[1]!);
    headers = Object.fromEntries(COPIED_HEADERS.filter((h) => res.headers[h]).map((h) => [h, res.headers[h]!]));
  }
  for (const asset of assets) {
    const res = await get(appUrl + asset);
    if (res.status !== 200) throw new Error(`GET ${asset}: ${res.status}`);
    write(root, asset, res.body);
  }
  return { root, pages, assets: [...assets], headers, saved };
}

function write(root: string, path: string, body: Buffer) {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, body);
}

export type Nginx = { url: string; child: Child; config: string };

export async function startNginx(snapshot: Snapshot, dir: string): Promise<Nginx> {
  if (!NGINX) throw new Error("nginx is not installed");
  const port = await freePort();
  mkdirSync(join(dir, "temp"), { recursive: true });
  // Workers drop to 'nobody' when nginx starts as root: let them read the copy
  // (the caller's temp directory must be searchable too).
  execFileSync("chmod", ["-R", "a+rX", snapshot.root, dir]);

  // Only the temp paths this build knows (each module may be compiled out).
  const configure = String(spawnSync(NGINX, ["-V"], { encoding: "utf8" }).stderr ?? "");
  const temp = (flag: string, directive: string) =>
    configure.includes(`--${flag}`) || flag === "http-client-body-temp-path" ? `    ${directive} ${join(dir, "temp", directive)};\n` : "";

  const addHeaders = Object.entries(snapshot.headers)
    .map(([k, v]) => `      add_header ${k} "${v.replace(/"/g, '\\"')}" always;\n`)
    .join("");
  const config = `# Written by bench/nginx.ts for one benchmark run.
worker_processes auto;
daemon off;
master_process on;
pid ${join(dir, "nginx.pid")};
error_log ${join(dir, "error.log")} warn;
${process.getuid?.() === 0 ? "user nobody nogroup;\n" : ""}events { worker_connections 1024; }
http {
    access_log off;
${temp("http-client-body-temp-path", "client_body_temp_path")}${temp("http-proxy-temp-path", "proxy_temp_path")}${temp("http-fastcgi-temp-path", "fastcgi_temp_path")}${temp("http-uwsgi-temp-path", "uwsgi_temp_path")}${temp("http-scgi-temp-path", "scgi_temp_path")}    types { text/html html; text/css css; }
    default_type application/octet-stream;
    charset utf-8;
    charset_types text/css; # text/html is always included
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    gzip on;
    gzip_comp_level 6;
    gzip_types text/css;
    gzip_vary on;
    server {
        listen 127.0.0.1:${port};
        root ${snapshot.root};
        location / {
            try_files $uri.html $uri =404;
${addHeaders}        }
    }
}
`;
  const file = join(dir, "nginx.conf");
  writeFileSync(file, config);
  const test = (() => {
    try {
      execFileSync(NGINX, ["-t", "-q", "-p", dir, "-e", join(dir, "error.log"), "-c", file], { stdio: ["ignore", "pipe", "pipe"] });
      return "";
    } catch (e) {
      return String((e as { stderr?: Buffer }).stderr ?? e);
    }
  })();
  if (test) throw new Error(`nginx rejected its configuration:\n${test}\n${config}`);
  const child = start(NGINX, ["-p", dir, "-e", join(dir, "error.log"), "-c", file]);
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 15_000;
  for (;;) {
    try {
      const res = await get(url + snapshot.pages[0]!, undefined, 2000);
      if (res.status === 200) break;
      throw new Error(`status ${res.status}`);
    } catch (error) {
      if (child.process.exitCode !== null || Date.now() > until) {
        await child.stop();
        throw new Error(`nginx did not start: ${(error as Error).message}\n${child.output()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url, child, config: file };
}
