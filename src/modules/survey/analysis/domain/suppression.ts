/**
 * Which cells of a table to publish. A cell counting 1–4 respondents
 * (unweighted) is suppressed (primary suppression: a small group can point
 * at a person); then, because the totals are published, a row or column
 * with exactly one suppressed cell would give it away by subtraction, so
 * the smallest other cell of that line is suppressed too (secondary
 * suppression), repeated until no line has exactly one. Zero is published
 * as 0: it says that no one answered so, and points at no one.
 */
export const SMALL_CELL = 5;

/** true = suppressed; [row][column] like the counts. */
export function suppressSmallCells(counts: readonly (readonly number[])[]): boolean[][] {
  const suppressed = counts.map((row) => row.map((n) => n > 0 && n < SMALL_CELL));
  const rows = counts.length;
  const columns = counts[0]?.length ?? 0;
  const lines: [number, number][][] = [
    ...Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j) => [i, j] as [number, number])),
    ...Array.from({ length: columns }, (_, j) => Array.from({ length: rows }, (_, i) => [i, j] as [number, number])),
  ];
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter(([i, j]) => suppressed[i]![j]).length !== 1) continue;
      const candidates = line.filter(([i, j]) => !suppressed[i]![j]);
      if (candidates.length === 0) continue;
      const [i, j] = candidates.reduce((a, b) => (counts[b[0]]![b[1]]! < counts[a[0]]![a[1]]! ? b : a));
      suppressed[i]![j] = true;
      changed = true;
    }
  }
  return suppressed;
}
