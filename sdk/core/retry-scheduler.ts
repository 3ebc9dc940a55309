// The retry schedule: p-retry alone decides when the next attempt runs (exponential backoff with jitter), and
// its hooks ask the retry decision (retry-policy.ts) whether to retry and wait out a retry-after hint.
import pRetry, { type Options as PRetryOptions } from "p-retry";
import { AttemptGate } from "./attempt-gate";
import { AbortError, AmbiguousSubmissionError, type CallContext, ThrottlingError, VendorError } from "./errors";
import {
  checkRetryOptions,
  DEFAULT_RETRY,
  type Idempotency,
  isAmbiguousSubmission,
  isBudgetedThrottle,
  type RetryOptions,
  retryAfterOf,
  shouldRetry,
} from "./retry-policy";
import { sleep } from "./sleep";

/** How one call is retried: its context for errors, whether repeating it is safe, and its retry options. */
export interface ExecuteOptions {
  readonly context: CallContext;
  readonly idempotency: Idempotency;
  readonly retry?: RetryOptions | undefined;
  /** Stops the call: at once, or between attempts only with `finishInFlight` (AbortError). */
  readonly signal?: AbortSignal | undefined;
  /**
   * Never abandon an attempt in flight when `signal` fires (a create: its answer decides whether a job exists,
   * and holds its id). The signal then stops the call between attempts only: before the first, in the rate-limit
   * wait and the backoff; an attempt that was on the wire is finished and its answer kept.
   */
  readonly finishInFlight?: boolean | undefined;
  /** For paid submits: the marker sent with the request, reported in AmbiguousSubmissionError. */
  readonly marker?: string | undefined;
  /** Called before each retry with the error that caused it (for logging and counters). */
  readonly onRetry?: ((error: VendorError, attempt: number, delayMs: number) => void) | undefined;
}

/**
 * Runs `attempt` (one signed request; it must sign afresh each time) and retries per {@link shouldRetry}
 * with exponential backoff and jitter, honouring a throttling error's retry-after hint. The n-th retry
 * waits round(r × minDelayMs × 2^(n−1)), r uniform in [1, 2), at most maxDelayMs. Throttling answers are
 * retried outside that count, at once (the attempt waits for the adaptive rate limit, which the throttle has
 * just slowed), until `throttleBudgetMs` has passed since the first failure (not since the call began: a call
 * may queue for minutes behind a catalog's other calls before its first attempt). The first attempt runs
 * on its own: almost every call succeeds at once, and then costs one await rather than p-retry's
 * machinery. A first failure is handed to p-retry as its attempt 1, so p-retry schedules every retry.
 * A fired `signal` stops the call before its next attempt (see `finishInFlight` for an attempt in flight); a
 * failure that would have been retried then becomes an AbortError, `notExecuted` when no attempt may have run.
 * @throws the last VendorError (a ThrottlingError naming its deadline when the throttling budget ran out);
 *   an AmbiguousSubmissionError when a paid submit failed after being sent; AbortError when `signal` fires;
 *   ConfigurationError for a bad retry option (before any attempt).
 */
export async function executeWithRetry<T>(attempt: (n: number) => Promise<T>, opts: ExecuteOptions): Promise<T> {
  const retry = { ...DEFAULT_RETRY, ...opts.retry };
  const { signal, idempotency } = opts;
  let throttles = 0;
  let elapsed = () => 0;
  const gate = new AttemptGate(signal, opts.finishInFlight ?? false);
  const stopped = () => new AbortError({ ...opts.context, reason: signal?.reason, notExecuted: !gate.mayHaveRun });
  const wouldRetry = (err: unknown, n: number) =>
    err instanceof AbortError || shouldRetry(err, idempotency, n) || isBudgetedThrottle(err, retry, elapsed());
  const tracked = (n: number) => gate.run(() => attempt(n), wouldRetry, n, stopped);
  try {
    checkRetryOptions(retry);
    signal?.throwIfAborted();
    let first: unknown;
    try {
      const result = await tracked(1);
      // A create's answer is kept whatever happened meanwhile: it may hold the id of a paid job.
      if (!opts.finishInFlight) signal?.throwIfAborted();
      return result;
    } catch (thrown) {
      first = thrown;
    }
    if (!(first instanceof Error)) throw new TypeError(`a call attempt threw a non-Error: ${String(first)}`);
    // A first failure that met a fired signal is final (the gate made a retryable one an AbortError already).
    if (signal?.aborted) throw first;
    const failure = first;
    const retriesBegan = performance.now();
    elapsed = () => performance.now() - retriesBegan;
    const schedule = scheduleOf(retry, { ...opts, signal: gate.signal }, elapsed, () => ++throttles);
    return await pRetry((n) => (n === 1 ? Promise.reject(failure) : tracked(n)), schedule);
  } catch (err) {
    const spent = elapsed();
    if (err instanceof ThrottlingError && retry.throttleBudgetMs > 0 && spent >= retry.throttleBudgetMs) {
      const deadline = new Date(Date.now() - spent + retry.throttleBudgetMs);
      throw err.outOfBudget(throttles, retry.throttleBudgetMs, deadline);
    }
    if (signal?.aborted && !(err instanceof VendorError)) throw stopped();
    if (isAmbiguousSubmission(err, idempotency)) {
      throw new AmbiguousSubmissionError({ ...opts.context, marker: opts.marker, cause: err });
    }
    throw err;
  } finally {
    gate.dispose();
  }
}

/** The longest wait before retrying a throttled request: the adaptive rate limit does the long-term pacing. */
const MAX_THROTTLE_BACKOFF_MS = 1_000;

/**
 * The wait before the k-th retry (k ≥ 1) of a throttled request: round(r × minDelayMs × 2^(k−1)), r in
 * [1, 2), at most maxDelayMs and 1 s.
 */
function throttleBackoffMs(retry: Required<RetryOptions>, k: number): number {
  const cap = Math.min(retry.maxDelayMs, MAX_THROTTLE_BACKOFF_MS);
  return Math.min(Math.round((Math.random() + 1) * retry.minDelayMs * 2 ** (k - 1)), cap);
}

/**
 * p-retry's options for one call: the backoff, and hooks that ask the retry decision. A budgeted throttle
 * consumes no retry, so p-retry adds no backoff: `onFailedAttempt` waits a backoff counted in throttles,
 * which also paces a fixed (non-adaptive) rate limit; `countThrottle` counts it.
 */
function scheduleOf(
  retry: Required<RetryOptions>,
  opts: ExecuteOptions,
  elapsedMs: () => number,
  countThrottle: () => number,
): PRetryOptions {
  const { idempotency, signal } = opts;
  let throttled = 0;
  return {
    retries: retry.retries,
    minTimeout: retry.minDelayMs,
    maxTimeout: retry.maxDelayMs,
    factor: 2,
    randomize: true,
    signal,
    shouldConsumeRetry: ({ error }) => {
      const budgeted = isBudgetedThrottle(error, retry, elapsedMs());
      if (budgeted) throttled = countThrottle();
      return !budgeted;
    },
    // The budget bounds throttling (a throttle past it is final); every other failure is bounded by `retries`.
    shouldRetry: ({ error, attemptNumber }) =>
      !(error instanceof ThrottlingError && retry.throttleBudgetMs > 0 && elapsedMs() >= retry.throttleBudgetMs) &&
      shouldRetry(error, idempotency, attemptNumber),
    // Runs before p-retry's backoff: a retry-after hint is waited out here, and the backoff comes on top.
    onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
      if (retriesLeft <= 0 || !shouldRetry(error, idempotency, attemptNumber)) return;
      const { hintMs, extraMs } = retryAfterOf(error as VendorError, retry.minDelayMs);
      opts.onRetry?.(error as VendorError, attemptNumber, hintMs);
      const budgeted = isBudgetedThrottle(error, retry, elapsedMs());
      const wait = budgeted ? Math.max(throttleBackoffMs(retry, throttled + 1), extraMs + retry.minDelayMs) : extraMs;
      if (wait > 0) await sleep(wait, signal);
    },
  };
}
