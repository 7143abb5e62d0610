import { describe, expect, it } from "vitest";
import { BoundedCache } from "./bounded-cache.ts";

describe("BoundedCache", () => {
  it("keeps at most max entries, forgetting the oldest first", () => {
    const cache = new BoundedCache<string, number>(3);
    for (const [i, key] of ["a", "b", "c", "d"].entries()) cache.set(key, i);
    expect(cache.size).toBe(3);
    expect(cache.has("a")).toBe(false);
    expect([cache.get("b"), cache.get("c"), cache.get("d")]).toEqual([1, 2, 3]);
  });

  it("counts a read as a use: the entry read last is kept, the least recently used goes", () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1);
    cache.set("c", 3);
    expect(cache.has("a")).toBe(true);
    expect(cache.has("b")).toBe(false);
    expect(cache.has("c")).toBe(true);
  });

  it("replacing a key's value neither grows the cache nor evicts another", () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("a", 10);
    expect(cache.size).toBe(2);
    expect([cache.get("a"), cache.get("b")]).toEqual([10, 2]);
  });

  it("getOrSet builds a value once per key while it stays cached, and again after eviction", () => {
    const cache = new BoundedCache<number, string>(2);
    let built = 0;
    const make = (n: number) => () => {
      built += 1;
      return `v${n}`;
    };
    expect(cache.getOrSet(1, make(1))).toBe("v1");
    expect(cache.getOrSet(1, make(1))).toBe("v1");
    expect(built).toBe(1);
    cache.getOrSet(2, make(2));
    cache.getOrSet(3, make(3)); // evicts 1
    expect(cache.getOrSet(1, make(1))).toBe("v1");
    expect(built).toBe(4);
    expect(cache.size).toBe(2);
  });

  it("many distinct keys never hold more than max", () => {
    const cache = new BoundedCache<string, object>(50);
    for (let i = 0; i < 10_000; i++) cache.set(`key ${i}`, {});
    expect(cache.size).toBe(50);
    expect(cache.has("key 9999")).toBe(true);
    expect(cache.has("key 9949")).toBe(false);
  });

  it("refuses a max that is not a whole number of at least 1", () => {
    expect(() => new BoundedCache(0)).toThrow();
    expect(() => new BoundedCache(1.5)).toThrow();
  });
});
