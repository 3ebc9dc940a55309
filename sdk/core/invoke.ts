import type { z } from "zod";
import type { CallProtocol, ProtocolAnswer, WireAction } from "./call-protocol";
import { credentialsNow, secretsOf } from "./credentials";
import { AmbiguousSubmissionError, type CallContext, redactSecrets, ThrottlingError, VendorError } from "./errors";
import { type RateLimit, sharedRateLimiters, vendorLimit } from "./rate-limiter";
import { retryFor, type SubmitOptions, timeoutsFor } from "./request-options";
import { type WithMetadata, withMetadata } from "./response-metadata";
import { readResponse } from "./response-reader";
import { executeWithRetry } from "./retry-scheduler";
import { sendHttp } from "./transport";
import { parseRequest } from "./validation";

/** What does not change between two calls of one action on one client: worked out on its first call. */
interface ActionPlan {
  readonly context: CallContext;
  readonly bucketName: string;
  readonly limit: RateLimit;
}

const plans = new WeakMap<object, Map<WireAction, ActionPlan>>();

function planOf(protocol: CallProtocol<unknown, unknown, WireAction>, action: WireAction): ActionPlan {
  let byAction = plans.get(protocol);
  if (!byAction) {
    byAction = new Map();
    plans.set(protocol, byAction);
  }
  let plan = byAction.get(action);
  if (!plan) {
    const context: CallContext = { vendor: protocol.vendor, service: protocol.service, action: action.name };
    plan = {
      context,
      bucketName: `${context.vendor}:${context.service}:${action.name}`,
      limit: protocol.settings.rateLimits?.[action.name] ?? vendorLimit(action.vendorRateLimit),
    };
    byAction.set(action, plan);
  }
  return plan;
}

const NO_OPTIONS: SubmitOptions = {};

/**
 * The one call pipeline of the sdk, for every vendor and protocol:
 * validate (RequestValidationError before any I/O) → wait for the action's shared rate-limit bucket →
 * sign afresh → send → read the answer and classify an error (the protocol) → retry per the single retry
 * decision (`executeWithRetry`; `options.signal` stops a create between attempts only) → parse the response
 * with the action's schema → attach `$metadata`.
 * An unreadable answer to a paid submit is an AmbiguousSubmissionError: the vendor processed it.
 * @throws RequestValidationError, CredentialsError, ConfigurationError (bad per-call option), and every
 *   VendorError subclass (see the retry policy for which are retried).
 */
export async function invoke<P extends WireAction, A extends P, C, E>(
  protocol: CallProtocol<C, E, P>,
  action: A,
  input: unknown,
  options: SubmitOptions = NO_OPTIONS,
): Promise<WithMetadata<z.output<A["response"]>>> {
  const started = performance.now();
  const { context, bucketName, limit } = planOf(protocol as CallProtocol<unknown, unknown, WireAction>, action);
  const settings = protocol.settings;
  const timeouts = options.timeoutMs === undefined ? settings.timeouts : timeoutsFor(options.timeoutMs);
  const retry = retryFor(settings.retry, options.maxRetries);
  const prepared = protocol.prepare(input);
  const parsed = parseRequest(action.name, action.request, prepared);
  const encoded = protocol.encode(parsed, prepared);
  const { idempotency, marker, creates = false } = protocol.idempotency(action, parsed, options.marker);
  // Asked on every call: another client with a different limit for the same action may have changed it.
  const bucket = sharedRateLimiters.bucket(bucketName, limit);
  const signal = options.signal;
  // A create's attempt on the wire is never cut off: its answer decides whether a job exists (and holds its id).
  // The signal stops it between attempts only (the rate-limit wait, the backoff): see executeWithRetry.
  const wireSignal = creates ? undefined : signal;

  let attempts = 0;
  let httpStatus: number | undefined;
  const answer = await executeWithRetry<ProtocolAnswer>(
    async (n) => {
      if (signal?.aborted || !bucket.tryTake()) await bucket.acquire(signal, context, n > 1);
      attempts++;
      const source = credentialsNow(protocol.credentialSource, protocol.credentialKind);
      const credentials = source instanceof Promise ? await source : source;
      const request = protocol.sign(action, encoded, credentials, settings.now());
      const http = await sendHttp({
        context,
        origin: protocol.origin,
        method: request.method,
        path: request.path,
        headers: request.headers,
        body: request.body,
        timeouts,
        signal: wireSignal,
        dispatcher: settings.dispatcher,
      });
      httpStatus = http.status;
      const redact = (text: string) => {
        const { secrets, ids } = secretsOf(credentials, protocol.credentialKind);
        return redactSecrets(text, secrets, ids);
      };
      try {
        const read = protocol.read(action, http, { context, marker, redact });
        bucket.succeeded();
        return read;
      } catch (err) {
        // The vendor's rate answer steers an adaptive bucket: throttled slows it, anything else is an answer.
        if (err instanceof ThrottlingError) bucket.throttled();
        else if (err instanceof VendorError && err.requestId) bucket.succeeded();
        throw err;
      }
    },
    {
      context,
      idempotency,
      retry,
      signal,
      finishInFlight: creates,
      marker,
      onRetry: (err, n) => settings.onRetry?.(err, n),
    },
  );

  const res = readResponse(action.response, answer.data);
  if (!res.success) {
    const malformed = new VendorError({
      ...context,
      code: "MalformedResponse",
      message: `unexpected response shape: ${res.error.issues
        .map((i) => `${i.path.join(".")}: ${i.message}`)
        .join("; ")}`,
      requestId: answer.requestId,
    });
    // The vendor processed a paid submit but its answer is unreadable: the job may exist.
    if (idempotency === "paid-submit") throw new AmbiguousSubmissionError({ ...context, marker, cause: malformed });
    throw malformed;
  }
  return withMetadata(res.data as z.output<A["response"]>, {
    requestId: answer.requestId,
    attempts,
    elapsedMs: performance.now() - started,
    httpStatus,
  });
}
