/**
 * The stylesheet is one file that several features append to; a block left
 * unclosed swallows every rule after it (a merge once dropped one `}`, and the
 * staff import page overflowed a phone by 266 px). Check its braces balance.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";

it("site.css closes every block it opens", () => {
  const css = readFileSync(new URL("../../src/core/assets/site.css", import.meta.url), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  const open: number[] = [];
  const lines = css.split("\n");
  lines.forEach((line, index) => {
    for (const ch of line) {
      if (ch === "{") open.push(index + 1);
      if (ch === "}") expect(open.pop(), `line ${index + 1}: a } with no block open`).toBeDefined();
    }
  });
  expect(open, "blocks opened on these lines (comments removed) are never closed").toEqual([]);
});
