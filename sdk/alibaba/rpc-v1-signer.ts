import { hmacSha1Base64, signingSecret } from "../core/hashing";
import { canonicalQueryString, percentEncode } from "./percent-encode";

export interface RpcV1Signature {
  readonly canonicalizedQueryString: string;
  readonly stringToSign: string;
  readonly signature: string;
}

/**
 * Signs RPC parameters with signature v1 (HMAC-SHA1): every parameter except Signature, sorted and
 * encoded, encoded once more into `METHOD&%2F&…`, keyed with `AccessKeySecret&`, base64.
 */
export function signRpcV1(
  method: "GET" | "POST",
  params: Readonly<Record<string, string>>,
  accessKeySecret: string,
): RpcV1Signature {
  const { Signature: _ignored, ...rest } = params;
  const canonicalizedQueryString = canonicalQueryString(rest);
  const stringToSign = `${method}&${percentEncode("/")}&${percentEncode(canonicalizedQueryString)}`;
  return {
    canonicalizedQueryString,
    stringToSign,
    signature: hmacSha1Base64(signingSecret(`${accessKeySecret}&`), stringToSign),
  };
}
