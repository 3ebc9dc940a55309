import type { SignedRequest } from "../core/call-protocol";
import { acs3SignedRequest } from "./acs3-request";
import type { AlibabaAction } from "./action";
import type { AlibabaCredentials } from "./alibaba-credentials";
import { type AlibabaParams, AlibabaProtocol, paramStrings } from "./alibaba-protocol";

/**
 * Alibaba RPC (VOD, ICE) with signature V3, as the generated OpenAPI clients send it: `POST /`, every
 * business parameter in the query string, an empty body, the action in x-acs-action.
 */
export class Acs3RpcProtocol extends AlibabaProtocol {
  sign(action: AlibabaAction, params: AlibabaParams, c: AlibabaCredentials, nowMs: number): SignedRequest {
    return acs3SignedRequest(
      {
        host: this.host,
        action: action.name,
        version: this.version,
        method: "POST",
        pathname: "/",
        query: paramStrings(params),
      },
      c,
      nowMs,
    );
  }
}
