import { AbortError, type CallContext, VendorError, WaitTimeoutError } from "../errors";
import { boundedPoll } from "./bounded-poll";
import { checkDurationHint, type DurationHint } from "./duration-hint";
import { finishWindow, type Sighting } from "./finish-window";
import { nextPollDelay, type PollLimits } from "./poll-schedule";
import { REAL_CLOCK, type WaitClock } from "./wait-clock";

/** Options every `waitFor…` method takes. */
export interface WaitOptions {
  /** Give up after this long (default 30 min). The job keeps running at the vendor. */
  readonly timeoutMs?: number;
  /** Shortest pause between two polls (default 250 ms; a wait that knows nothing of the job first polls after 1 s). */
  readonly minDelayMs?: number;
  /**
   * Longest pause between two polls (default 60 s; before an expected finish, half of `expectedDuration.p90Ms`
   * when that is longer, so that a 10-minute job is not polled every minute on its way there).
   */
  readonly maxDelayMs?: number;
  /**
   * Pause before the first poll (default: 1 s, or the start of the expected finish window; 0 when resuming a job
   * that may be done).
   */
  readonly initialDelayMs?: number;
  /**
   * How long jobs like this one usually take (`durationHintOf` past durations of the same kind, region and
   * model): the waiter then polls around the expected finish instead of from the start.
   * @throws ConfigurationError (from the wait) when it is not positive, or p90 is below p50.
   */
  readonly expectedDuration?: DurationHint | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Called after every poll. */
  readonly onProgress?: ((event: WaitProgress) => void) | undefined;
  /** Where the wait reads the time and sleeps (default real time; `scaledClock(x)` for an emulator at ×x). */
  readonly clock?: WaitClock | undefined;
}

/** The defaults of `WaitOptions`. */
export const DEFAULT_WAIT = { timeoutMs: 30 * 60_000, minDelayMs: 250, maxDelayMs: 60_000 } as const;

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
  /**
   * When the job is done: the time of the last poll that found it running (0 if none did). It finished between
   * then and `elapsedMs`.
   */
  readonly finishedAfterMs?: number | undefined;
  /** A transient error that this poll hit (the waiter keeps going). */
  readonly error?: VendorError | undefined;
}

/**
 * When the job most likely finished, in ms into the wait, from the wait's last event: midway between the last
 * poll that found it running and the one that found it done. Undefined when the wait is not over, or when those
 * polls leave more than a third of the time open (the first poll found it done): a guess that wide would mislead
 * whoever learns durations from it.
 */
export function observedFinishMs(last: WaitProgress | undefined): number | undefined {
  if (last?.finishedAfterMs === undefined || last.finishedAfterMs < last.elapsedMs / 2) return undefined;
  return (last.finishedAfterMs + last.elapsedMs) / 2;
}

/** One observation of a job. `failure` makes the wait reject with it (a JobFailedError). */
export interface JobObservation<T> {
  readonly done: boolean;
  readonly status: string;
  readonly progress?: number | undefined;
  /** The vendor says the job has not started yet (it is queued). */
  readonly queued?: boolean | undefined;
  readonly value: T;
  readonly failure?: VendorError | undefined;
}

/** The pause limits of a wait: the defaults, with room for half the expected duration of a long job ahead of it. */
function limitsOf(p: WaitOptions, hint: DurationHint | undefined): PollLimits {
  const minDelayMs = p.minDelayMs ?? DEFAULT_WAIT.minDelayMs;
  const maxDelayMs = Math.max(minDelayMs, p.maxDelayMs ?? DEFAULT_WAIT.maxDelayMs);
  const maxAheadMs = p.maxDelayMs ?? Math.max(maxDelayMs, (hint?.p90Ms ?? 0) / 2);
  return { minDelayMs, maxDelayMs, maxAheadMs };
}

export interface PollParams<T> extends WaitOptions {
  readonly context: CallContext;
  readonly jobId: string;
  /** One poll. Should use the client's retrying call path; a retryable error left over is tolerated. */
  readonly observe: (signal: AbortSignal | undefined) => Promise<JobObservation<T>>;
  readonly random?: () => number;
}

/**
 * Polls until the job is done, then resolves with its last observation's value. Each pause is planned
 * (`nextPollDelay`) around where the job is expected to finish: from its reported progress, else from
 * `expectedDuration`, else nothing (a cold start). `signal` stops a poll in flight at once, and a poll's retries
 * (a throttled vendor) end at the deadline ({@link boundedPoll}).
 * @throws the observation's `failure` (JobFailedError) when the job failed;
 *   WaitTimeoutError (carrying the job id) when the deadline passes;
 *   AbortError when `signal` fires; a non-retryable VendorError from a poll;
 *   ConfigurationError for an unusable `expectedDuration`.
 */
export async function pollUntilDone<T>(p: PollParams<T>): Promise<T> {
  const clock = p.clock ?? REAL_CLOCK;
  const hint = p.expectedDuration && checkDurationHint(p.expectedDuration);
  const timeoutMs = p.timeoutMs ?? DEFAULT_WAIT.timeoutMs;
  const start = clock.now();
  const deadline = start + timeoutMs;
  /** What the polls that found the job running saw: the estimate of its finish is made from them. */
  const sightings: Sighting[] = [];
  const limits = limitsOf(p, hint);
  const plan = (elapsed: number) => nextPollDelay(elapsed, finishWindow(hint, sightings), limits, p.random, !hint);
  let polls = 0;
  let lastStatus: string | undefined;
  let delay = Math.min(p.initialDelayMs ?? plan(0), timeoutMs);

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
      const polled = await boundedPoll(p.observe, { signal: p.signal, clock, remainingMs: deadline - clock.now() });
      if ("pastDeadline" in polled) {
        throw new WaitTimeoutError({ ...p.context, jobId: p.jobId, lastStatus, timeoutMs, polls });
      }
      obs = polled.value;
    } catch (err) {
      if (err instanceof WaitTimeoutError) throw err;
      if (p.signal?.aborted) throw aborted();
      if (!(err instanceof VendorError) || !err.retryable || err instanceof AbortError) throw err;
      pollError = err; // e.g. the vendor kept throttling through the client's retries: try again later
    }
    const elapsed = clock.now() - start;
    if (obs) lastStatus = obs.status;
    if (obs?.done) {
      const finishedAfterMs = sightings.at(-1)?.atMs ?? 0;
      p.onProgress?.({
        jobId: p.jobId,
        status: obs.status,
        progress: obs.progress,
        polls,
        elapsedMs: elapsed,
        finishedAfterMs,
      });
      if (obs.failure) throw obs.failure;
      return obs.value;
    }
    if (obs) sightings.push({ atMs: elapsed, progress: obs.progress, queued: obs.queued });
    const remaining = deadline - clock.now();
    if (remaining <= 0) {
      throw new WaitTimeoutError({ ...p.context, jobId: p.jobId, lastStatus, timeoutMs, polls });
    }
    delay = Math.min(plan(elapsed), remaining);
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
