import { tencentRequestId } from "../ids";
import { jsonReply, type VendorReply } from "../vendor-reply";

/** `{"Response":{...fields, RequestId}}`, HTTP 200. */
export function tencentOk(fields: Record<string, unknown>, extra: Partial<VendorReply> = {}): VendorReply {
  return jsonReply(200, { Response: { ...fields, RequestId: tencentRequestId() } }, extra);
}

/** Tencent answers every processed request with HTTP 200, errors included. */
export function tencentFail(code: string, message: string): VendorReply {
  return jsonReply(
    200,
    { Response: { Error: { Code: code, Message: message }, RequestId: tencentRequestId() } },
    {
      errorCode: code,
      throttled: code.startsWith("RequestLimitExceeded"),
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
