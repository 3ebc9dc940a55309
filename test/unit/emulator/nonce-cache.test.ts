import { describe, expect, it } from "vitest";
import { NonceCache } from "../../../emulator/nonce-cache";

describe("emulator nonce cache", () => {
  it("refuses a nonce reused by the same key inside the window, not by another key or after it", () => {
    const cache = new NonceCache(1_000, 100);
    expect(cache.seen("key-a", "n1", 0)).toBe(false);
    expect(cache.seen("key-a", "n1", 999)).toBe(true);
    expect(cache.seen("key-b", "n1", 999)).toBe(false);
    // the reuse at 999 extended n1's memory to 1,999
    expect(cache.seen("key-a", "n1", 1_500)).toBe(true);
    expect(cache.seen("key-a", "n1", 2_500)).toBe(false);
  });

  it("drops expired nonces as time passes, so its size follows the live window", () => {
    const cache = new NonceCache(1_000, 1_000_000);
    for (let t = 0; t < 50_000; t++) cache.seen("k", `n${t}`, t);
    // only the nonces of the last 1,000 ms are still remembered
    expect(cache.size).toBe(1_000);
    expect(cache.seen("k", "n49500", 49_999)).toBe(true);
    expect(cache.seen("k", "n48000", 49_999)).toBe(false);
  });

  it("forgets the oldest live nonces beyond its capacity", () => {
    const cache = new NonceCache(60_000, 10);
    for (let i = 0; i < 25; i++) cache.seen("k", `n${i}`, 0);
    expect(cache.size).toBe(10);
    expect(cache.seen("k", "n24", 1)).toBe(true);
    expect(cache.seen("k", "n0", 1)).toBe(false);
  });
});
