/**
 * A bounded least-recently-used map. Caches in a server that hosts many
 * municipalities must not grow without limit: the bound is on entries and,
 * when a size is given, on their total size.
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, { value: V; size: number }>();
  private total = 0;

  constructor(
    private readonly limits: { maxEntries: number; maxSize?: number; sizeOf?: (value: V) => number },
  ) {}

  get(key: K): V | undefined {
    const entry = this.map.get(key);
    if (!entry) return undefined;
    // Re-insert: Map keeps insertion order, so the first key is the least recent.
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): void {
    const size = this.limits.sizeOf?.(value) ?? 1;
    if (this.limits.maxSize !== undefined && size > this.limits.maxSize) return;
    this.delete(key);
    this.map.set(key, { value, size });
    this.total += size;
    while (this.map.size > this.limits.maxEntries || (this.limits.maxSize !== undefined && this.total > this.limits.maxSize)) {
      const oldest = this.map.keys().next().value as K;
      this.delete(oldest);
    }
  }

  delete(key: K): void {
    const entry = this.map.get(key);
    if (!entry) return;
    this.total -= entry.size;
    this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }

  get size(): number {
    return this.map.size;
  }
}
