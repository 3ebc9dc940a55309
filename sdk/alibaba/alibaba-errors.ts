import {
  AuthenticationError,
  IdempotentParameterMismatchError,
  InvalidParameterError,
  NotFoundError,
  ThrottlingError,
  TransientServerError,
  UnknownOutcomeError,
  VendorError,
  type VendorErrorAnswer,
} from "../core/errors";

export interface AlibabaErrorInit extends VendorErrorAnswer {
  /** From the x-acs-retry-after header, in seconds. */
  readonly retryAfterSeconds?: number | undefined;
}

const AUTH_CODES = [
  "SignatureDoesNotMatch",
  "IncompleteSignature",
  "SignatureNonceUsed",
  "InvalidTimeStamp",
  "InvalidAccessKeyId",
  "InvalidSecurityToken",
  "Forbidden",
  "OperationDenied",
  "NoPermission",
  "InvalidApi\\.Unauthorized",
];
const AUTH = new RegExp(`^(${AUTH_CODES.join("|")})`);
const NOT_FOUND = /NotFound$|^InvalidParameter\.ResourceNotFound$|^(JOB|MODEL|IMAGE)_NOT_FOUND$/;

/**
 * Maps an Alibaba error code (RPC envelope `Code`, or aicontent `errCode`) onto the error hierarchy
 * (docs/vendor-notes/alibaba.md, "Errors"):
 * - any Throttling* code: throttled, not executed, retried;
 * - ServiceUnavailable / ServiceUnAvailable and other 5xx: transient with unknown effect (reads are retried;
 *   a paid submit becomes AmbiguousSubmissionError, never retried blindly);
 * - aicontent UNKNOWN_ERROR: an unknown outcome, whatever the HTTP status (the same treatment);
 * - IdempotentParameterMismatch (ICE ClientToken reuse): its own class;
 * - auth, parameter and not-found errors: final.
 */
export function alibabaError(e: AlibabaErrorInit): VendorError {
  const init = { ...e.context, code: e.code, message: e.message, requestId: e.requestId, httpStatus: e.httpStatus };
  const upper = e.code.toUpperCase();
  if (upper.includes("THROTTLING")) {
    return new ThrottlingError({
      ...init,
      retryAfterMs: e.retryAfterSeconds !== undefined ? e.retryAfterSeconds * 1000 : undefined,
    });
  }
  // Documented as "temporarily unavailable", not as "refused before dispatch": the request may have run.
  if (upper === "SERVICEUNAVAILABLE") return new TransientServerError(init);
  if (e.code === "UNKNOWN_ERROR") return new UnknownOutcomeError(init);
  if (AUTH.test(e.code)) return new AuthenticationError(init);
  if (NOT_FOUND.test(e.code)) return new NotFoundError(init);
  if (e.code === "IdempotentParameterMismatch") return new IdempotentParameterMismatchError(init);
  if (/^(MissingParameter|InvalidParameter|INVALID_PARAMETER)/.test(e.code)) return new InvalidParameterError(init);
  if (upper === "INTERNALERROR" || (e.httpStatus !== undefined && e.httpStatus >= 500))
    return new TransientServerError(init);
  return new VendorError(init);
}
