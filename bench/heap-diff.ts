/**
 * `npx tsx bench/heap-diff.ts A.heapsnapshot B.heapsnapshot`: what grew
 * between two heap snapshots of one process (as `BENCH_HEAP_SNAPSHOTS=1 npm
 * run bench -- mixed` writes them at start, middle and end): object count
 * and self size per constructor (or node type), largest growth first. A
 * map, cache or buffer that grows without bound shows as a constructor whose
 * count keeps rising from one snapshot to the next.
 */
import { readFileSync } from "node:fs";

type Snapshot = {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
};

function census(file: string): Map<string, { count: number; size: number }> {
  const s = JSON.parse(readFileSync(file, "utf8")) as Snapshot;
  const fields = s.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const nameAt = fields.indexOf("name");
  const sizeAt = fields.indexOf("self_size");
  const types = s.snapshot.meta.node_types[0];
  const out = new Map<string, { count: number; size: number }>();
  for (let i = 0; i < s.nodes.length; i += width) {
    const type = types[s.nodes[i + typeAt]!]!;
    // Objects by constructor name; strings, arrays, code and the rest by their node type.
    const key = type === "object" || type === "closure" ? `${type}: ${s.strings[s.nodes[i + nameAt]!]}` : `(${type})`;
    const entry = out.get(key) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += s.nodes[i + sizeAt]!;
    out.set(key, entry);
  }
  return out;
}

const [a, b] = process.argv.slice(2);
if (!a || !b) {
  console.error("usage: npx tsx bench/heap-diff.ts BEFORE.heapsnapshot AFTER.heapsnapshot");
  process.exit(2);
}
const before = census(a);
const after = census(b);
const rows = [...new Set([...before.keys(), ...after.keys()])].map((k) => {
  const x = before.get(k) ?? { count: 0, size: 0 };
  const y = after.get(k) ?? { count: 0, size: 0 };
  return { k, dCount: y.count - x.count, dSize: y.size - x.size, count: y.count, size: y.size };
});
rows.sort((p, q) => q.dSize - p.dSize);
const total = (m: Map<string, { size: number }>) => [...m.values()].reduce((s, x) => s + x.size, 0);
console.log(`heap self size: ${(total(before) / 2 ** 20).toFixed(1)} MB → ${(total(after) / 2 ** 20).toFixed(1)} MB`);
console.log("Δ size (kB)  Δ count     count  constructor / type");
for (const r of rows.slice(0, 25)) {
  console.log(`${(r.dSize / 1024).toFixed(0).padStart(11)}  ${String(r.dCount).padStart(7)}  ${String(r.count).padStart(8)}  ${r.k}`);
}
