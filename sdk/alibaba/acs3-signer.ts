import { hmacSha256, sha256Hex } from "../core/hashing";
import { canonicalQueryString, percentEncode } from "./percent-encode";

/** Everything ACS3-HMAC-SHA256 (Alibaba signature V3, RPC and ROA alike) covers. */
export interface Acs3SignInput {
  readonly method: "GET" | "POST";
  /** `/` for RPC; the ROA path otherwise. */
  readonly pathname: string;
  readonly query: Readonly<Record<string, string>>;
  /** Request headers; host, content-type and every x-acs-* header are signed. */
  readonly headers: Readonly<Record<string, string>>;
  /** The exact body bytes ("" when there is none). */
  readonly body: string | Buffer;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

export interface Acs3Signature {
  readonly hashedPayload: string;
  readonly canonicalQuery: string;
  readonly canonicalHeaders: string;
  readonly signedHeaders: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signature: string;
  readonly authorization: string;
}

export const ACS3_ALGORITHM = "ACS3-HMAC-SHA256";

/** True for the headers V3 signs: host, content-type and the x-acs-* family. */
export function isAcs3SignedHeader(lowerName: string): boolean {
  return lowerName === "host" || lowerName === "content-type" || lowerName.startsWith("x-acs-");
}

/**
 * Signs with ACS3-HMAC-SHA256: canonical request (method, URI, sorted query, signed headers, body hash),
 * string to sign, hex HMAC-SHA256 keyed with the plain AccessKeySecret.
 */
export function signAcs3(input: Acs3SignInput): Acs3Signature {
  const hashedPayload = sha256Hex(input.body);
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers)) {
    const name = k.toLowerCase();
    if (isAcs3SignedHeader(name)) lower[name] = v.trim();
  }
  const names = Object.keys(lower).sort();
  const canonicalHeaders = names.map((n) => `${n}:${lower[n]}\n`).join("");
  const signedHeaders = names.join(";");
  const canonicalUri = input.pathname.split("/").map(percentEncode).join("/") || "/";
  const canonicalQuery = canonicalQueryString(input.query);
  const canonicalRequest = [
    input.method,
    canonicalUri,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    hashedPayload,
  ].join("\n");
  const stringToSign = `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
  const signature = hmacSha256(input.accessKeySecret, stringToSign).toString("hex");
  const authorization =
    `${ACS3_ALGORITHM} Credential=${input.accessKeyId},SignedHeaders=${signedHeaders},` + `Signature=${signature}`;
  return {
    hashedPayload,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    canonicalRequest,
    stringToSign,
    signature,
    authorization,
  };
}
