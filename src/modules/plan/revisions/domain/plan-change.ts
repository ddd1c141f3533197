/**
 * One human-meaningful difference between two versions of a plan, as a
 * citizen reads it on the change history: what, which attribute, before and
 * after — already worded in Japanese, so pages and exports show the same text.
 */
export type ChangeKind = "added" | "removed" | "changed";

export type ChangeSection = {
  /** "plan", "policy:2", "initiative:12", "glossary", … */
  key: string;
  /** 計画全体, 取組方針2 行政サービスの…, 取組項目12 行政手続のオンライン化, … */
  label: string;
  /** Set for an initiative's section, so a page can link to it. */
  initiativeNumber?: number;
};

export type PlanChange = {
  /** Stable: the same difference between the same two plans always has the same key. */
  key: string;
  kind: ChangeKind;
  section: ChangeSection;
  /** What changed, in the plan's words, e.g. 数値目標「公開データセット数」. */
  subject: string;
  /** Which of its attributes, e.g. 令和7年度（2025年度）の目標値; null when the whole subject was added or removed. */
  field: string | null;
  /** As printed; null on the side where the subject does not exist. */
  before: string | null;
  after: string | null;
};

export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = { added: "追加", removed: "削除", changed: "変更" };

export type ChangeCounts = Record<ChangeKind, number> & { total: number };

export function countChanges(changes: readonly PlanChange[]): ChangeCounts {
  const counts: ChangeCounts = { added: 0, removed: 0, changed: 0, total: changes.length };
  for (const c of changes) counts[c.kind]++;
  return counts;
}

/** Changes grouped by section, in the order the sections first appear (the plan's own order). */
export function groupBySection(changes: readonly PlanChange[]): { section: ChangeSection; changes: PlanChange[] }[] {
  const groups = new Map<string, { section: ChangeSection; changes: PlanChange[] }>();
  for (const c of changes) {
    const group = groups.get(c.section.key);
    if (group) group.changes.push(c);
    else groups.set(c.section.key, { section: c.section, changes: [c] });
  }
  return [...groups.values()];
}

/**
 * Collects changes for one section. `field` records a change only when the
 * two printed values differ, so callers can list every attribute plainly.
 */
export class ChangeCollector {
  readonly changes: PlanChange[] = [];

  constructor(readonly section: ChangeSection) {}

  field(key: string, subject: string, field: string, before: string | null, after: string | null): void {
    if (before === after) return;
    this.changes.push({ key, kind: "changed", section: this.section, subject, field, before, after });
  }

  added(key: string, subject: string, after: string): void {
    this.changes.push({ key, kind: "added", section: this.section, subject, field: null, before: null, after });
  }

  removed(key: string, subject: string, before: string): void {
    this.changes.push({ key, kind: "removed", section: this.section, subject, field: null, before, after: null });
  }

  /** A keyed entry that may exist on one side only: added, removed, or its value changed. */
  entry(key: string, subject: string, field: string, before: string | null, after: string | null): void {
    if (before === null && after !== null) this.added(key, subject, after);
    else if (after === null && before !== null) this.removed(key, subject, before);
    else this.field(key, subject, field, before, after);
  }
}

/** Matches two lists by key, in the order of `after` followed by what only `before` had. */
export function pairByKey<T>(
  before: readonly T[],
  after: readonly T[],
  keyOf: (item: T) => string,
): { key: string; before: T | undefined; after: T | undefined }[] {
  const old = new Map(before.map((item) => [keyOf(item), item]));
  const seen = new Set<string>();
  const pairs: { key: string; before: T | undefined; after: T | undefined }[] = [];
  for (const item of after) {
    const key = keyOf(item);
    seen.add(key);
    pairs.push({ key, before: old.get(key), after: item });
  }
  for (const item of before) {
    const key = keyOf(item);
    if (!seen.has(key)) pairs.push({ key, before: item, after: undefined });
  }
  return pairs;
}
