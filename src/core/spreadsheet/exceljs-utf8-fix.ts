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
 * The fixed parser (the same events, one streaming TextDecoder per part) is
 * put in Node's module cache under parse-sax.js's path before exceljs is
 * first loaded, so exceljs's own require() of it gets the fixed one. If
 * exceljs was loaded before this file (only possible by importing "exceljs"
 * outside src/core/spreadsheet/), the fix cannot apply: `utf8FixApplied`
 * says so, and a test checks it.
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

/** False when exceljs's own parser was loaded first (see above). */
export const utf8FixApplied = require.cache[parseSaxPath]?.exports === parseSax;
