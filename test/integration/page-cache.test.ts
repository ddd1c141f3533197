import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { expect, it } from "vitest";
import { markPublicContentChanged } from "../../src/modules/tenancy/repository/municipality-queries.ts";
import { testApp } from "../support/app.ts";
import { describeEachDatabase } from "../support/databases.ts";

describeEachDatabase(
  "public page cache and compression",
  (ctx) => {
    it("serves a public page again from the cache until something public changes", async () => {
      const app = testApp(ctx.db);
      const first = await app.request("/362018/glossary");
      expect(await first.text()).toContain("Artificial Intelligence");
      // Change the data behind the page without telling anyone: the cached page stays.
      await ctx.db.query("update glossary_term set description = '書き換え後の説明' where term = 'AI'");
      expect(await (await app.request("/362018/glossary")).text()).toContain("Artificial Intelligence");
      // A new plan version (what every plan write does) renders the page afresh.
      await ctx.db.query("update plan set updated_at = updated_at + interval '1 second'");
      expect(await (await app.request("/362018/glossary")).text()).toContain("書き換え後の説明");
    });

    it("renders afresh when other public content of the municipality changes", async () => {
      const app = testApp(ctx.db);
      const before = (await app.request("/362018/initiatives/3")).headers.get("etag");
      expect((await app.request("/362018/initiatives/3")).headers.get("etag")).toBe(before);
      const [{ id }] = (await ctx.db.query("select id from municipality where lg_code = '362018'")) as [{ id: number }];
      await markPublicContentChanged(ctx.db, id);
      const after = (await app.request("/362018/initiatives/3")).headers.get("etag");
      expect(after).not.toBe(before);
    });

    it("answers 304 to a matching ETag", async () => {
      const app = testApp(ctx.db);
      const res = await app.request("/362018/initiatives/12");
      const etag = res.headers.get("etag");
      expect(etag).toMatch(/^W\/"/);
      const again = await app.request("/362018/initiatives/12", { headers: { "If-None-Match": etag! } });
      expect(again.status).toBe(304);
    });

    it("never caches error pages or staff pages", async () => {
      const app = testApp(ctx.db);
      expect((await app.request("/362018/initiatives/99")).headers.get("etag")).toBeNull();
      expect((await app.request("/362018/staff/sign-in")).headers.get("etag")).toBeNull();
    });

    it("compresses with brotli or gzip, as accepted, to the same page", async () => {
      const app = testApp(ctx.db);
      const plain = await (await app.request("/362018/coverage")).text();
      const br = await app.request("/362018/coverage", { headers: { "Accept-Encoding": "gzip, deflate, br" } });
      expect(br.headers.get("content-encoding")).toBe("br");
      expect(br.headers.get("vary")).toContain("Accept-Encoding");
      expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString("utf8")).toBe(plain);
      const gz = await app.request("/362018/coverage", { headers: { "Accept-Encoding": "gzip;q=1, br;q=0" } });
      expect(gz.headers.get("content-encoding")).toBe("gzip");
      expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString("utf8")).toBe(plain);
      const again = await app.request("/362018/coverage", { headers: { "Accept-Encoding": "gzip" } });
      expect(Number(again.headers.get("content-length"))).toBe((await again.arrayBuffer()).byteLength);
    });
  },
  { seed: "tokushima" },
);
