/**
 * Public pages of a municipality are the same for every reader until its
 * plan changes, so the finished, compressed response is kept per address
 * and sent again without rendering, querying or compressing. An entry is
 * tagged with the plan's version and the municipality's public_changed_at
 * (see markPublicContentChanged); a newer one simply misses the cache.
 *
 * Only public GETs under /:lgCode/ that answer 200 without cookies are kept:
 * staff pages (/:lgCode/staff/…) never are. The key includes the host (the
 * catalog prints absolute addresses) and the negotiated encoding.
 */
import type { MiddlewareHandler } from "hono";
import { LruCache } from "../../core/cache/lru.ts";
import { stylesheet } from "../../core/assets/stylesheet.ts";
import { negotiateEncoding } from "../../core/http/compression.ts";
import type { PlanCache } from "../plan/plan-cache.ts";

type CachedPage = { status: number; headers: [string, string][]; body: Uint8Array<ArrayBuffer>; etag: string };

const PUBLIC_PATH = /^\/(\d{6})(?:\/(?!staff(?:\/|$))[^?]*)?$/;

export function publicPageCache(plans: PlanCache, options: { maxBytes?: number } = {}): MiddlewareHandler {
  const pages = new LruCache<string, CachedPage>({
    maxEntries: 20_000,
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    // The headers count too (the security policy alone is several hundred bytes), so the bound is what is held.
    sizeOf: (page) => page.body.byteLength + page.headers.reduce((n, [k, v]) => n + k.length + v.length, 0) + 256,
  });

  return async (c, next) => {
    const match = PUBLIC_PATH.exec(c.req.path);
    if (c.req.method !== "GET" || !match) return next();
    const lookup = await plans.version(match[1]!);
    if (!lookup?.version) return next();

    const url = new URL(c.req.url);
    const encoding = negotiateEncoding(c.req.header("Accept-Encoding")) ?? "identity";
    const versionTag = `${lookup.version.id}.${lookup.version.updatedAt.getTime()}.${lookup.publicChangedAt.getTime()}`;
    const key = `${versionTag}|${url.host}|${url.pathname}${url.search}|${encoding}`;
    const cached = pages.get(key);
    if (cached) {
      if (c.req.header("If-None-Match") === cached.etag) return c.body(null, 304, { ETag: cached.etag });
      return c.newResponse(cached.body, cached.status as 200, Object.fromEntries(cached.headers));
    }

    await next();
    const res = c.res;
    if (res.status !== 200 || res.headers.has("Set-Cookie") || /no-store|private/.test(res.headers.get("Cache-Control") ?? "")) return;
    const body = new Uint8Array(await res.arrayBuffer());
    // The stylesheet hash stands for the build, so a new release never answers 304 for an old page.
    const etag = `W/"${versionTag}.${stylesheet.path.slice(-17, -4)}"`;
    const headers: [string, string][] = [...res.headers.entries(), ["ETag", etag]];
    pages.set(key, { status: res.status, headers, body, etag });
    c.res = new Response(body, res);
    c.res.headers.set("ETag", etag);
  };
}
