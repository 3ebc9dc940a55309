import type { AnswerContext, ProtocolAnswer, SignedRequest } from "../core/call-protocol";
import { ConfigurationError } from "../core/errors";
import type { HttpResult } from "../core/transport";
import { acs3SignedRequest } from "./acs3-request";
import type { AlibabaAction } from "./action";
import type { AlibabaCredentials } from "./alibaba-credentials";
import { type AlibabaParams, AlibabaProtocol, paramStrings } from "./alibaba-protocol";

/**
 * Alibaba ROA (aicontent) with signature V3: the action's own method and path, a JSON body for POST, query
 * parameters for GET, and the `{success, errCode, errMessage, requestId, data}` envelope. An action whose
 * answer is raw bytes (an image) gets the body as it came, with the RequestId from x-acs-request-id.
 */
export class RoaProtocol extends AlibabaProtocol {
  sign(action: AlibabaAction, params: AlibabaParams, c: AlibabaCredentials, nowMs: number): SignedRequest {
    const roa = action.roa;
    if (!roa) throw new ConfigurationError(`${action.name} is not an ROA action`);
    const post = roa.method === "POST";
    return acs3SignedRequest(
      {
        host: this.host,
        action: action.name,
        version: this.version,
        method: roa.method,
        pathname: roa.path,
        query: post ? {} : paramStrings(params),
        json: post ? JSON.stringify(params) : undefined,
      },
      c,
      nowMs,
    );
  }

  override read(action: AlibabaAction, http: HttpResult, answer: AnswerContext): ProtocolAnswer {
    if (action.responseBody === "bytes" && http.status >= 200 && http.status < 300) {
      return { data: http.body, requestId: http.headers["x-acs-request-id"] };
    }
    return super.read(action, http, answer);
  }
}
