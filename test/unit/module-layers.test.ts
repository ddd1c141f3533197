/**
 * The modules form a stack (ARCHITECTURE.md, decision 036): each may import
 * the shared core and the modules below it, never one above. A change that
 * makes an import run upward — the plan reaching into the portal, accounts
 * into the plan — fails here with the file and the import named.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";

/** Bottom to top. */
const STACK = [
  "tenancy",
  "accounts",
  "plan",
  "organisation",
  "cycle",
  "survey",
  "reports",
  "opendata",
  "audit-trail",
  "portal",
  "prefecture",
  "accessibility",
  "demo",
] as const;

const SRC = join(import.meta.dirname, "../../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** "modules/plan/…" → "plan"; "core/…" → "core"; "config.ts" → "config"; anything else at the top → "app". */
function layerOf(file: string): string {
  const parts = relative(SRC, file).split("/");
  if (parts[0] === "modules") return parts[1]!;
  if (parts[0] === "core") return "core";
  if (parts[0] === "config.ts") return "config";
  return "app";
}

function relativeImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from\s*|import\s*\(\s*|import\s+)"(\.[^"]+)"/g)].map((m) => normalize(join(dirname(file), m[1]!)));
}

const rank = (layer: string): number => {
  if (layer === "core" || layer === "config") return -1;
  if (layer === "app") return STACK.length;
  const i = (STACK as readonly string[]).indexOf(layer);
  if (i < 0) throw new Error(`modules/${layer} is not in the stack of module-layers.test.ts: place it there and in ARCHITECTURE.md`);
  return i;
};

describe("module layering", () => {
  const files = sourceFiles(SRC);

  it("knows every module folder", () => {
    const modules = readdirSync(join(SRC, "modules")).sort();
    expect(modules).toEqual([...STACK].sort());
  });

  it("has no import that runs upward, and the core imports no module", () => {
    const upward: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      for (const target of relativeImports(file)) {
        const to = layerOf(target);
        if (to === from) continue;
        const wrong = from === "core" || from === "config" ? to !== "core" && to !== "config" : rank(to) > rank(from);
        if (wrong) upward.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("catches an upward import (the check itself works)", () => {
    expect(rank("plan")).toBeGreaterThan(rank("tenancy"));
    expect(layerOf(join(SRC, "modules/portal/routes.tsx"))).toBe("portal");
    expect(rank(layerOf(join(SRC, "modules/portal/routes.tsx")))).toBeGreaterThan(rank(layerOf(join(SRC, "modules/plan/plan.ts"))));
  });
});
