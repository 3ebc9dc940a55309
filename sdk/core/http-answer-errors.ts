import type { AnswerContext } from "./call-protocol";
import { TransientServerError, VendorError } from "./errors";
import type { HttpResult } from "./transport";

/**
 * An answer that is not the vendor's envelope (a gateway page, an empty body): its HTTP status decides.
 * 5xx and 429 are transient; anything else is final. The body's start is kept, redacted, as the message.
 */
export function httpStatusError(answer: AnswerContext, http: HttpResult): VendorError {
  const init = {
    ...answer.context,
    code: `HTTP${http.status}`,
    message: answer.redact(http.body.toString("utf8").slice(0, 200) || `HTTP ${http.status}`),
    httpStatus: http.status,
  };
  if (http.status >= 500 || http.status === 429) return new TransientServerError(init);
  return new VendorError(init);
}

/**
 * A success status whose body cannot be read. Transient: asking again may get a readable answer (for a
 * paid submit the retry policy turns it into an ambiguous submission instead).
 */
export function malformedAnswer(answer: AnswerContext, http: HttpResult, message: string): TransientServerError {
  return new TransientServerError({
    ...answer.context,
    code: "MalformedResponse",
    message,
    httpStatus: http.status,
  });
}

/** Parses a JSON body; undefined when it is not JSON. */
export function parseJsonBody(http: HttpResult): unknown {
  try {
    return JSON.parse(http.body.toString("utf8"));
  } catch {
    return undefined;
  }
}
