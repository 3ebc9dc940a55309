/** Where the emulator's timeline stood at one real instant, and how fast it runs: enough to continue it. */
export interface ClockState {
  readonly emulatorMs: number;
  readonly realMs: number;
  readonly timeScale: number;
  /** How far the admin API has moved the timeline forward in total, ms. */
  readonly advancedMs?: number;
}

/**
 * The emulator's clock for job lifecycles: real time, optionally running `timeScale` times faster, plus
 * whatever the admin API advanced it by. Signature timestamps are always checked against real time.
 *
 * The timeline is a line through one anchor point. A restarted emulator given the saved state continues the
 * same line (emulator time kept running while it was down, at the old speed) and then runs at its own speed,
 * so jobs never jump back in time. `onChange` is told the new state whenever the anchor moves.
 */
export class EmulatorClock {
  private anchor: { emulatorMs: number; realMs: number };
  private advanced: number;

  constructor(
    /** How many times faster than real time job lifecycles run. */
    readonly timeScale = 1,
    private readonly realNow: () => number = Date.now,
    resume?: ClockState,
    private readonly onChange: (state: ClockState) => void = () => {},
  ) {
    const real = realNow();
    const emulatorMs = resume ? resume.emulatorMs + (real - resume.realMs) * resume.timeScale : real;
    this.anchor = { emulatorMs, realMs: real };
    this.advanced = resume?.advancedMs ?? 0;
    this.onChange(this.state());
  }

  /** Emulator time in ms since the epoch. */
  now(): number {
    return this.anchor.emulatorMs + (this.realNow() - this.anchor.realMs) * this.timeScale;
  }

  /** Real time, for signature windows. */
  real(): number {
    return this.realNow();
  }

  /** How far the admin API has moved emulator time forward, ms. */
  get advancedMs(): number {
    return this.advanced;
  }

  /** Moves emulator time forward (jobs progress; signatures are unaffected). */
  advance(ms: number): void {
    this.anchor = { emulatorMs: this.now() + ms, realMs: this.realNow() };
    this.advanced += ms;
    this.onChange(this.state());
  }

  /** The state to save so that a restart continues this timeline. */
  state(): ClockState {
    return { ...this.anchor, timeScale: this.timeScale, advancedMs: this.advanced };
  }
}

/** `2026-01-01T00:00:00Z`: the vendors' UTC format, without milliseconds. */
export const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
