/**
 * Compresses whole response bodies in one go (gzip or brotli, as the client
 * accepts). Pages here are small and complete before they are sent, so
 * one-shot compression is cheaper than a stream, and its result can be kept
 * by the public page cache and sent again without compressing twice.
 */
import type { MiddlewareHandler } from "hono";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export type Encoding = "br" | "gzip";

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml)|image\/svg\+xml)/;
const MIN_BYTES = 1024;

/** br when accepted (smaller), else gzip, else none. q=0 refuses an encoding. */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Map(
    acceptEncoding.split(",").map((part) => {
      const [name, ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return [name!, q ? Number(q.slice(2)) : 1] as const;
    }),
  );
  const ok = (name: string) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (ok("br")) return "br";
  if (ok("gzip")) return "gzip";
  return undefined;
}

/** zlib's sync results are plain (never shared) buffers, typed here as such for Response bodies. */
export function compressBody(body: Uint8Array, encoding: Encoding): Uint8Array<ArrayBuffer> {
  return (encoding === "br"
    ? brotliCompressSync(body, {
        // Quality 5 keeps dynamic pages cheap to compress yet smaller than gzip.
        params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength },
      })
    : gzipSync(body, { level: 6 })) as Uint8Array<ArrayBuffer>;
}

export const compressResponses: MiddlewareHandler = async (c, next) => {
  await next();
  const res = c.res;
  const type = res.headers.get("Content-Type") ?? "";
  if (!res.body || res.headers.has("Content-Encoding") || !COMPRESSIBLE.test(type) || c.req.method === "HEAD") return;
  res.headers.append("Vary", "Accept-Encoding");
  const encoding = negotiateEncoding(c.req.header("Accept-Encoding"));
  if (!encoding) return;
  const body = new Uint8Array(await res.arrayBuffer());
  // Hono copies the previous response's headers onto the one assigned to
  // c.res, so the headers that change are set after the assignment.
  if (body.byteLength < MIN_BYTES) {
    c.res = new Response(body, res);
    return;
  }
  const compressed = compressBody(body, encoding);
  c.res = new Response(compressed, res);
  c.res.headers.set("Content-Encoding", encoding);
  c.res.headers.set("Content-Length", String(compressed.byteLength));
};
