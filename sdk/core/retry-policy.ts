// The retry decision: which failures are retried and with which options. The schedule (when, how often, a
// server's retry-after) is retry-scheduler.ts, which asks this file and nothing else.
import {
  AbortError,
  AuthenticationError,
  ConfigurationError,
  DuplicateSubmissionError,
  ThrottlingError,
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
  /**
   * How long throttling answers are retried (default 5 min). A throttled request was not executed, so it is
   * retried whatever `retries` says, paced by the adaptive rate limit, until this budget runs out; the error
   * then names the deadline. 0 treats throttling like any other retryable failure.
   */
  readonly throttleBudgetMs?: number;
}

/** The retry options a client uses when it is given none. */
export const DEFAULT_RETRY: Required<RetryOptions> = {
  retries: 4,
  minDelayMs: 250,
  maxDelayMs: 8_000,
  throttleBudgetMs: 300_000,
};

/**
 * Whether a failure is retried outside the retry count: throttling (not executed, the vendor is only busy),
 * while the throttling budget lasts.
 */
export function isBudgetedThrottle(error: unknown, retry: Required<RetryOptions>, elapsedMs: number): boolean {
  return error instanceof ThrottlingError && retry.throttleBudgetMs > 0 && elapsedMs < retry.throttleBudgetMs;
}

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

/**
 * A bad retry option fails the call before anything is sent, naming the option and the value.
 * @throws ConfigurationError for a negative or NaN count or delay, or an infinite `minDelayMs`.
 */
export function checkRetryOptions(retry: Required<RetryOptions>): void {
  const bad = (name: string, rule: string, value: unknown) =>
    new ConfigurationError(`retry.${name} must be ${rule} (got ${String(value)})`);
  const { retries, minDelayMs, maxDelayMs, throttleBudgetMs } = retry;
  if (typeof throttleBudgetMs !== "number" || !Number.isFinite(throttleBudgetMs) || throttleBudgetMs < 0) {
    throw bad("throttleBudgetMs", "a finite number ≥ 0", throttleBudgetMs);
  }
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

/** The longest server retry-after hint honoured: a larger one is cut to this. */
const MAX_RETRY_AFTER_MS = 60_000;

/** A server's retry-after hint, and how much of it a retry waits on top of its backoff. */
export interface RetryAfter {
  /** The hint in ms (0 when the vendor gave none). */
  readonly hintMs: number;
  /** The wait before the backoff: the hint (at most 60 s) less `minDelayMs`, which the backoff adds. */
  readonly extraMs: number;
}

/** Reads a throttling error's retry-after hint and the wait it adds before the next backoff. */
export function retryAfterOf(error: VendorError, minDelayMs: number): RetryAfter {
  const hint = (error as { retryAfterMs?: number }).retryAfterMs;
  const extraMs = hint && hint > minDelayMs ? Math.min(hint, MAX_RETRY_AFTER_MS) - minDelayMs : 0;
  return { hintMs: hint ?? 0, extraMs };
}
