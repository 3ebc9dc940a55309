import type { FinishWindow } from "./finish-window";

/** The shortest and longest pause between two polls, ms. */
export interface PollLimits {
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  /** The longest pause before the end of an expected finish window (default `maxDelayMs`). */
  readonly maxAheadMs?: number | undefined;
}

/** How a waiter stands towards the job's expected finish. */
export type PollPhase = "cold" | "approach" | "near" | "late";

/** Nothing known: the first poll after 1 s, then pauses of half the time waited. */
const COLD_FIRST_MS = 1_000;
const COLD_STEP = 0.5;
/** Around the expected finish, steps of 8% of the time waited: a finish is seen within about 10% of its latency. */
const NEAR_STEP = 0.08;
/** Pauses vary by up to ±20% so that jobs submitted together do not poll in lockstep. */
const JITTER = 0.2;

/**
 * The step of a job past its expected finish (or still queued there) grows with the fourth power of how late
 * it is: 8% of the time waited at the window's end, 17% at 1.2 times its end, and the cold step (half) from
 * 1.6 times its end on. Slightly late jobs are still seen promptly; very late ones cost no more than a cold wait.
 */
const lateStep = (elapsedMs: number, window: FinishWindow) =>
  Math.min(COLD_STEP, NEAR_STEP * (elapsedMs / window.toMs) ** 4);

/** The phase of a wait `elapsedMs` into it, given where the finish is expected (if anywhere). */
export function pollPhase(elapsedMs: number, window: FinishWindow | undefined): PollPhase {
  if (!window) return "cold";
  if (elapsedMs < window.fromMs) return "approach";
  return elapsedMs < window.toMs ? "near" : "late";
}

/**
 * The pause before the next poll, `elapsedMs` into the wait (`random` draws the jitter):
 * - cold (nothing known): half the time waited, at least 1 s, ±20%. Polls grow with log(latency) — about 3
 *   for a 3 s job, 16 for 300 s — and a finish is seen within about half its latency;
 * - approach and near (before the window's end): towards the window's start (arriving up to 5% early), but by
 *   no less than a near step of 8% of the time waited (±20%); to the window's end (up to 10% after it) when
 *   that comes first. A finish inside the window is seen within about 10% of its latency;
 * - late: steps that grow with how late the job is (`lateStep`), ±20%: the waiter backs off, and
 *   `maxDelayMs` keeps it from stalling.
 * A window placed by progress never makes a pause longer than the time already waited: progress can mislead.
 * A `frugal` wait (one without a duration hint) spends no more polls than a cold start: progress may move a
 * poll to the window's end when that comes before the next cold poll, and otherwise only postpone it.
 * The pause is then kept within [minDelayMs, maxDelayMs], or [minDelayMs, maxAheadMs] before the window's end.
 */
export function nextPollDelay(
  elapsedMs: number,
  window: FinishWindow | undefined,
  limits: PollLimits,
  random: () => number = Math.random,
  frugal = false,
): number {
  const r = random();
  const jittered = (ms: number) => ms * (1 + JITTER * (2 * r - 1));
  const cold = Math.max(COLD_FIRST_MS, jittered(Math.max(COLD_FIRST_MS, elapsedMs * COLD_STEP)));
  let delay = cold;
  if (window) {
    const toEnd = (window.toMs - elapsedMs) * (1 + (JITTER / 2) * r);
    if (elapsedMs >= window.toMs) {
      delay = jittered(elapsedMs * lateStep(elapsedMs, window));
    } else {
      const toStart = (window.fromMs - elapsedMs) * (1 - (JITTER / 4) * r);
      const step = Math.max(toStart, jittered(elapsedMs * NEAR_STEP));
      delay = window.toMs - elapsedMs <= step ? toEnd : step;
    }
    if (window.basis === "progress") delay = Math.min(delay, Math.max(COLD_FIRST_MS, elapsedMs));
    if (frugal) delay = window.toMs - elapsedMs <= cold ? toEnd : Math.max(cold, delay);
  }
  const ahead = window !== undefined && elapsedMs < window.toMs;
  const max = ahead ? (limits.maxAheadMs ?? limits.maxDelayMs) : limits.maxDelayMs;
  return Math.min(max, Math.max(limits.minDelayMs, Math.round(delay)));
}
