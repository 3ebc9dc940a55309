import { randomUUID } from "node:crypto";
import type { AnswerFault } from "../faults";
import { gatewayErrorPage } from "../gateway-page";
import { alibabaRequestId } from "../ids";
import { jsonReply, type VendorReply } from "../vendor-reply";

/** An error answered with the vendor's code, message and HTTP status. */
export class AlibabaApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The request created a job before it was answered with this error. */
    readonly submitted = false,
  ) {
    super(message);
  }
}

/** RPC success: the fields plus an upper-case RequestId, HTTP 200. */
export function rpcOk(fields: Record<string, unknown>, extra: Partial<VendorReply> = {}): VendorReply {
  return jsonReply(200, { RequestId: alibabaRequestId(), ...fields }, extra);
}

/** Who was refused, as a 403 from RAM describes it. */
function accessDeniedDetail(action: string, product: string): Record<string, unknown> {
  return {
    AuthAction: `${product.toLowerCase()}:${action}`,
    AuthPrincipalDisplayName: "emulator-ram-user",
    AuthPrincipalOwnerId: "1234567890123456",
    AuthPrincipalType: "SubUser",
    NoPermissionType: "ImplicitDeny",
    PolicyType: "AccountLevelIdentityBasedPolicy",
  };
}

/**
 * The RPC/V3 gateway error envelope (docs/vendor-notes/alibaba.md, "Errors"): RequestId, HostId, Code, Message and
 * Recommend, with the vendor's HTTP status; a RAM refusal adds AccessDeniedDetail.
 */
export function rpcFail(
  status: number,
  code: string,
  message: string,
  hostId: string,
  product: string,
  action = "",
): VendorReply {
  const requestId = alibabaRequestId();
  return jsonReply(
    status,
    {
      RequestId: requestId,
      HostId: hostId,
      Code: code,
      Message: message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${code}&product=${product}&requestId=${requestId}`,
      ...(code.startsWith("Forbidden.RAM") ? { AccessDeniedDetail: accessDeniedDetail(action, product) } : {}),
    },
    { errorCode: code, throttled: code.startsWith("Throttling") },
  );
}

/** aicontent success envelope. */
export function aicOk(data: unknown, extra: Partial<VendorReply> = {}): VendorReply {
  return jsonReply(200, { requestId: randomUUID(), success: true, errCode: null, errMessage: null, data }, extra);
}

/** aicontent business error envelope, with the HTTP status mirrored in httpStatusCode. */
export function aicFail(status: number, errCode: string, errMessage: string): VendorReply {
  return jsonReply(
    status,
    { requestId: randomUUID(), success: false, errCode, errMessage, httpStatusCode: status, data: null },
    { errorCode: errCode, throttled: errCode === "THROTTLING" },
  );
}

/** aicontent's only documented business error: an unknown failure, answered on HTTP 200. */
export const AIC_UNKNOWN_ERROR = { errCode: "UNKNOWN_ERROR", errMessage: "未知错误" } as const;

/** The HTTP status Alibaba answers a code with. */
export function alibabaStatusFor(code: string): number {
  if (/^(Forbidden|OperationDenied|NoPermission)/.test(code)) return 403;
  if (/NotFound$|^InvalidParameter\.ResourceNotFound$/.test(code)) return 404;
  if (code === "InternalError") return 500;
  if (/^ServiceUn[Aa]vailable$/.test(code)) return 503;
  return 400;
}

/** Messages for the service-side codes the emulator answers on request (faults, `emulator:error=`). */
const MESSAGES: Record<string, string> = {
  InternalError: "The request processing has failed due to some unknown error, exception or failure.",
  ServiceUnavailable: "The request has failed due to a temporary failure of the server.",
  ServiceUnAvailable: "The request has failed due to a temporary failure of the server.",
  Forbidden: "User not authorized to operate on the specified resource.",
  "Forbidden.RAM": "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
  OperationDenied: "The service is not activated for this account.",
  "OperationDenied.Suspended": "The account is suspended because of an overdue payment.",
};

/** An Alibaba error answer for `code`, with the vendor's usual status and message. */
export function alibabaError(code: string, submitted = false): AlibabaApiError {
  const message = MESSAGES[code] ?? `The request failed with ${code}.`;
  return new AlibabaApiError(alibabaStatusFor(code), code, message, submitted);
}

/**
 * The answer to an injected fault on an RPC (VOD, ICE) request, or undefined when the service has no such fault.
 * `coin` in [0, 1) picks between the two answers of the legacy serverError kind.
 */
export function rpcFaultReply(
  kind: AnswerFault,
  hostId: string,
  product: "Vod" | "ICE",
  action: string,
  coin: number,
): VendorReply | undefined {
  // VOD's error table spells the code ServiceUnAvailable; ICE uses the common spelling.
  const unavailable = product === "Vod" ? "ServiceUnAvailable" : "ServiceUnavailable";
  const fail = (code: string) =>
    rpcFail(alibabaStatusFor(code), code, `${MESSAGES[code]} (injected fault)`, hostId, product, action);
  switch (kind) {
    case "throttle":
      return rpcFail(
        400,
        "Throttling.User",
        "Request was denied due to user flow control (injected fault).",
        hostId,
        product,
      );
    case "serverError":
      return fail(coin < 0.5 ? "ServiceUnavailable" : "InternalError");
    case "gatewayError":
      return gatewayErrorPage(502);
    case "internalError":
      return fail("InternalError");
    case "serviceUnavailable":
      return fail(unavailable);
    case "unauthorized":
      return fail("Forbidden.RAM");
    case "failedOperation":
      return undefined;
  }
}

/** The answer to an injected fault on an aicontent request. */
export function aicFaultReply(kind: AnswerFault, hostId: string, coin: number): VendorReply {
  const gateway = (status: number, code: string) =>
    rpcFail(status, code, `${MESSAGES[code]} (injected fault)`, hostId, "aicontent", "");
  switch (kind) {
    case "throttle":
      return aicFail(429, "THROTTLING", "Request was denied due to flow control (injected fault).");
    case "serverError":
      return coin < 0.5
        ? gateway(503, "ServiceUnavailable")
        : aicFail(500, "UNKNOWN_ERROR", "未知错误 (injected fault)");
    case "gatewayError":
      return gatewayErrorPage(502);
    case "internalError":
      return aicFail(500, AIC_UNKNOWN_ERROR.errCode, `${AIC_UNKNOWN_ERROR.errMessage} (injected fault)`);
    case "serviceUnavailable":
      return gateway(503, "ServiceUnavailable");
    case "failedOperation":
      // The documented samples carry httpStatusCode 200: success:false with UNKNOWN_ERROR says nothing of the outcome.
      return aicFail(200, AIC_UNKNOWN_ERROR.errCode, `${AIC_UNKNOWN_ERROR.errMessage} (injected fault)`);
    case "unauthorized":
      return gateway(403, "Forbidden.RAM");
  }
}
