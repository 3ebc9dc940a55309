import { randomUUID } from "node:crypto";
import type { SignedRequest } from "../core/call-protocol";
import { SDK_USER_AGENT } from "../core/version";
import type { AlibabaAction } from "./action";
import type { AlibabaCredentials } from "./alibaba-credentials";
import { type AlibabaParams, AlibabaProtocol, alibabaTimestamp, paramStrings } from "./alibaba-protocol";
import { canonicalQueryString } from "./percent-encode";
import { signRpcV1 } from "./rpc-v1-signer";

/**
 * Alibaba RPC (VOD, ICE) with signature v1 (HMAC-SHA1), as @alicloud/pop-core sends it: `POST /` with every
 * parameter — business, common and the signature — in a form body.
 */
export class RpcV1Protocol extends AlibabaProtocol {
  sign(action: AlibabaAction, params: AlibabaParams, c: AlibabaCredentials, nowMs: number): SignedRequest {
    const all: Record<string, string> = {
      ...paramStrings(params),
      Action: action.name,
      Version: this.version,
      Format: "JSON",
      AccessKeyId: c.accessKeyId,
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      SignatureNonce: randomUUID(),
      Timestamp: alibabaTimestamp(nowMs),
      ...(c.securityToken ? { SecurityToken: c.securityToken } : {}),
      ...(this.opts.regionId ? { RegionId: this.opts.regionId } : {}),
    };
    all.Signature = signRpcV1("POST", all, c.accessKeySecret).signature;
    return {
      method: "POST",
      path: "/",
      headers: {
        host: this.host,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
        "user-agent": SDK_USER_AGENT,
      },
      body: Buffer.from(canonicalQueryString(all), "utf8"),
    };
  }
}
