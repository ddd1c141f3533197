/**
 * The bounded cache every in-memory cache of a long-running process is built
 * on (public pages, plans, published results, plan lookups). A process serving
 * many municipalities for months must not grow with the number of addresses,
 * municipalities or content versions it has seen (issue #9 §5: memory under load).
 */
import { describe, expect, it } from "vitest";
import { LruCache } from "../../src/core/cache/lru.ts";

describe("LruCache", () => {
  it("holds at most maxEntries however many distinct keys pass through it", () => {
    const cache = new LruCache<string, number>({ maxEntries: 100 });
    for (let i = 0; i < 100_000; i++) cache.set(`/362018/initiatives?q=${i}`, i);
    expect(cache.size).toBe(100);
    expect(cache.get("/362018/initiatives?q=99999")).toBe(99_999);
    expect(cache.get("/362018/initiatives?q=99899")).toBeUndefined(); // the oldest went first
  });

  it("holds at most maxSize in total, evicting the least recently used", () => {
    const cache = new LruCache<string, Uint8Array>({ maxEntries: 1000, maxSize: 10_000, sizeOf: (v) => v.byteLength });
    cache.set("a", new Uint8Array(4000));
    cache.set("b", new Uint8Array(4000));
    expect(cache.get("a")).toBeDefined(); // a is now the most recent
    cache.set("c", new Uint8Array(4000)); // 12,000 > 10,000: b, the least recent, goes
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.get("c")).toBeDefined();
    for (let i = 0; i < 10_000; i++) cache.set(`k${i}`, new Uint8Array(300));
    expect(cache.size).toBeLessThanOrEqual(Math.floor(10_000 / 300));
  });

  it("counts a replaced value once: setting one key again and again evicts nothing else", () => {
    const cache = new LruCache<string, Uint8Array>({ maxEntries: 10, maxSize: 1000, sizeOf: (v) => v.byteLength });
    cache.set("kept", new Uint8Array(400));
    for (let i = 0; i < 1000; i++) cache.set("same", new Uint8Array(500));
    expect(cache.get("kept")).toBeDefined();
    expect(cache.size).toBe(2);
  });

  it("does not keep a value larger than the whole bound", () => {
    const cache = new LruCache<string, Uint8Array>({ maxEntries: 10, maxSize: 1000, sizeOf: (v) => v.byteLength });
    cache.set("small", new Uint8Array(100));
    cache.set("huge", new Uint8Array(5000));
    expect(cache.get("huge")).toBeUndefined();
    expect(cache.get("small")).toBeDefined();
  });
});
