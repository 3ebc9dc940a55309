/**
 * The emulator's clock for job lifecycles: real time, optionally running `timeScale` times faster, plus
 * whatever the admin API advanced it by. Signature timestamps are always checked against real time.
 */
export class EmulatorClock {
  private readonly origin: number;
  private offsetMs = 0;

  constructor(
    /** How many times faster than real time job lifecycles run. */
    readonly timeScale = 1,
    private readonly realNow: () => number = Date.now,
  ) {
    this.origin = realNow();
  }

  /** Emulator time in ms since the epoch. */
  now(): number {
    return this.origin + (this.realNow() - this.origin) * this.timeScale + this.offsetMs;
  }

  /** Real time, for signature windows. */
  real(): number {
    return this.realNow();
  }

  /** How far the admin API has moved emulator time forward, ms. */
  get advancedMs(): number {
    return this.offsetMs;
  }

  /** Moves emulator time forward (jobs progress; signatures are unaffected). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/** `2026-01-01T00:00:00Z`: the vendors' UTC format, without milliseconds. */
export const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
