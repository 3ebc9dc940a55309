import type { Dispatcher } from "undici";
import type { CredentialSource } from "./credentials";
import { ConfigurationError, type VendorError } from "./errors";
import type { RateLimit } from "./rate-limiter";
import type { RetryOptions } from "./retry-policy";
import { DEFAULT_TIMEOUTS, type HttpTimeouts } from "./transport";

/** Options of one call, overriding the client's for that call only. */
export interface RequestOptions {
  /** Cancels the call, its rate-limit wait and its retries (AbortError). */
  readonly signal?: AbortSignal | undefined;
  /** Time to wait for each attempt's response (headers, then between body chunks). Resolution about 1 s. */
  readonly timeoutMs?: number | undefined;
  /** Retries after the first attempt, where retrying is safe at all (0 disables them). */
  readonly maxRetries?: number | undefined;
}

/** Options of a paid submit that has no vendor idempotency token (Alibaba). */
export interface SubmitOptions extends RequestOptions {
  /**
   * The idempotency marker the caller put inside the request (e.g. in UserData) to find the job again after
   * an ambiguous failure; reported in AmbiguousSubmissionError. (Tencent creates use their SessionId.)
   */
  readonly marker?: string | undefined;
}

/** Options every client takes, whatever its vendor. */
export interface ClientOptions<Credentials> {
  /** Default: the vendor's standard environment variables, read at call time. */
  readonly credentials?: CredentialSource<Credentials> | undefined;
  /** Time to wait for a response (headers, then between body chunks). Default 30 s; resolution about 1 s. */
  readonly timeoutMs?: number | undefined;
  readonly retry?: RetryOptions | undefined;
  /** Client-side limits per action name; defaults stay under the vendor's documented limits. */
  readonly rateLimits?: Readonly<Partial<Record<string, RateLimit>>> | undefined;
  /** Send through this undici Dispatcher (e.g. a ProxyAgent) instead of the shared keep-alive pool. */
  readonly dispatcher?: Dispatcher | undefined;
  /** Called before each retry: for logs and counters. */
  readonly onRetry?: ((error: VendorError, attempt: number) => void) | undefined;
  /** Clock in ms, for tests (signature timestamps). */
  readonly now?: (() => number) | undefined;
}

/** A client's options, checked once at construction. */
export interface ClientSettings {
  readonly timeouts: HttpTimeouts;
  readonly retry: RetryOptions | undefined;
  readonly rateLimits: Readonly<Partial<Record<string, RateLimit>>> | undefined;
  readonly dispatcher: Dispatcher | undefined;
  readonly onRetry: ((error: VendorError, attempt: number) => void) | undefined;
  readonly now: () => number;
}

/**
 * The transport limits for a response timeout: the connect timeout never exceeds it.
 * @throws ConfigurationError when `timeoutMs` is not a positive number.
 */
export function timeoutsFor(timeoutMs: number | undefined): HttpTimeouts {
  if (timeoutMs === undefined) return DEFAULT_TIMEOUTS;
  if (!(timeoutMs > 0)) throw new ConfigurationError(`timeoutMs must be positive (got ${timeoutMs})`);
  return { connectMs: Math.min(timeoutMs, DEFAULT_TIMEOUTS.connectMs), headersMs: timeoutMs, bodyMs: timeoutMs };
}

/** @throws ConfigurationError for a bad timeout. */
export function clientSettings(options: ClientOptions<unknown>): ClientSettings {
  return {
    timeouts: timeoutsFor(options.timeoutMs),
    retry: options.retry,
    rateLimits: options.rateLimits,
    dispatcher: options.dispatcher,
    onRetry: options.onRetry,
    now: options.now ?? Date.now,
  };
}

/**
 * The retry options of one call: the client's, with the call's `maxRetries`.
 * @throws ConfigurationError when `maxRetries` is not a whole number ≥ 0.
 */
export function retryFor(client: RetryOptions | undefined, maxRetries: number | undefined): RetryOptions | undefined {
  if (maxRetries === undefined) return client;
  if (!(Number.isSafeInteger(maxRetries) && maxRetries >= 0)) {
    throw new ConfigurationError(`maxRetries must be a whole number ≥ 0 (got ${maxRetries})`);
  }
  return { ...client, retries: maxRetries };
}
