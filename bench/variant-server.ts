/**
 * The real app (createApp from src/, unchanged) with experimental wrappers
 * around it, to measure what each stage of a request costs. Started by
 * bench/experiments.ts as `node --import tsx bench/variant-server.ts`, with the
 * same settings as `npm start` (PORT, DATA_DIR, DATABASE_URL …) plus
 * VARIANT, a comma-separated list of:
 *
 *   no-compress  the app never sees Accept-Encoding, so hono/compress leaves
 *                responses uncompressed (the client still asks for gzip)
 *   sync-gzip    compression moved out of hono/compress: the whole body is
 *                gzipped in one zlib.gzipSync call (level 6, as
 *                CompressionStream) and sent with a Content-Length
 *   db-memo      results of SELECT statements reused for 1 s (no write
 *                happens during a benchmark): no database round trip per page
 *   page-cache   finished responses (compressed bytes and headers) kept per
 *                URL and Accept-Encoding: the ceiling of caching whole pages
 */
import { serve } from "@hono/node-server";
import { gzipSync } from "node:zlib";
import { createApp } from "../src/app.ts";
import { bootstrapPlan } from "../src/bootstrap.ts";
import { loadConfig } from "../src/config.ts";
import type { Database, Row } from "../src/core/db/database.ts";
import { openDatabase } from "../src/core/db/open-database.ts";

const variants = new Set((process.env.VARIANT ?? "").split(",").map((v) => v.trim()).filter(Boolean));
const known = ["no-compress", "sync-gzip", "db-memo", "page-cache"];
for (const v of variants) if (!known.includes(v)) throw new Error(`unknown VARIANT ${v} (known: ${known.join(", ")})`);

const config = loadConfig();
const opened = await openDatabase(config);
await bootstrapPlan(opened, config);

let db: Database = opened;
if (variants.has("db-memo")) {
  const memo = new Map<string, { at: number; rows: Row[] }>();
  db = {
    ...opened,
    async query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      if (!/^\s*select\b/i.test(sql)) return opened.query<T>(sql, params);
      const key = `${sql}\u0000${JSON.stringify(params)}`;
      const hit = memo.get(key);
      if (hit && Date.now() - hit.at < 1000) return hit.rows as T[];
      const rows = await opened.query<T>(sql, params);
      memo.set(key, { at: Date.now(), rows });
      return rows;
    },
  };
}

const app = createApp({ db, config });
type Fetch = (req: Request) => Promise<Response>;
let fetch: Fetch = async (req) => app.fetch(req);

if (variants.has("no-compress") || variants.has("sync-gzip")) {
  const inner = fetch;
  fetch = async (req) => {
    const headers = new Headers(req.headers);
    const accepts = headers.get("accept-encoding") ?? "";
    headers.delete("accept-encoding");
    const res = await inner(new Request(req.url, { method: req.method, headers }));
    if (!variants.has("sync-gzip") || !/\bgzip\b/.test(accepts) || !/^(text\/|application\/json)/.test(res.headers.get("content-type") ?? "")) {
      return res;
    }
    const body = Buffer.from(await res.arrayBuffer());
    const out = new Headers(res.headers);
    out.append("Vary", "Accept-Encoding");
    if (body.length < 1024) return new Response(body, { status: res.status, headers: out });
    const gz = gzipSync(body, { level: 6 });
    out.set("Content-Encoding", "gzip");
    out.set("Content-Length", String(gz.length));
    return new Response(gz, { status: res.status, headers: out });
  };
}

if (variants.has("page-cache")) {
  const inner = fetch;
  const cache = new Map<string, { status: number; headers: [string, string][]; body: Uint8Array<ArrayBuffer> }>();
  fetch = async (req) => {
    const key = `${req.url}\u0000${req.headers.get("accept-encoding") ?? ""}`;
    let hit = cache.get(key);
    if (!hit) {
      const res = await inner(req);
      hit = { status: res.status, headers: [...res.headers], body: new Uint8Array(await res.arrayBuffer()) };
      hit.headers = hit.headers.filter(([k]) => k !== "content-length" && k !== "transfer-encoding");
      if (req.method === "GET" && res.status === 200) cache.set(key, hit);
    }
    return new Response(hit.body, { status: hit.status, headers: [...hit.headers, ["content-length", String(hit.body.length)]] });
  };
}

const server = serve({ fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(`variant [${[...variants].join(",") || "baseline"}] listening on ${info.port}`);
});
const stop = async () => {
  server.close();
  await opened.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
