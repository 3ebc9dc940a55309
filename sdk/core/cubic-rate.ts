// The send rate of one action, adapted to what the vendor accepts: CUBIC congestion control applied to
// requests per second, as the AWS SDKs' "adaptive" retry mode does. A throttling answer cuts the rate to a
// fraction of what was actually sent; each success lets it grow back along a cubic curve that is flat around
// the rate of the last throttle (probe carefully where it hurt before) and steep away from it. Unlike the AWS
// limiter, the rate never exceeds the vendor's documented limit (the ceiling), where it starts: alone, a
// client sends at the full documented rate and is never throttled. Several processes sharing one account find
// their shares by throttling each other. The constants differ from AWS's (β 0.7, C 0.4): a deeper cut and a
// flatter curve gave 11–22 throttles for 4 processes × 50 creates at 20/s (β 0.7, C 0.4: 22–34), measured
// by test/integration/shared-account-rate.test.ts's scenario on 2 busy cores.

/** How a {@link CubicRate} adapts; every field has a default. */
export interface CubicRateOptions {
  /** The vendor's documented limit, requests per second: the rate never goes above it. */
  readonly ceiling: number;
  /** The rate to start at, as a share of the ceiling (default 1: the documented limit). */
  readonly startShare?: number;
  /** The share of the sent rate kept after a throttle (CUBIC's β; default 0.5). */
  readonly beta?: number;
  /** How fast the rate grows back, per second³ (CUBIC's C; default 0.05). */
  readonly growth?: number;
  /** The lowest rate, requests per second (default 0.5). */
  readonly floor?: number;
}

/** The measured send rate is averaged over bins of this length (as the AWS SDKs do). */
const BIN_MS = 500;
/** Weight of the newest bin in the measured send rate. */
const SMOOTHING = 0.8;

/** The CUBIC rate of one action: the fill rate of its token bucket. */
export class CubicRate {
  private readonly ceiling: number;
  private readonly beta: number;
  private readonly growth: number;
  private readonly floor: number;
  private current: number;
  /** The rate when the vendor last throttled (CUBIC's W_max). */
  private lastMax: number;
  private lastThrottleMs: number;
  /** The smoothed send rate, and the bin being counted. */
  private measured = 0;
  private binStart: number;
  private binCount = 0;

  constructor(
    options: CubicRateOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(options.ceiling > 0) || !Number.isFinite(options.ceiling)) {
      throw new RangeError(`rate ceiling must be a positive number (got ${options.ceiling})`);
    }
    this.ceiling = options.ceiling;
    this.beta = options.beta ?? 0.5;
    this.growth = options.growth ?? 0.05;
    this.floor = Math.min(options.floor ?? 0.5, this.ceiling);
    this.current = Math.max(this.floor, this.ceiling * (options.startShare ?? 1));
    // As if the last throttle were at the ceiling, long enough ago that the curve has reached the start rate.
    this.lastMax = this.ceiling;
    this.lastThrottleMs = this.now() - 1000 * this.secondsToReach(this.current);
    this.binStart = this.now();
  }

  /** The rate to send at now, requests per second. */
  get rate(): number {
    return this.current;
  }

  /** Counts one request sent (for the measured send rate). */
  sent(): void {
    const t = this.now();
    if (t - this.binStart >= BIN_MS) {
      // The requests counted since the bin began, over the whole bins since: a slow sender that sends less
      // than one request per bin still measures its true rate (empty bins would read as zero).
      const bins = Math.floor((t - this.binStart) / BIN_MS);
      const rate = (this.binCount * 1000) / (bins * BIN_MS);
      this.measured = rate * SMOOTHING + this.measured * (1 - SMOOTHING);
      this.binStart += bins * BIN_MS;
      this.binCount = 0;
    }
    this.binCount++;
  }

  /** The vendor refused a request for its rate: cut the rate to β × what was actually sent. Returns it. */
  throttled(): number {
    const t = this.now();
    const sending = this.measured > 0 ? Math.min(this.measured, this.current) : this.current;
    this.lastMax = sending;
    this.lastThrottleMs = t;
    this.current = Math.max(this.floor, sending * this.beta);
    return this.current;
  }

  /**
   * The vendor accepted a request: move along the cubic curve from the last throttle, never above twice the
   * measured send rate (an idle client does not earn a rate it never tried) nor the ceiling. Returns it.
   */
  succeeded(): number {
    const seconds = (this.now() - this.lastThrottleMs) / 1000;
    const k = Math.cbrt((this.lastMax * (1 - this.beta)) / this.growth);
    const cubic = this.growth * (seconds - k) ** 3 + this.lastMax;
    const earned = this.measured > 0 ? Math.max(2 * this.measured, this.current) : this.current;
    this.current = Math.max(this.floor, Math.min(cubic, earned, this.ceiling));
    return this.current;
  }

  /** Seconds after a throttle at `lastMax` at which the curve reaches `rate` (below `lastMax`). */
  private secondsToReach(rate: number): number {
    const k = Math.cbrt((this.lastMax * (1 - this.beta)) / this.growth);
    const below = Math.max(0, this.lastMax - rate);
    return k - Math.cbrt(below / this.growth);
  }
}
