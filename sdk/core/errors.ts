/**
 * The one error hierarchy of the sdk. Every error a client throws is an {@link AigcError}; every error that
 * concerns a vendor call is a {@link VendorError} carrying the vendor, service, action, code, message and
 * RequestId. The retry policy (`retry-policy.ts`) reads only these classes and their flags.
 *
 * Messages never contain credentials: vendor messages pass through {@link redactSecrets} before they are
 * stored, and no request header is ever copied into an error.
 */

export type Vendor = "tencent" | "alibaba";

/** Where a vendor error happened: which vendor, which service (vod, ice, aicontent) and which action. */
export interface CallContext {
  readonly vendor: Vendor;
  readonly service: string;
  readonly action: string;
}

/** A vendor's error answer, as a protocol module read it: what its error map turns into an error class. */
export interface VendorErrorAnswer {
  readonly context: CallContext;
  readonly code: string;
  readonly message: string;
  readonly requestId?: string | undefined;
  readonly httpStatus?: number | undefined;
}

/** Root of everything the sdk throws. */
export class AigcError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One reason a request failed validation: the field path (wire spelling), the rule, and the offending value. */
export interface ValidationIssue {
  readonly path: ReadonlyArray<string | number>;
  readonly rule: string;
  readonly value: unknown;
}

/** Renders a value for an error message: short, single-line, never the whole of a large input. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  let text: string;
  try {
    text = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function formatIssue(issue: ValidationIssue): string {
  const where = issue.path.length === 0 ? "(request)" : issue.path.join(".");
  return `${where}: ${issue.rule} (got ${describeValue(issue.value)})`;
}

/** A request was rejected by its schema before any network call. */
export class RequestValidationError extends AigcError {
  readonly action: string;
  readonly issues: readonly ValidationIssue[];
  constructor(action: string, issues: readonly ValidationIssue[]) {
    super(`${action} request is invalid: ${issues.map(formatIssue).join("; ")}`);
    this.action = action;
    this.issues = issues;
  }
}

/** No credentials were configured, neither passed in nor in the vendor's environment variables. */
export class CredentialsError extends AigcError {}

/** The client was misconfigured (bad endpoint, region, option). Thrown at construction or first call. */
export class ConfigurationError extends AigcError {}

export interface VendorErrorInit extends CallContext {
  /** The vendor's error code, or a synthetic one for errors without a vendor answer (NetworkError, ...). */
  readonly code: string;
  /** The vendor's message (redacted) or our own description. */
  readonly message: string;
  readonly requestId?: string | undefined;
  readonly httpStatus?: number | undefined;
  /** The vendor guarantees the request was not executed (throttled, service unavailable before dispatch). */
  readonly notExecuted?: boolean | undefined;
  readonly cause?: unknown;
}

/**
 * An error from, or on the way to, a vendor API. `retryable` says whether the condition is transient;
 * `notExecuted` says whether the vendor guarantees that nothing happened (safe to repeat even a paid create);
 * `mayHaveExecuted` says the opposite worry: the vendor may have carried the request out, so after a paid
 * submit a job may exist and the error must never be read as "created nothing".
 */
export class VendorError extends AigcError {
  readonly vendor: Vendor;
  readonly service: string;
  readonly action: string;
  readonly code: string;
  readonly vendorMessage: string;
  readonly requestId: string | undefined;
  readonly httpStatus: number | undefined;
  readonly notExecuted: boolean;
  /** Whether waiting and repeating the same request can succeed. Subclasses fix it. */
  get retryable(): boolean {
    return false;
  }

  /**
   * Whether the vendor may have executed the request despite the error: a transient failure after the request
   * was sent, or an answer that does not say what happened (Tencent FailedOperation, aicontent UNKNOWN_ERROR).
   * A paid submit failing this way is reported as AmbiguousSubmissionError instead.
   */
  get mayHaveExecuted(): boolean {
    return this.retryable && !this.notExecuted;
  }

  constructor(init: VendorErrorInit) {
    const rid = init.requestId ? ` (RequestId: ${init.requestId})` : "";
    super(`${init.service}.${init.action} failed: [${init.code}] ${init.message}${rid}`, { cause: init.cause });
    this.vendor = init.vendor;
    this.service = init.service;
    this.action = init.action;
    this.code = init.code;
    this.vendorMessage = init.message;
    this.requestId = init.requestId;
    this.httpStatus = init.httpStatus;
    this.notExecuted = init.notExecuted ?? false;
  }
}

/** The vendor throttled the request (request-frequency limit). It was not executed. */
export class ThrottlingError extends VendorError {
  /** Server hint for when to try again, if it gave one. */
  readonly retryAfterMs: number | undefined;
  /** Set when the client gave up retrying: the end of its throttling budget. */
  readonly deadline: Date | undefined;
  constructor(init: VendorErrorInit & { retryAfterMs?: number | undefined; deadline?: Date | undefined }) {
    super({ ...init, notExecuted: true });
    this.retryAfterMs = init.retryAfterMs;
    this.deadline = init.deadline;
  }

  /** This throttling error, after `retries` retries that ran into `deadline`: the message names both. */
  outOfBudget(retries: number, budgetMs: number, deadline: Date): ThrottlingError {
    const minutes = Math.round((budgetMs / 60_000) * 10) / 10;
    return new ThrottlingError({
      vendor: this.vendor,
      service: this.service,
      action: this.action,
      code: this.code,
      message:
        `${this.vendorMessage} Still throttled after ${retries} retries over ${minutes} min ` +
        `(the throttling budget ran out at ${deadline.toISOString()}); the request was not executed. ` +
        "The account is busy: run again later, or raise retry.throttleBudgetMs.",
      requestId: this.requestId,
      httpStatus: this.httpStatus,
      retryAfterMs: this.retryAfterMs,
      deadline,
      cause: this,
    });
  }
  override get retryable(): boolean {
    return true;
  }
}

/** Credentials were rejected: unknown key, bad signature, expired token, clock skew, or no permission. */
export class AuthenticationError extends VendorError {
  /** The signature timestamp was outside the vendor's window: the local clock is probably off. */
  get clockSkew(): boolean {
    return /SignatureExpire|InvalidTimeStamp\.Expired/.test(this.code);
  }
}

/** The vendor rejected a parameter (missing, malformed, out of range, unknown). Fix the input. */
export class InvalidParameterError extends VendorError {}

/** The addressed job, task, element or media does not exist (or is no longer visible). */
export class NotFoundError extends VendorError {}

/**
 * ICE answered IdempotentParameterMismatch: this ClientToken was already used, within its lifetime, with
 * other parameters. Nothing was done; send the request with a new token (or the original parameters).
 */
export class IdempotentParameterMismatchError extends InvalidParameterError {}

/**
 * Tencent answered FailedOperation (or an undocumented FailedOperation.* sub-code): the operation failed for a
 * reason the vendor does not say. It may have been carried out in part, so it is not retried, and a paid
 * submit answered this way is ambiguous (a job may exist).
 */
export class OperationFailedError extends VendorError {
  override get mayHaveExecuted(): boolean {
    return true;
  }
}

/**
 * The service is not activated for the account (Tencent FailedOperation.InvalidVodUser): final, and nothing
 * was executed. Activate VOD for the account, then try again.
 */
export class ServiceNotActivatedError extends VendorError {
  constructor(init: VendorErrorInit) {
    super({ ...init, notExecuted: true });
  }
}

/**
 * The vendor answered that the request failed without saying how (aicontent `success:false` with
 * UNKNOWN_ERROR, even on HTTP 200). The outcome is unknown: reads are retried; a paid submit answered this way
 * is reported as AmbiguousSubmissionError and never retried blindly.
 */
export class UnknownOutcomeError extends VendorError {
  override get retryable(): boolean {
    return true;
  }
}

/** A server-side or gateway failure that may pass (InternalError, 5xx, ServiceUnavailable). */
export class TransientServerError extends VendorError {
  override get retryable(): boolean {
    return true;
  }
}

/** Which part of the exchange failed at the transport level. */
export type NetworkPhase = "connect" | "send" | "response";

/**
 * The connection failed. `requestSent` is false only when the request provably never left this process
 * (connection refused, DNS failure, connect timeout); otherwise the vendor may have executed it.
 */
export class NetworkError extends VendorError {
  readonly phase: NetworkPhase;
  readonly requestSent: boolean;
  constructor(init: Omit<VendorErrorInit, "code"> & { code?: string; phase: NetworkPhase; requestSent: boolean }) {
    super({ code: "NetworkError", ...init, notExecuted: !init.requestSent });
    this.phase = init.phase;
    this.requestSent = init.requestSent;
  }
  override get retryable(): boolean {
    return true;
  }
}

/** A connect, headers or body timeout. A headers/body timeout means the request was sent. */
export class TimeoutError extends NetworkError {
  constructor(init: Omit<VendorErrorInit, "code"> & { phase: NetworkPhase; requestSent: boolean }) {
    super({ ...init, code: "RequestTimeout" });
  }
}

/**
 * Tencent answered InvalidParameterValue.SessionId: a create with this SessionId was already accepted
 * inside the dedup window. Nothing new was created; the caller should recover the earlier task.
 */
export class DuplicateSubmissionError extends VendorError {
  readonly sessionId: string;
  constructor(init: VendorErrorInit & { sessionId: string }) {
    super(init);
    this.sessionId = init.sessionId;
  }
}

/**
 * A paid submit failed in a way that leaves it unknown whether the vendor created the job (the request
 * was sent, then the connection broke, timed out or the server erred). The sdk did not retry it blindly.
 * `marker` is the caller-supplied marker sent with the request, if any, to find the job again.
 */
export class AmbiguousSubmissionError extends VendorError {
  readonly marker: string | undefined;
  constructor(init: Omit<VendorErrorInit, "code" | "message"> & { marker?: string | undefined; cause: VendorError }) {
    super({
      ...init,
      code: "AmbiguousSubmission",
      requestId: init.requestId ?? init.cause.requestId,
      httpStatus: init.httpStatus ?? init.cause.httpStatus,
      message:
        "a job may have been created: the submit failed after it was sent " +
        `(${init.cause.code}: ${init.cause.vendorMessage}); ` +
        `it was not retried, to avoid paying twice` +
        (init.marker ? `; look for marker ${init.marker} before submitting again` : ""),
    });
    this.marker = init.marker;
  }

  override get mayHaveExecuted(): boolean {
    return true;
  }
}

/** A job or task reached a terminal failed state. `code` is the task-level code (ErrCode, ErrCodeExt, Code). */
export class JobFailedError extends VendorError {
  readonly jobId: string;
  readonly status: string;
  /** The task-level message exactly as the vendor gave it. */
  readonly taskMessage: string;
  /** The last job/task object the vendor returned. */
  readonly job: unknown;
  constructor(init: VendorErrorInit & { jobId: string; status: string; job: unknown }) {
    super({ ...init, message: `job ${init.jobId} ended ${init.status}: ${init.message}` });
    this.jobId = init.jobId;
    this.status = init.status;
    this.taskMessage = init.message;
    this.job = init.job;
  }
}

/** A waiter's deadline passed before the job finished. The job still exists; wait for it again by `jobId`. */
export class WaitTimeoutError extends VendorError {
  readonly jobId: string;
  readonly lastStatus: string | undefined;
  readonly timeoutMs: number;
  constructor(init: CallContext & { jobId: string; lastStatus: string | undefined; timeoutMs: number; polls: number }) {
    super({
      ...init,
      code: "WaitTimeout",
      message:
        `job ${init.jobId} did not finish within ${init.timeoutMs} ms ` +
        `(last status ${init.lastStatus ?? "unknown"}, ${init.polls} polls)`,
    });
    this.jobId = init.jobId;
    this.lastStatus = init.lastStatus;
    this.timeoutMs = init.timeoutMs;
  }
}

/**
 * The caller's AbortSignal fired. For a wait, the job still exists at the vendor. A call stopped between its
 * attempts has `notExecuted` set when no attempt of it may have been carried out (none was sent, or the vendor
 * refused each one unexecuted, e.g. throttled): repeating it, even a paid submit, cannot pay twice.
 */
export class AbortError extends VendorError {
  readonly jobId: string | undefined;
  constructor(init: CallContext & { jobId?: string | undefined; reason?: unknown; notExecuted?: boolean | undefined }) {
    const stopped = init.notExecuted
      ? "aborted by the caller before any attempt was executed"
      : "aborted by the caller";
    super({
      ...init,
      code: "Aborted",
      message: init.jobId ? `aborted while waiting for job ${init.jobId}` : stopped,
      cause: init.reason,
    });
    this.jobId = init.jobId;
  }
}

/**
 * Removes secrets from vendor-supplied text (Alibaba's SignatureDoesNotMatch message echoes the string to
 * sign, which carries the STS token). Access key ids are masked to a short prefix.
 */
export function redactSecrets(
  text: string,
  secrets: ReadonlyArray<string | undefined>,
  ids: ReadonlyArray<string | undefined> = [],
): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join("***");
  for (const id of ids) if (id && id.length >= 8) out = out.split(id).join(`${id.slice(0, 4)}***`);
  return out;
}
