import {
  AbortError,
  AmbiguousSubmissionError,
  AuthenticationError,
  type CallContext,
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

/** The checks p-retry made of its options, with its messages: a bad retry option fails the call. */
function checkRetryOptions(retries: unknown, minDelayMs: unknown, maxDelayMs: unknown): void {
  if (typeof retries === "number") {
    if (retries < 0) throw new TypeError("Expected `retries` to be a non-negative number.");
    if (Number.isNaN(retries)) throw new TypeError("Expected `retries` to be a valid number or Infinity, got NaN.");
  } else if (retries !== undefined) {
    throw new TypeError("Expected `retries` to be a number or Infinity.");
  }
  const checkNumber = (name: string, value: unknown, allowInfinity: boolean) => {
    if (value === undefined) return;
    if (typeof value !== "number" || Number.isNaN(value)) {
      throw new TypeError(`Expected \`${name}\` to be a number${allowInfinity ? " or Infinity" : ""}.`);
    }
    if (!allowInfinity && !Number.isFinite(value)) throw new TypeError(`Expected \`${name}\` to be a finite number.`);
    if (value < 0) throw new TypeError(`Expected \`${name}\` to be \u2265 0.`);
  };
  checkNumber("minTimeout", minDelayMs, false);
  checkNumber("maxTimeout", maxDelayMs, true);
}

/**
 * Runs `attempt` (one signed request; it must sign afresh each time) and retries per {@link shouldRetry}
 * with exponential backoff and jitter, honouring a throttling error's retry-after hint. The n-th retry
 * waits round(r × minDelayMs × 2^(n−1)), r uniform in [1, 2), at most maxDelayMs (the schedule of p-retry,
 * which this replaces: a call that succeeds first time costs one await, not a retry framework).
 * @throws the last VendorError; an AmbiguousSubmissionError when a paid submit failed after being sent;
 *   AbortError when `signal` fires.
 */
export async function executeWithRetry<T>(attempt: (n: number) => Promise<T>, opts: ExecuteOptions): Promise<T> {
  const retry = { ...DEFAULT_RETRY, ...opts.retry };
  const signal = opts.signal;
  try {
    checkRetryOptions(retry.retries, retry.minDelayMs, retry.maxDelayMs);
    const retries = retry.retries ?? 10;
    const minDelayMs = retry.minDelayMs ?? 1000;
    const maxDelayMs = retry.maxDelayMs ?? Number.POSITIVE_INFINITY;
    signal?.throwIfAborted();
    let retriesConsumed = 0;
    for (let attemptNumber = 1; ; attemptNumber++) {
      try {
        signal?.throwIfAborted();
        const result = await attempt(attemptNumber);
        signal?.throwIfAborted();
        return result;
      } catch (thrown) {
        const error =
          thrown instanceof Error
            ? thrown
            : new TypeError(`Non-error was thrown: "${thrown}". You should only throw errors.`);
        const retriesLeft = Number.isFinite(retries) ? Math.max(0, retries - retriesConsumed) : retries;
        const retrying = retriesLeft > 0 && shouldRetry(error, opts.idempotency, attemptNumber);
        if (retrying) {
          const hint = (error as { retryAfterMs?: number }).retryAfterMs;
          opts.onRetry?.(error as VendorError, attemptNumber, hint ?? 0);
          // The backoff below comes on top: a server hint beyond the first delay is waited for here.
          if (hint && hint > retry.minDelayMs) await sleep(Math.min(hint, 60_000) - retry.minDelayMs, signal);
        }
        if (!retrying) throw error;
        const delay = Math.min(Math.round((Math.random() + 1) * minDelayMs * 2 ** retriesConsumed), maxDelayMs);
        signal?.throwIfAborted();
        if (delay > 0) await sleep(delay, signal);
        signal?.throwIfAborted();
        retriesConsumed++;
      }
    }
  } catch (err) {
    if (signal?.aborted && !(err instanceof VendorError)) {
      throw new AbortError({ ...opts.context, reason: signal.reason });
    }
    if (isAmbiguousSubmission(err, opts.idempotency)) {
      throw new AmbiguousSubmissionError({ ...opts.context, marker: opts.marker, cause: err });
    }
    throw err;
  }
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
