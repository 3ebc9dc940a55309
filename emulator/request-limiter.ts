/**
 * The vendors' server-side request-frequency limits: one token bucket per (account, action) holding one
 * second's worth of requests. A request that finds the bucket empty is refused, not queued.
 */
export class RequestLimiter {
  private readonly buckets = new Map<string, { tokens: number; last: number }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** True if the request may proceed; false if it must be answered with a throttling error. */
  tryTake(key: string, perSecond: number): boolean {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: perSecond, last: t };
    b.tokens = Math.min(perSecond, b.tokens + ((t - b.last) / 1000) * perSecond);
    b.last = t;
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  reset(): void {
    this.buckets.clear();
  }
}
