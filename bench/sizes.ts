/**
 * What a first visit to each public page type transfers, compressed (gzip):
 * the HTML plus every subresource it loads from the site — today the one
 * stylesheet — counted once per page. Fonts are excluded (the site uses the
 * system's). Header bytes are shown beside it, not added in.
 */
import { get } from "./http.ts";

export type PageSize = {
  path: string;
  status: number;
  htmlRaw: number;
  htmlWire: number;
  encoding: string;
  subresources: { path: string; wire: number }[];
  headerBytes: number;
  total: number;
  excludedFonts: string[];
};

const FONT = /\.(woff2?|ttf|otf|eot)(\?|#|$)/i;

export async function measurePage(base: string, path: string): Promise<PageSize> {
  const res = await get(base + path, "gzip");
  const html = res.body.toString("utf8");
  const refs = new Set<string>();
  const excludedFonts: string[] = [];
  const add = (url: string | undefined) => {
    if (!url || !url.startsWith("/") || url.startsWith("//")) return; // same site only
    if (FONT.test(url)) excludedFonts.push(url);
    else refs.add(url);
  };
  for (const tag of html.match(/<(link|script|img|source|iframe)\b[^>]*>/gi) ?? []) {
    const name = tag.slice(1).split(/[\s>]/)[0]!.toLowerCase();
    const attr = (a: string) => tag.match(new RegExp(`\\b${a}="([^"]*)"`, "i"))?.[1];
    if (name === "link") {
      const rel = (attr("rel") ?? "").toLowerCase();
      if (/\b(stylesheet|icon|preload|modulepreload|manifest)\b/.test(rel)) add(attr("href"));
    } else add(attr("src"));
  }
  let headerBytes = res.headerBytes;
  const subresources: PageSize["subresources"] = [];
  for (const ref of refs) {
    const sub = await get(base + ref, "gzip");
    headerBytes += sub.headerBytes;
    subresources.push({ path: ref, wire: sub.wire.length });
    if (/text\/css/.test(sub.headers["content-type"] ?? "")) {
      // url(...) in the stylesheet: images would count, fonts would not.
      for (const m of sub.body.toString("utf8").matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
        const u = m[1]!;
        if (u.startsWith("data:")) continue;
        if (FONT.test(u)) excludedFonts.push(u);
        else if (u.startsWith("/") && !refs.has(u)) {
          const img = await get(base + u, "gzip");
          subresources.push({ path: u, wire: img.wire.length });
        }
      }
    }
  }
  return {
    path,
    status: res.status,
    htmlRaw: res.body.length,
    htmlWire: res.wire.length,
    encoding: res.headers["content-encoding"] ?? "none",
    subresources,
    headerBytes,
    total: res.wire.length + subresources.reduce((a, s) => a + s.wire, 0),
    excludedFonts,
  };
}
