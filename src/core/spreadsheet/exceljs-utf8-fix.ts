/**
 * A fix for exceljs 4.4.0's streaming reader, applied by importing this file
 * before "exceljs" (read.ts and write.ts do, on their first line).
 *
 * The reader decodes each inflated chunk of a part's XML on its own
 * (lib/utils/parse-sax.js), so a multi-byte UTF-8 character cut by a chunk
 * boundary becomes two U+FFFD: Japanese text read from a workbook is
 * silently corrupted at random places (exceljs issues #2084 and #2316; fixes
 * proposed in PRs #1665 and #2894, none released). A plan workbook re-saved
 * by LibreOffice showed it at once.
 *
 * Two layers, because a test may load exceljs before this file runs (the
 * test runner shares loaded modules between test files):
 * 1. When exceljs is not loaded yet, a fixed parser (the same events, one
 *    streaming TextDecoder per part) is put in Node's module cache under
 *    parse-sax.js's path, so exceljs's own require() of it gets the fixed one.
 * 2. Whenever this runs, the zip reader exceljs calls (unzipper.Parse, looked
 *    up at each read) is wrapped so that each XML part is a stream of text
 *    decoded by Node's StringDecoder, which keeps a cut character whole; the
 *    old parser passes text through unchanged. (Not covered by this layer
 *    alone: a worksheet exceljs buffers in a temporary file because it came
 *    before the shared strings — its numbers and indexes are ASCII, only
 *    inline strings could be cut.)
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const libDir = join(dirname(require.resolve("exceljs")), "lib");
const parseSaxPath = join(libDir, "utils", "parse-sax.js");

type SaxEvent = { eventType: "opentag" | "text" | "closetag"; value: unknown };

async function* parseSax(iterable: AsyncIterable<Uint8Array | string>): AsyncGenerator<SaxEvent[]> {
  const { SaxesParser } = require(require.resolve("saxes", { paths: [libDir] })) as typeof import("saxes");
  const parser = new SaxesParser();
  const decoder = new TextDecoder("utf-8");
  let error: Error | undefined;
  let events: SaxEvent[] = [];
  parser.on("error", (e) => (error = e));
  parser.on("opentag", (value) => events.push({ eventType: "opentag", value }));
  parser.on("text", (value) => events.push({ eventType: "text", value }));
  parser.on("closetag", (value) => events.push({ eventType: "closetag", value }));
  for await (const chunk of iterable) {
    // stream: true keeps an incomplete character back for the next chunk.
    parser.write(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.decode();
  if (rest !== "") parser.write(rest);
  if (error) throw error;
  if (events.length > 0) yield events;
}

if (!require.cache[parseSaxPath]) {
  const Module = require("node:module") as { new (id: string): NodeJS.Module };
  const fixed = new Module(parseSaxPath);
  fixed.filename = parseSaxPath;
  fixed.loaded = true;
  fixed.exports = parseSax;
  require.cache[parseSaxPath] = fixed;
}

type ZipParse = ((opts: unknown) => { push: (chunk: unknown, ...rest: unknown[]) => boolean }) & { utf8Parts?: true };
const unzipper = require(require.resolve("unzipper", { paths: [libDir] })) as { Parse: ZipParse };
if (!unzipper.Parse.utf8Parts) {
  const original = unzipper.Parse;
  const parse: ZipParse = (opts) => {
    const zip = original(opts);
    const push = zip.push;
    zip.push = function (this: unknown, entry: unknown, ...rest: unknown[]) {
      const part = entry as { path?: unknown; setEncoding?: (encoding: string) => void } | null;
      if (part && typeof part.path === "string" && /\.(xml|rels)$/.test(part.path) && typeof part.setEncoding === "function") part.setEncoding("utf8");
      return push.call(this, entry, ...rest);
    };
    return zip;
  };
  parse.utf8Parts = true;
  unzipper.Parse = parse;
}
