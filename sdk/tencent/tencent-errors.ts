import {
  AuthenticationError,
  DuplicateSubmissionError,
  InvalidParameterError,
  NotFoundError,
  OperationFailedError,
  ServiceNotActivatedError,
  ThrottlingError,
  TransientServerError,
  VendorError,
  type VendorErrorAnswer,
} from "../core/errors";

export interface TencentErrorInit extends VendorErrorAnswer {
  /** The SessionId the request carried (a duplicate answer names it). */
  readonly sessionId?: string | undefined;
}

const TRANSIENT = new Set([
  "InternalError",
  "ServiceUnavailable",
  "ResourceUnavailable",
  "ResourceInsufficient",
  "ResponseSizeLimitExceeded",
]);
const NOT_FOUND = new Set(["ResourceNotFound", "InvalidParameterValue.TaskId"]);
const INVALID_CODES = [
  "InvalidParameter",
  "InvalidParameterValue",
  "MissingParameter",
  "UnknownParameter",
  "InvalidAction",
  "NoSuchVersion",
  "UnsupportedRegion",
  "UnsupportedOperation",
  "UnsupportedProtocol",
  "InvalidRequest",
  "RequestSizeLimitExceeded",
];
const INVALID = new RegExp(`^(${INVALID_CODES.join("|")})(\\.|$)`);

/**
 * Maps a Tencent error code onto the error hierarchy (docs/vendor-notes/tencent-vod.md, "Errors"): throttling,
 * auth (AuthFailure.*, UnauthorizedOperation), VOD not activated (FailedOperation.InvalidVodUser, final), the
 * generic FailedOperation (may have executed: never "created nothing"), transient, not-found (task lookups),
 * duplicate SessionId, invalid parameter; anything else is a final VendorError.
 */
export function tencentError(e: TencentErrorInit): VendorError {
  const init = { ...e.context, code: e.code, message: e.message, requestId: e.requestId, httpStatus: e.httpStatus };
  if (e.code.startsWith("RequestLimitExceeded")) return new ThrottlingError(init);
  if (e.code.startsWith("AuthFailure") || e.code.startsWith("UnauthorizedOperation")) {
    return new AuthenticationError(init);
  }
  if (e.code === "FailedOperation.InvalidVodUser") return new ServiceNotActivatedError(init);
  if (e.code === "FailedOperation" || e.code.startsWith("FailedOperation.")) return new OperationFailedError(init);
  if (TRANSIENT.has(e.code)) return new TransientServerError(init);
  if (e.code === "InvalidParameterValue.SessionId" && e.sessionId) {
    return new DuplicateSubmissionError({ ...init, sessionId: e.sessionId });
  }
  if (NOT_FOUND.has(e.code)) return new NotFoundError(init);
  if (INVALID.test(e.code)) return new InvalidParameterError(init);
  return new VendorError(init);
}
