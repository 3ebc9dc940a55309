import { randomUUID } from "node:crypto";
import { alibabaRequestId } from "../ids";
import { jsonReply, type VendorReply } from "../vendor-reply";

/** An error answered with the vendor's code, message and HTTP status. */
export class AlibabaApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** RPC success: the fields plus an upper-case RequestId, HTTP 200. */
export function rpcOk(fields: Record<string, unknown>, extra: Partial<VendorReply> = {}): VendorReply {
  return jsonReply(200, { RequestId: alibabaRequestId(), ...fields }, extra);
}

/** The RPC/V3 gateway error envelope (alibaba.md §7.1). */
export function rpcFail(status: number, code: string, message: string, hostId: string, product: string): VendorReply {
  const requestId = alibabaRequestId();
  return jsonReply(
    status,
    {
      RequestId: requestId,
      HostId: hostId,
      Code: code,
      Message: message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${code}&product=${product}&requestId=${requestId}`,
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
