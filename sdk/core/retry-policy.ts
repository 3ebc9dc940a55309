import pRetry from "p-retry";
import {
  AbortError,
  AmbiguousSubmissionError,
  AuthenticationError,
  type CallContext,
  ConfigurationError,
  DuplicateSubmissionError,
  VendorError,
} from "./errors";

/** How many times and how patiently a call is retried. */
export interface RetryOptions {
  /** Retries after the first attempt (default 4; 0 disables retries). */
  readonly retries?: number;
  /** First backoff delay (default 250 ms); doubles per retry, with jitter in [1, 2). */
  readonly minDelayMs?: number;
  /** Cap for one backoff delay (default 8 s). */
  readonly maxDelayMs?: number;
}

export const DEFAULT_RETRY: Required<RetryOptions> = { retries: 4, minDelayMs: 250, maxDelayMs: 8_000 };

/**
 * Whether repeating a request can have no effect beyond the first success: reads, deletes, and creates
 * that carry a vendor dedup key (a Tencent SessionId). A paid submit without one is not idempotent.
 */
export type Idempotency = "idempotent" | "paid-submit";

/**
 * The one retry decision of the sdk. Retry when the condition is transient AND repeating is safe:
 * - the vendor said it did not execute the request (throttling, refused connection, connect timeout), or
 * - the request is idempotent (reads, deletes, deduplicated creates);
 * - a signature rejected for clock skew is retried once with a fresh timestamp.
 * Everything else (bad input, auth, not found, duplicates, aborts) is final.
 */
export function shouldRetry(error: unknown, idempotency: Idempotency, attempt: number): boolean {
  if (!(error instanceof VendorError)) return false;
  if (error instanceof AbortError || error instanceof DuplicateSubmissionError) return false;
  if (error instanceof AuthenticationError) return error.clockSkew && attempt === 1;
  if (!error.retryable) return false;
  return error.notExecuted || idempotency === "idempotent";
}

/** A paid submit whose failure leaves it unknown whether the vendor created the job. */
export function isAmbiguousSubmission(error: unknown, idempotency: Idempotency): error is VendorError {
  return (
    idempotency === "paid-submit" &&
    error instanceof VendorError &&
    !(error instanceof AbortError) &&
    error.mayHaveExecuted
  );
}

export interface ExecuteOptions {
  readonly context: CallContext;
  readonly idempotency: Idempotency;
  readonly retry?: RetryOptions | undefined;
  readonly signal?: AbortSignal | undefined;
  /** For paid submits: the marker sent with the request, reported in AmbiguousSubmissionError. */
  readonly marker?: string | undefined;
  /** Called before each retry with the error that caused it (for logging and counters). */
  readonly onRetry?: ((error: VendorError, attempt: number, delayMs: number) => void) | undefined;
}

/** A bad retry option fails the call before anything is sent, naming the option and the value. */
function checkRetryOptions(retry: Required<RetryOptions>): void {
  const bad = (name: string, rule: string, value: unknown) =>
    new ConfigurationError(`retry.${name} must be ${rule} (got ${String(value)})`);
  const { retries, minDelayMs, maxDelayMs } = retry;
  if (typeof retries !== "number" || Number.isNaN(retries) || retries < 0) {
    throw bad("retries", "a number ≥ 0 or Infinity", retries);
  }
  if (typeof minDelayMs !== "number" || !Number.isFinite(minDelayMs) || minDelayMs < 0) {
    throw bad("minDelayMs", "a finite number ≥ 0", minDelayMs);
  }
  if (typeof maxDelayMs !== "number" || Number.isNaN(maxDelayMs) || maxDelayMs < 0) {
    throw bad("maxDelayMs", "a number ≥ 0 or Infinity", maxDelayMs);
  }
}

/**
 * Runs `attempt` (one signed request; it must sign afresh each time) and retries per {@link shouldRetry}
 * with exponential backoff and jitter, honouring a throttling error's retry-after hint. The n-th retry
 * waits round(r × minDelayMs × 2^(n−1)), r uniform in [1, 2), at most maxDelayMs. The first attempt runs
 * on its own: almost every call succeeds at once, and then costs one await rather than p-retry's
 * machinery, which takes over from the first retry on.
 * @throws the last VendorError; an AmbiguousSubmissionError when a paid submit failed after being sent;
 *   AbortError when `signal` fires; ConfigurationError for a bad retry option (before any attempt).
 */
export async function executeWithRetry<T>(attempt: (n: number) => Promise<T>, opts: ExecuteOptions): Promise<T> {
  const retry = { ...DEFAULT_RETRY, ...opts.retry };
  const { signal, idempotency } = opts;
  try {
    checkRetryOptions(retry);
    signal?.throwIfAborted();
    let failure: unknown;
    try {
      const result = await attempt(1);
      signal?.throwIfAborted();
      return result;
    } catch (thrown) {
      failure = thrown;
    }
    if (!(failure instanceof Error)) throw new TypeError(`a call attempt threw a non-Error: ${String(failure)}`);
    if (signal?.aborted || retry.retries < 1 || !shouldRetry(failure, idempotency, 1)) throw failure;
    await beforeRetry(failure as VendorError, 1, retry, opts);
    await sleep(Math.min(Math.round((Math.random() + 1) * retry.minDelayMs), retry.maxDelayMs), signal);
    // From the second attempt on: p-retry's schedule continues where the first backoff left it.
    return await pRetry((n) => attempt(n + 1), {
      retries: retry.retries - 1,
      minTimeout: retry.minDelayMs * 2,
      maxTimeout: retry.maxDelayMs,
      factor: 2,
      randomize: true,
      signal,
      shouldRetry: ({ error, attemptNumber }) => shouldRetry(error, idempotency, attemptNumber + 1),
      onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft <= 0 || !shouldRetry(error, idempotency, attemptNumber + 1)) return;
        await beforeRetry(error as VendorError, attemptNumber + 1, retry, opts);
      },
    });
  } catch (err) {
    if (signal?.aborted && !(err instanceof VendorError)) {
      throw new AbortError({ ...opts.context, reason: signal.reason });
    }
    if (isAmbiguousSubmission(err, idempotency)) {
      throw new AmbiguousSubmissionError({ ...opts.context, marker: opts.marker, cause: err });
    }
    throw err;
  }
}

/** Tells `onRetry`, then waits out a server's retry-after hint beyond the first backoff (which comes on top). */
async function beforeRetry(
  error: VendorError,
  attemptNumber: number,
  retry: Required<RetryOptions>,
  opts: ExecuteOptions,
): Promise<void> {
  const hint = (error as { retryAfterMs?: number }).retryAfterMs;
  opts.onRetry?.(error, attemptNumber, hint ?? 0);
  if (hint && hint > retry.minDelayMs) await sleep(Math.min(hint, 60_000) - retry.minDelayMs, opts.signal);
}

/** Sleeps `ms`, rejecting with the signal's reason when it fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
