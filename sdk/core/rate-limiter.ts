import { CubicRate } from "./cubic-rate";
import { AbortError, type CallContext } from "./errors";

/** A client-side limit: at most `perSecond` requests per second, with bursts of up to `burst`. */
export interface RateLimit {
  readonly perSecond: number;
  /** Tokens available at once. Defaults to half a second's worth (a tenth when adaptive), at least 1. */
  readonly burst?: number;
  /**
   * Adapt the rate to the vendor's answers (CUBIC, cubic-rate.ts): `perSecond` is then the ceiling, the rate
   * starts below it, drops on each throttling answer and probes back up. Processes that share one account
   * thereby divide its limit among themselves, which no fixed share can do.
   */
  readonly adaptive?: boolean;
}

/**
 * The client-side limit that keeps a burst under a vendor's server-side limit of `vendorPerSecond`:
 * 90% of the rate and half a second of burst, which absorbs the arrival jitter of a loopback or LAN path.
 * A fixed share: right for one process alone (the bench's scaled clocks); clients default to {@link vendorLimit}.
 */
export function underVendorLimit(vendorPerSecond: number): RateLimit {
  return { perSecond: vendorPerSecond * 0.9, burst: Math.max(1, Math.floor(vendorPerSecond / 2)) };
}

/**
 * The default client-side limit of an action whose vendor allows `vendorPerSecond`: adaptive, probing up to
 * the documented limit itself, with a tenth of a second of burst (timer jitter, not a flood at start).
 */
export function vendorLimit(vendorPerSecond: number): RateLimit {
  return { perSecond: vendorPerSecond, burst: Math.max(1, Math.round(vendorPerSecond / 10)), adaptive: true };
}

function burstOf(limit: RateLimit): number {
  return limit.burst ?? Math.max(1, Math.floor(limit.perSecond / (limit.adaptive ? 10 : 2)));
}

interface Waiter {
  resolve(): void;
  reject(err: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * A token bucket with a FIFO queue: callers are served in arrival order, never starved by later ones.
 * An adaptive bucket's fill rate follows the vendor's answers, reported through `throttled` and `succeeded`.
 */
export class TokenBucket {
  private perSecond: number;
  private burst: number;
  private tokens: number;
  private last: number;
  private readonly queue: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private configured: RateLimit;
  private cubic: CubicRate | undefined;

  constructor(
    limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    validate(limit);
    this.configured = limit;
    this.cubic = limit.adaptive ? new CubicRate({ ceiling: limit.perSecond }, now) : undefined;
    this.perSecond = this.cubic?.rate ?? limit.perSecond;
    this.burst = burstOf(limit);
    this.tokens = this.burst;
    this.last = this.now();
  }

  /** Changes the limit; queued callers are rescheduled. An adaptive limit starts adapting afresh. */
  setLimit(limit: RateLimit): void {
    validate(limit);
    this.configured = limit;
    this.cubic = limit.adaptive ? new CubicRate({ ceiling: limit.perSecond }, this.now) : undefined;
    this.setRate(this.cubic?.rate ?? limit.perSecond, burstOf(limit));
  }

  /** The limit as configured; {@link rate} is the rate in force. */
  get limit(): RateLimit {
    return { ...this.configured, burst: this.burst };
  }

  /** The fill rate in force, requests per second (below the limit while an adaptive bucket backs off). */
  get rate(): number {
    return this.perSecond;
  }

  /**
   * The vendor refused a request for its rate: an adaptive bucket slows down and spends its saved tokens (the
   * vendor's own bucket is empty: a burst now would only be refused). A fixed bucket ignores it.
   */
  throttled(): void {
    if (!this.cubic) return;
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
    this.setRate(this.cubic.throttled(), this.burst);
  }

  /** The vendor accepted a request: an adaptive bucket probes up towards its limit. */
  succeeded(): void {
    if (this.cubic) this.setRate(this.cubic.succeeded(), this.burst);
  }

  private setRate(perSecond: number, burst: number): void {
    if (perSecond === this.perSecond && burst === this.burst) return;
    this.refill();
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = Math.min(this.tokens, this.burst);
    this.schedule();
  }

  /** Number of callers waiting for a token. */
  get pending(): number {
    return this.queue.length;
  }

  /** Whether the bucket runs at `limit` already (no allocation: it is asked on every call). */
  hasLimit(limit: RateLimit): boolean {
    const c = this.configured;
    return (
      c.perSecond === limit.perSecond &&
      this.burst === burstOf(limit) &&
      (c.adaptive ?? false) === (limit.adaptive ?? false)
    );
  }

  /**
   * Takes a token at once when one is free and nobody is queued (what `acquire` would do without waiting);
   * false otherwise, and the caller then waits in `acquire`.
   */
  tryTake(): boolean {
    this.refill();
    if (this.queue.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.cubic?.sent();
      return true;
    }
    return false;
  }

  /**
   * Resolves when the caller may send one request. A `retry` (of a request the vendor throttled) waits at the
   * head of the queue, where the request was when it was sent: behind a catalog's thousands of queued calls,
   * it would otherwise spend its throttling budget waiting for its own process.
   * @throws AbortError (with `context`) when `signal` fires while waiting.
   */
  acquire(signal?: AbortSignal, context?: CallContext, retry = false): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal, context));
    this.refill();
    if (this.queue.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.cubic?.sent();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(abortError(signal, context));
          this.schedule();
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      if (retry) this.queue.unshift(waiter);
      else this.queue.push(waiter);
      this.schedule();
    });
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }

  private drain(): void {
    this.timer = undefined;
    this.refill();
    while (this.queue.length > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.cubic?.sent();
      const w = this.queue.shift()!;
      if (w.signal && w.onAbort) w.signal.removeEventListener("abort", w.onAbort);
      w.resolve();
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.queue.length === 0) return;
    const wait = Math.max(0, ((1 - this.tokens) / this.perSecond) * 1000);
    this.timer = setTimeout(() => this.drain(), Math.ceil(wait));
  }
}

function validate(limit: RateLimit): void {
  if (!(limit.perSecond > 0) || !Number.isFinite(limit.perSecond)) {
    throw new RangeError(`rate limit perSecond must be a positive number (got ${limit.perSecond})`);
  }
  if (limit.burst !== undefined && !(limit.burst >= 1)) {
    throw new RangeError(`rate limit burst must be at least 1 (got ${limit.burst})`);
  }
}

function abortError(signal: AbortSignal, context: CallContext | undefined): Error {
  return context ? new AbortError({ ...context, reason: signal.reason }) : (signal.reason ?? new Error("aborted"));
}

/**
 * Named buckets shared by every client in the process, so that N clients (or N resources in one
 * dynamic-provider process) together stay under one vendor limit. Names look like
 * `tencent:vod:CreateSceneAigcImageTask`.
 */
export class RateLimiterRegistry {
  private readonly buckets = new Map<string, TokenBucket>();

  /** The bucket called `name`, created with `limit` on first use; a different limit updates it. */
  bucket(name: string, limit: RateLimit): TokenBucket {
    let b = this.buckets.get(name);
    if (!b) {
      b = new TokenBucket(limit);
      this.buckets.set(name, b);
    } else if (!b.hasLimit(limit)) {
      b.setLimit(limit);
    }
    return b;
  }

  /** Names, limits and rates in force of the buckets created so far. */
  snapshot(): Record<string, RateLimit & { rate: number; pending: number }> {
    const out: Record<string, RateLimit & { rate: number; pending: number }> = {};
    for (const [name, b] of this.buckets) out[name] = { ...b.limit, rate: b.rate, pending: b.pending };
    return out;
  }
}

/** The process-wide registry every client uses. */
export const sharedRateLimiters = new RateLimiterRegistry();
