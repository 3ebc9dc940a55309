import { afterEach, describe, expect, it, vi } from "vitest";
import { AbortError } from "../../../sdk/core/errors";
import { RateLimiterRegistry, TokenBucket, underVendorLimit } from "../../../sdk/core/rate-limiter";

afterEach(() => vi.useRealTimers());

describe("TokenBucket", () => {
  it("lets a burst through at once, then spaces callers at the rate, in arrival order", async () => {
    vi.useFakeTimers();
    const bucket = new TokenBucket({ perSecond: 10, burst: 3 }, () => performance.now());
    const done: Array<[number, number]> = [];
    const t0 = performance.now();
    const all = Array.from({ length: 6 }, (_, i) =>
      bucket.acquire().then(() => done.push([i, performance.now() - t0])),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(done.map(([i]) => i)).toEqual([0, 1, 2]);
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all(all);
    expect(done.map(([i]) => i)).toEqual([0, 1, 2, 3, 4, 5]);
    // 3 more tokens at 10/s take ~300 ms: the 6th caller passed at ~300 ms, not before.
    expect(done[5]![1]).toBeGreaterThanOrEqual(290);
    expect(done[5]![1]).toBeLessThan(400);
  });

  it("never exceeds perSecond over a long run", async () => {
    vi.useFakeTimers();
    const bucket = new TokenBucket({ perSecond: 20, burst: 10 }, () => performance.now());
    let passed = 0;
    for (let i = 0; i < 200; i++) void bucket.acquire().then(() => passed++);
    await vi.advanceTimersByTimeAsync(5_000);
    // burst 10 + 5 s × 20/s = 110
    expect(passed).toBeGreaterThanOrEqual(108);
    expect(passed).toBeLessThanOrEqual(110);
  });

  it("removes an aborted caller from the queue without stalling the others", async () => {
    vi.useFakeTimers();
    const bucket = new TokenBucket({ perSecond: 10, burst: 1 }, () => performance.now());
    await bucket.acquire();
    const ac = new AbortController();
    const ctx = { vendor: "tencent" as const, service: "vod", action: "X" };
    const aborted = bucket.acquire(ac.signal, ctx).catch((e) => e);
    const next = bucket.acquire();
    ac.abort();
    expect(await aborted).toBeInstanceOf(AbortError);
    await vi.advanceTimersByTimeAsync(150);
    await expect(next).resolves.toBeUndefined();
    expect(bucket.pending).toBe(0);
  });

  it("serves a retry (of a throttled request) before the callers queued behind it", async () => {
    vi.useFakeTimers();
    const bucket = new TokenBucket({ perSecond: 10, burst: 1 }, () => performance.now());
    await bucket.acquire();
    const order: string[] = [];
    const queued = [1, 2, 3].map((i) => bucket.acquire().then(() => order.push(`call ${i}`)));
    const retry = bucket.acquire(undefined, undefined, true).then(() => order.push("retry"));
    await vi.advanceTimersByTimeAsync(500);
    await Promise.all([...queued, retry]);
    expect(order).toEqual(["retry", "call 1", "call 2", "call 3"]);
  });

  it("rejects nonsense limits", () => {
    expect(() => new TokenBucket({ perSecond: 0 })).toThrow(/positive/);
    expect(() => new TokenBucket({ perSecond: 5, burst: 0 })).toThrow(/burst/);
  });
});

describe("RateLimiterRegistry", () => {
  it("shares one bucket per name and updates it when a client asks for another limit", () => {
    const reg = new RateLimiterRegistry();
    const a = reg.bucket("tencent:vod:CreateSceneAigcImageTask", underVendorLimit(20));
    const b = reg.bucket("tencent:vod:CreateSceneAigcImageTask", underVendorLimit(20));
    expect(a).toBe(b);
    expect(a.limit).toEqual({ perSecond: 18, burst: 10 });
    reg.bucket("tencent:vod:CreateSceneAigcImageTask", { perSecond: 5, burst: 2 });
    expect(a.limit).toEqual({ perSecond: 5, burst: 2 });
  });
});
