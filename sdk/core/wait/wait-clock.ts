import { ConfigurationError } from "../errors";
import { sleep } from "../sleep";

/** Where a waiter reads the time and sleeps: real time by default, a faster clock against an emulator. */
export interface WaitClock {
  /** Milliseconds from any fixed origin. */
  now(): number;
  /** Resolves after `ms` of this clock's time; rejects with the signal's reason when it fires. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * How long `ms` of this clock's time lasts in real time: a poll's retries are cut off at the wait's deadline
   * with it. Without it (a simulated clock) a poll is not cut off.
   */
  realMs?(ms: number): number;
}

/** Real time. */
export const REAL_CLOCK: WaitClock = { now: () => Date.now(), sleep, realMs: (ms) => ms };

/**
 * A clock that runs `timeScale` times faster than real time, for waiting on an emulator started with
 * `--time-scale`: the wait's delays, deadline and expected durations are then all in the emulator's job time,
 * so the waiter behaves as it would against the vendor, in a fraction of the wall time.
 * @throws ConfigurationError when `timeScale` is not a positive number.
 */
export function scaledClock(timeScale: number): WaitClock {
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
    throw new ConfigurationError(`timeScale must be a positive number (got ${timeScale})`);
  }
  const origin = performance.now();
  const now = () => (performance.now() - origin) * timeScale;
  return {
    now,
    realMs: (ms) => ms / timeScale,
    // Node's timers can fire a fraction of a millisecond early; scaled up, that is whole seconds of clock time.
    async sleep(ms, signal) {
      const until = now() + ms;
      for (let left = ms; left > 0; left = until - now()) await sleep(left / timeScale, signal);
    },
  };
}
