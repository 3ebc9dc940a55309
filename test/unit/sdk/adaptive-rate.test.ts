// The adaptive client rate (CUBIC, sdk/core/cubic-rate.ts) and the token bucket it steers: start at the
// vendor's documented limit, halve what was sent on a throttle, probe back up, never above the limit.
import { describe, expect, it } from "vitest";
import { CubicRate } from "../../../sdk/core/cubic-rate";
import { TokenBucket, vendorLimit } from "../../../sdk/core/rate-limiter";

/** A clock the test moves by hand. */
function manualClock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** Sends at `perSecond` for `ms`, the vendor accepting each request. */
function sendFor(rate: CubicRate, clock: ReturnType<typeof manualClock>, perSecond: number, ms: number): void {
  const step = 1000 / perSecond;
  for (let spent = 0; spent < ms; spent += step) {
    clock.advance(step);
    rate.sent();
    rate.succeeded();
  }
}

describe("CubicRate", () => {
  it("starts at the documented limit and never goes above it", () => {
    const clock = manualClock();
    const rate = new CubicRate({ ceiling: 20 }, clock.now);
    expect(rate.rate).toBe(20);
    sendFor(rate, clock, 20, 10_000);
    expect(rate.rate).toBe(20);
  });

  it("halves what was actually sent on a throttle, then grows back to the limit along the curve", () => {
    const clock = manualClock();
    const rate = new CubicRate({ ceiling: 20 }, clock.now);
    sendFor(rate, clock, 8, 3_000);
    // Sending 8/s under a ceiling of 20: the cut is from the measured 8/s, not from the allowed 20/s.
    expect(rate.throttled()).toBeCloseTo(4, 0);
    const after: number[] = [];
    for (let s = 0; s < 12; s++) {
      sendFor(rate, clock, Math.max(rate.rate, 1), 1_000);
      after.push(rate.rate);
    }
    // Flat near the rate of the throttle (8/s) for a while, then up to the limit and no further.
    expect(after[2]).toBeGreaterThan(4);
    expect(after[2]).toBeLessThan(8.5);
    expect(after.at(-1)).toBe(20);
    expect(Math.max(...after)).toBe(20);
  });

  it("keeps cutting while the throttles go on, down to the floor", () => {
    const clock = manualClock();
    const rate = new CubicRate({ ceiling: 20 }, clock.now);
    for (let i = 0; i < 10; i++) {
      clock.advance(50);
      rate.sent();
      rate.throttled();
    }
    expect(rate.rate).toBe(0.5);
  });

  it("a slow sender measures its true rate and recovers from the floor (less than one request per bin)", () => {
    const clock = manualClock();
    const rate = new CubicRate({ ceiling: 20 }, clock.now);
    for (let i = 0; i < 10; i++) rate.throttled();
    expect(rate.rate).toBe(0.5);
    // One request every 2 s at first: the rate must still climb (it stalled at 0.5/s when empty bins read 0).
    for (let s = 0; s < 40 && rate.rate < 20; s += 1) sendFor(rate, clock, Math.max(rate.rate, 0.5), 1_000);
    expect(rate.rate).toBe(20);
  });

  it("rejects a nonsense ceiling", () => {
    expect(() => new CubicRate({ ceiling: 0 })).toThrow(/positive/);
  });
});

describe("an adaptive TokenBucket", () => {
  it("runs at the vendor's limit, slows on a throttle without a burst, and reports its rate", () => {
    const clock = manualClock();
    const bucket = new TokenBucket(vendorLimit(20), clock.now);
    expect(bucket.rate).toBe(20);
    expect(bucket.limit).toEqual({ perSecond: 20, burst: 2, adaptive: true });
    expect(bucket.tryTake()).toBe(true);
    bucket.throttled();
    expect(bucket.rate).toBeLessThan(20);
    // The saved token is gone: the vendor's bucket is empty, a burst now would only be refused.
    expect(bucket.tryTake()).toBe(false);
    clock.advance(1000 / bucket.rate);
    expect(bucket.tryTake()).toBe(true);
  });

  it("a fixed bucket ignores the vendor's answers", () => {
    const bucket = new TokenBucket({ perSecond: 18, burst: 9 });
    bucket.throttled();
    bucket.succeeded();
    expect(bucket.rate).toBe(18);
    expect(bucket.tryTake()).toBe(true);
  });
});
