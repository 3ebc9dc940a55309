import { AbortError, type CallContext, VendorError, WaitTimeoutError } from "./errors";
import { REAL_CLOCK, type WaitClock } from "./wait-clock";

/** Options every `waitFor…` method takes. */
export interface WaitOptions {
  /** Give up after this long (default 30 min). The job keeps running at the vendor. */
  readonly timeoutMs?: number;
  /** Shortest pause between two polls (default 1 s). */
  readonly minDelayMs?: number;
  /** Longest pause between two polls (default 60 s). */
  readonly maxDelayMs?: number;
  /** Pause before the first poll (default `minDelayMs`; 0 when resuming a job that may be done). */
  readonly initialDelayMs?: number;
  readonly signal?: AbortSignal | undefined;
  /** Called after every poll. */
  readonly onProgress?: ((event: WaitProgress) => void) | undefined;
  /** Where the wait reads the time and sleeps (default real time; `scaledClock(x)` for an emulator at ×x). */
  readonly clock?: WaitClock | undefined;
}

export const DEFAULT_WAIT = { timeoutMs: 30 * 60_000, minDelayMs: 1_000, maxDelayMs: 60_000 } as const;

/** What a waiter reports after each poll. */
export interface WaitProgress {
  readonly jobId: string;
  readonly status: string;
  /** 0–100 when the vendor reports progress. */
  readonly progress?: number | undefined;
  readonly polls: number;
  readonly elapsedMs: number;
  /** Pause before the next poll; undefined when the job is done. */
  readonly nextDelayMs?: number | undefined;
  /** A transient error that this poll hit (the waiter keeps going). */
  readonly error?: VendorError | undefined;
}

/** One observation of a job. `failure` makes the wait reject with it (a JobFailedError). */
export interface JobObservation<T> {
  readonly done: boolean;
  readonly status: string;
  readonly progress?: number | undefined;
  readonly value: T;
  readonly failure?: VendorError | undefined;
}

/**
 * The pause before the next poll: half the time already waited, kept within [min, max], with ±20% jitter.
 * Waiting in proportion to elapsed time makes the number of polls grow with log(latency) — a 3 s job takes
 * about 3 polls, a 300 s job about 14 — while a finished job is noticed within 50% of its latency.
 */
export function nextPollDelay(
  elapsedMs: number,
  minDelayMs: number,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  const base = Math.min(maxDelayMs, Math.max(minDelayMs, elapsedMs * 0.5));
  const jittered = base * (0.8 + 0.4 * random());
  return Math.round(Math.min(maxDelayMs, Math.max(minDelayMs, jittered)));
}

export interface PollParams<T> extends WaitOptions {
  readonly context: CallContext;
  readonly jobId: string;
  /** One poll. Should use the client's retrying call path; a retryable error left over is tolerated. */
  readonly observe: (signal: AbortSignal | undefined) => Promise<JobObservation<T>>;
  readonly random?: () => number;
}

/**
 * Polls until the job is done, then resolves with its last observation's value.
 * @throws the observation's `failure` (JobFailedError) when the job failed;
 *   WaitTimeoutError (carrying the job id) when the deadline passes;
 *   AbortError when `signal` fires; a non-retryable VendorError from a poll.
 */
export async function pollUntilDone<T>(p: PollParams<T>): Promise<T> {
  const clock = p.clock ?? REAL_CLOCK;
  const now = () => clock.now();
  const min = p.minDelayMs ?? DEFAULT_WAIT.minDelayMs;
  const max = Math.max(min, p.maxDelayMs ?? DEFAULT_WAIT.maxDelayMs);
  const timeoutMs = p.timeoutMs ?? DEFAULT_WAIT.timeoutMs;
  const start = now();
  const deadline = start + timeoutMs;
  let polls = 0;
  let lastStatus: string | undefined;
  let delay = Math.min(p.initialDelayMs ?? min, timeoutMs);

  const aborted = () => new AbortError({ ...p.context, jobId: p.jobId, reason: p.signal?.reason });

  for (;;) {
    if (delay > 0) {
      try {
        await clock.sleep(delay, p.signal);
      } catch {
        throw aborted();
      }
    }
    if (p.signal?.aborted) throw aborted();
    polls += 1;
    let obs: JobObservation<T> | undefined;
    let pollError: VendorError | undefined;
    try {
      obs = await p.observe(p.signal);
    } catch (err) {
      if (p.signal?.aborted) throw aborted();
      if (!(err instanceof VendorError) || !err.retryable || err instanceof AbortError) throw err;
      pollError = err; // e.g. the vendor kept throttling through the client's retries: try again later
    }
    const elapsed = now() - start;
    if (obs) lastStatus = obs.status;
    if (obs?.done) {
      p.onProgress?.({ jobId: p.jobId, status: obs.status, progress: obs.progress, polls, elapsedMs: elapsed });
      if (obs.failure) throw obs.failure;
      return obs.value;
    }
    const remaining = deadline - now();
    if (remaining <= 0) {
      throw new WaitTimeoutError({ ...p.context, jobId: p.jobId, lastStatus, timeoutMs, polls });
    }
    delay = Math.min(nextPollDelay(elapsed, min, max, p.random), remaining);
    p.onProgress?.({
      jobId: p.jobId,
      status: obs?.status ?? lastStatus ?? "UNKNOWN",
      progress: obs?.progress,
      polls,
      elapsedMs: elapsed,
      nextDelayMs: delay,
      error: pollError,
    });
  }
}
