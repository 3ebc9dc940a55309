import pRetry from "p-retry";
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

/**
 * Runs `attempt` (one signed request; it must sign afresh each time) and retries per {@link shouldRetry}
 * with exponential backoff and jitter, honouring a throttling error's retry-after hint.
 * @throws the last VendorError; an AmbiguousSubmissionError when a paid submit failed after being sent;
 *   AbortError when `signal` fires.
 */
export async function executeWithRetry<T>(attempt: (n: number) => Promise<T>, opts: ExecuteOptions): Promise<T> {
  const retry = { ...DEFAULT_RETRY, ...opts.retry };
  try {
    return await pRetry(attempt, {
      retries: retry.retries,
      minTimeout: retry.minDelayMs,
      maxTimeout: retry.maxDelayMs,
      factor: 2,
      randomize: true,
      signal: opts.signal,
      shouldRetry: ({ error, attemptNumber }) => shouldRetry(error, opts.idempotency, attemptNumber),
      onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft <= 0 || !shouldRetry(error, opts.idempotency, attemptNumber)) return;
        const hint = (error as { retryAfterMs?: number }).retryAfterMs;
        opts.onRetry?.(error as VendorError, attemptNumber, hint ?? 0);
        // p-retry adds its own backoff after this; a server hint beyond it is waited here.
        if (hint && hint > retry.minDelayMs) await sleep(Math.min(hint, 60_000) - retry.minDelayMs, opts.signal);
      },
    });
  } catch (err) {
    if (opts.signal?.aborted && !(err instanceof VendorError)) {
      throw new AbortError({ ...opts.context, reason: opts.signal.reason });
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
