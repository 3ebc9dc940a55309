import type { FaultKind } from "../faults";
import { gatewayErrorPage } from "../gateway-page";
import { tencentRequestId } from "../ids";
import { jsonReply, type VendorReply } from "../vendor-reply";

/** `{"Response":{...fields, RequestId}}`, HTTP 200. */
export function tencentOk(fields: Record<string, unknown>, extra: Partial<VendorReply> = {}): VendorReply {
  return jsonReply(200, { Response: { ...fields, RequestId: tencentRequestId() } }, extra);
}

/** Tencent answers every processed request with HTTP 200, errors included. */
export function tencentFail(code: string, message: string, extra: Partial<VendorReply> = {}): VendorReply {
  return jsonReply(
    200,
    { Response: { Error: { Code: code, Message: message }, RequestId: tencentRequestId() } },
    {
      errorCode: code,
      throttled: code.startsWith("RequestLimitExceeded"),
      ...extra,
    },
  );
}

export class TencentApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Messages for the service-side codes the emulator answers on request (faults, `emulator:error=`). */
const MESSAGES: Record<string, string> = {
  FailedOperation: "The operation failed.",
  "FailedOperation.InvalidVodUser": "The VOD service is not activated for this account.",
  UnauthorizedOperation: "The CAM policy does not authorize this operation.",
  "AuthFailure.UnauthorizedOperation": "The request is not authorized by CAM.",
  InternalError: "An internal error occurred. Please try again later.",
  ServiceUnavailable: "The service is temporarily unavailable. Please try again later.",
  ResourceUnavailable: "The resource is temporarily unavailable.",
  LimitExceeded: "The quota is exhausted.",
  "LimitExceeded.Quota": "The quota is exhausted.",
};

/** A Tencent error answer for `code`, with the vendor's usual message. */
export function tencentError(code: string): TencentApiError {
  return new TencentApiError(code, MESSAGES[code] ?? `The request failed with ${code} (emulated).`);
}

/** The answer to an injected fault, or undefined when Tencent has no such fault. */
export function tencentFaultReply(kind: FaultKind): VendorReply | undefined {
  const fail = (code: string) => tencentFail(code, `${MESSAGES[code]} (injected fault)`);
  switch (kind) {
    case "throttle":
      return tencentFail("RequestLimitExceeded", "Request frequency limit exceeded (injected fault).");
    case "serverError":
    case "gatewayError":
      return gatewayErrorPage(502);
    case "internalError":
      return fail("InternalError");
    case "serviceUnavailable":
      return fail("ServiceUnavailable");
    case "failedOperation":
      return fail("FailedOperation");
    case "unauthorized":
      return fail("UnauthorizedOperation");
    default:
      return undefined;
  }
}
