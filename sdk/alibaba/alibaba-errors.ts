import {
  AuthenticationError,
  type VendorErrorAnswer,
  InvalidParameterError,
  NotFoundError,
  ThrottlingError,
  TransientServerError,
  VendorError,
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

/**
 * Maps an Alibaba error code (RPC envelope `Code`, or aicontent `errCode`) onto the error hierarchy
 * (alibaba.md §7): any Throttling* code and ServiceUnavailable mean "not executed, retry later"; other
 * 5xx are transient with unknown effect; auth, parameter and not-found errors are final.
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
  if (upper === "SERVICEUNAVAILABLE") return new TransientServerError({ ...init, notExecuted: true });
  if (AUTH.test(e.code)) return new AuthenticationError(init);
  if (/NotFound$|^InvalidParameter\.ResourceNotFound$|^(JOB|MODEL)_NOT_FOUND$/.test(e.code))
    return new NotFoundError(init);
  if (/^(MissingParameter|InvalidParameter|IdempotentParameterMismatch|INVALID_PARAMETER)/.test(e.code))
    return new InvalidParameterError(init);
  if (upper === "INTERNALERROR" || (e.httpStatus !== undefined && e.httpStatus >= 500))
    return new TransientServerError(init);
  return new VendorError(init);
}
