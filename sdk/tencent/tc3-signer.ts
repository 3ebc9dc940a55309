import { hmacSha256, sha256Hex } from "../core/hashing";

/** Everything TC3-HMAC-SHA256 covers. */
export interface Tc3SignInput {
  readonly secretId: string;
  readonly secretKey: string;
  /** Unix seconds, exactly as sent in X-TC-Timestamp. */
  readonly timestamp: number;
  /** Service in the credential scope: `vod`. (The official Node SDK uses the endpoint's first DNS label.) */
  readonly service: string;
  /** Host without port: the official SDKs sign `URL.hostname`. */
  readonly host: string;
  /** The Content-Type header value, byte-identical to what is sent. */
  readonly contentType: string;
  /** The exact body bytes. */
  readonly payload: string | Buffer;
  readonly method?: "POST" | "GET";
  /** Canonical query string for GET; empty for POST. */
  readonly canonicalQuery?: string;
  /** Extra headers to sign besides content-type and host, e.g. `{ "x-tc-action": "DescribeInstances" }`. */
  readonly extraSignedHeaders?: Readonly<Record<string, string>>;
}

/** The signature and every intermediate value (the emulator and the tests compare them). */
export interface Tc3Signature {
  readonly hashedPayload: string;
  readonly canonicalHeaders: string;
  readonly signedHeaders: string;
  readonly canonicalRequest: string;
  readonly credentialScope: string;
  readonly stringToSign: string;
  readonly signature: string;
  readonly authorization: string;
}

export const TC3_ALGORITHM = "TC3-HMAC-SHA256";

/** UTC calendar date of a Unix timestamp: the scope date must never use local time. */
export function utcDate(timestampSeconds: number): string {
  return new Date(timestampSeconds * 1000).toISOString().slice(0, 10);
}

/**
 * Signs a request with TC3-HMAC-SHA256 (Tencent Cloud API 3.0): canonical request, string to sign,
 * binary key chain TC3+key → date → service → tc3_request, lower-case hex signature.
 */
export function signTc3(input: Tc3SignInput): Tc3Signature {
  const headers: Record<string, string> = {
    "content-type": input.contentType,
    host: input.host,
  };
  for (const [k, v] of Object.entries(input.extraSignedHeaders ?? {})) headers[k.toLowerCase()] = v;
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((n) => `${n}:${headers[n]!.trim().toLowerCase()}\n`).join("");
  const signedHeaders = names.join(";");
  const hashedPayload = sha256Hex(input.payload);
  const canonicalRequest = [
    input.method ?? "POST",
    "/",
    input.canonicalQuery ?? "",
    canonicalHeaders,
    signedHeaders,
    hashedPayload,
  ].join("\n");
  const date = utcDate(input.timestamp);
  const credentialScope = `${date}/${input.service}/tc3_request`;
  const stringToSign = [TC3_ALGORITHM, String(input.timestamp), credentialScope, sha256Hex(canonicalRequest)].join(
    "\n",
  );
  const kDate = hmacSha256(`TC3${input.secretKey}`, date);
  const kService = hmacSha256(kDate, input.service);
  const kSigning = hmacSha256(kService, "tc3_request");
  const signature = hmacSha256(kSigning, stringToSign).toString("hex");
  const authorization =
    `${TC3_ALGORITHM} Credential=${input.secretId}/${credentialScope}, ` +
    `SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return {
    hashedPayload,
    canonicalHeaders,
    signedHeaders,
    canonicalRequest,
    credentialScope,
    stringToSign,
    signature,
    authorization,
  };
}
