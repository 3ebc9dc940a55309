import type { z } from "zod";
import type { CallProtocol, ProtocolAnswer, WireAction } from "./call-protocol";
import { credentialsFor, secretsOf } from "./credentials";
import { AmbiguousSubmissionError, type CallContext, redactSecrets, VendorError } from "./errors";
import { sharedRateLimiters, underVendorLimit } from "./rate-limiter";
import { retryFor, type SubmitOptions, timeoutsFor } from "./request-options";
import { type WithMetadata, withMetadata } from "./response-metadata";
import { executeWithRetry } from "./retry-policy";
import { sendHttp } from "./transport";
import { parseRequest } from "./validation";

/**
 * The one call pipeline of the sdk, for every vendor and protocol:
 * validate (RequestValidationError before any I/O) → wait for the action's shared rate-limit bucket →
 * sign afresh → send → read the answer and classify an error (the protocol) → retry per the single retry
 * decision (`executeWithRetry`) → parse the response with the action's schema → attach `$metadata`.
 * An unreadable answer to a paid submit is an AmbiguousSubmissionError: the vendor processed it.
 * @throws RequestValidationError, CredentialsError, ConfigurationError (bad per-call option), and every
 *   VendorError subclass (see the retry policy for which are retried).
 */
export async function invoke<P extends WireAction, A extends P, C, E>(
  protocol: CallProtocol<C, E, P>,
  action: A,
  input: unknown,
  options: SubmitOptions = {},
): Promise<WithMetadata<z.output<A["response"]>>> {
  const started = performance.now();
  const context: CallContext = { vendor: protocol.vendor, service: protocol.service, action: action.name };
  const settings = protocol.settings;
  const timeouts = options.timeoutMs === undefined ? settings.timeouts : timeoutsFor(options.timeoutMs);
  const retry = retryFor(settings.retry, options.maxRetries);
  const prepared = protocol.prepare(input);
  const parsed = parseRequest(action.name, action.request, prepared);
  const encoded = protocol.encode(parsed, prepared);
  const { idempotency, marker } = protocol.idempotency(action, parsed, options.marker);
  const limit = settings.rateLimits?.[action.name] ?? underVendorLimit(action.vendorRateLimit);
  const bucket = sharedRateLimiters.bucket(`${context.vendor}:${context.service}:${action.name}`, limit);
  const signal = options.signal;

  let attempts = 0;
  let httpStatus: number | undefined;
  const answer = await executeWithRetry<ProtocolAnswer>(
    async () => {
      await bucket.acquire(signal, context);
      attempts++;
      const credentials = await credentialsFor(protocol.credentialSource, protocol.credentialKind);
      const request = protocol.sign(action, encoded, credentials, settings.now());
      const http = await sendHttp({
        context,
        origin: protocol.origin,
        ...request,
        timeouts,
        signal,
        dispatcher: settings.dispatcher,
      });
      httpStatus = http.status;
      const redact = (text: string) => {
        const { secrets, ids } = secretsOf(credentials, protocol.credentialKind);
        return redactSecrets(text, secrets, ids);
      };
      return protocol.read(action, http, { context, marker, redact });
    },
    { context, idempotency, retry, signal, marker, onRetry: (err, n) => settings.onRetry?.(err, n) },
  );

  const res = action.response.safeParse(answer.data);
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
