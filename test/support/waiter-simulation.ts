// A virtual clock and simulated jobs for the waiter's tests: the wait of a 300 s job runs in microseconds, and
// the time of every poll and of the job's finish are known exactly, so polls and detection delay are measured,
// not timed.
import { makeRandom } from "../../emulator/random";
import type { DurationHint } from "../../sdk/core/wait/duration-hint";
import type { WaitClock } from "../../sdk/core/wait/wait-clock";
import { type JobObservation, observedFinishMs, pollUntilDone, type WaitOptions } from "../../sdk/core/wait/waiter";

/** Time that moves only when a waiter sleeps. */
export class VirtualClock implements WaitClock {
  private t = 0;
  now(): number {
    return this.t;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.t += ms;
  }
}

/** How a simulated vendor reports a running job's progress (0–100). */
export type ProgressShape = "none" | "linear" | "front-loaded" | "back-loaded";

/** A simulated job: it finishes `durationMs` after the wait starts. */
export interface SimJob {
  readonly durationMs: number;
  /** Share of the duration spent queued before it runs (default 0.1, as in the emulator). */
  readonly queuedShare?: number;
  /** Progress while running (default linear, as in the emulator). */
  readonly progress?: ProgressShape;
  /** Whether the vendor says the job is queued while it is (Tencent WAITING, ICE Queuing...). Default true. */
  readonly reportsQueue?: boolean;
}

/** What the vendor would answer at time `t`. */
export function observeSim(job: SimJob, t: number): JobObservation<number> {
  const queuedMs = job.durationMs * (job.queuedShare ?? 0.1);
  if (t >= job.durationMs) return { done: true, status: "FINISH", progress: 100, value: t };
  const queued = t < queuedMs;
  const x = queued ? 0 : (t - queuedMs) / Math.max(1, job.durationMs - queuedMs);
  const shape = job.progress ?? "linear";
  const fraction = shape === "front-loaded" ? Math.sqrt(x) : shape === "back-loaded" ? x * x : x;
  return {
    done: false,
    status: queued ? "WAITING" : "PROCESSING",
    progress: shape === "none" ? undefined : Math.min(99, Math.floor(fraction * 100)),
    queued: (job.reportsQueue ?? true) ? queued : undefined,
    value: t,
  };
}

/** One simulated wait: how many polls it made and how late it saw the finish. */
export interface SimWait {
  readonly polls: number;
  /** Finish seen minus finished, ms. */
  readonly delayMs: number;
  /** The longest pause between two polls (or before the first), ms. */
  readonly longestPauseMs: number;
  /** The duration a runner without the vendor's times records (`observedFinishMs`), if any. */
  readonly observedMs: number | undefined;
}

/** Waits for one simulated job with the real waiter on a virtual clock. */
export async function simulateWait(
  job: SimJob,
  options: WaitOptions & { random?: () => number } = {},
): Promise<SimWait> {
  const clock = new VirtualClock();
  let polls = 0;
  let last = 0;
  let longestPauseMs = 0;
  let observedMs: number | undefined;
  const seenAt = await pollUntilDone({
    context: { vendor: "tencent", service: "vod", action: "DescribeTaskDetail" },
    jobId: "sim",
    clock,
    ...options,
    onProgress: (p) => {
      observedMs = observedFinishMs(p);
    },
    observe: async () => {
      polls++;
      longestPauseMs = Math.max(longestPauseMs, clock.now() - last);
      last = clock.now();
      return observeSim(job, clock.now());
    },
  });
  return { polls, delayMs: seenAt - job.durationMs, longestPauseMs, observedMs };
}

/** `n` durations log-normally spread around `medianMs` (σ = `spread`), drawn from a seeded source. */
export function durationsAround(medianMs: number, n: number, spread: number, seed = 1): number[] {
  const random = makeRandom(seed);
  return Array.from({ length: n }, () => {
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.round(medianMs * Math.exp(spread * z));
  });
}

/** The value at quantile `q` of `values` (nearest rank). */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Polls and detection delay of a batch of simulated jobs, each waited for alone. */
export interface SimBatch {
  readonly pollsPerJob: number;
  /** Detection delay as a share of each job's duration: p50, p90 and the worst. */
  readonly delayShareP50: number;
  readonly delayShareP90: number;
  readonly delayShareMax: number;
  /** The worst detection delay, ms. */
  readonly delayMaxMs: number;
  readonly longestPauseMs: number;
  /** The durations a runner without the vendor's times would record, one per job. */
  readonly observedMs: readonly number[];
}

/** Waits for every job of `durations` shaped like `shape`, with `hint` and a seeded jitter. */
export async function simulateBatch(
  durations: readonly number[],
  shape: Omit<SimJob, "durationMs">,
  hint?: DurationHint,
  options: WaitOptions = {},
): Promise<SimBatch> {
  const random = makeRandom(42);
  const waits: SimWait[] = [];
  for (const durationMs of durations) {
    waits.push(
      await simulateWait(
        { ...shape, durationMs },
        { timeoutMs: 86_400_000, ...options, expectedDuration: hint, random },
      ),
    );
  }
  const shares = waits.map((w, i) => w.delayMs / durations[i]!);
  return {
    pollsPerJob: waits.reduce((s, w) => s + w.polls, 0) / waits.length,
    delayShareP50: percentile(shares, 0.5),
    delayShareP90: percentile(shares, 0.9),
    delayShareMax: Math.max(...shares),
    delayMaxMs: Math.max(...waits.map((w) => w.delayMs)),
    longestPauseMs: Math.max(...waits.map((w) => w.longestPauseMs)),
    observedMs: waits.flatMap((w) => (w.observedMs === undefined ? [] : [w.observedMs])),
  };
}

/**
 * The polls that the waiter before completion-aware waiting (pauses of half the time waited, 1–60 s, ±20%)
 * made for a job of `durationMs`: the baseline a cold start must not exceed.
 */
export function pollsOfHalvingWaiter(durationMs: number, random: () => number): number {
  let t = 1_000;
  let polls = 1;
  while (t < durationMs) {
    const base = Math.min(60_000, Math.max(1_000, t * 0.5));
    t += Math.min(60_000, Math.max(1_000, base * (0.8 + 0.4 * random())));
    polls++;
  }
  return polls;
}
