import { createSecretKey, type KeyObject } from "node:crypto";
import { hmacSha256, hmacSha256Hex, sha256Hex } from "../core/hashing";

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

let lastDay = Number.NaN;
let lastDate = "";

/** UTC calendar date of a Unix timestamp: the scope date must never use local time. */
export function utcDate(timestampSeconds: number): string {
  const day = Math.floor(timestampSeconds / 86_400);
  if (day !== lastDay) {
    lastDate = new Date(day * 86_400_000).toISOString().slice(0, 10);
    lastDay = day;
  }
  return lastDate;
}

// The signing key depends only on the secret, the date and the service: derived once a day per secret and
// service, not three HMACs per request. Bounded: a process that cycles through many keys drops old ones.
const signingKeys = new Map<string, { date: string; service: string; key: KeyObject }>();
const MAX_SIGNING_KEYS = 64;

/** kSigning = HMAC(HMAC(HMAC("TC3" + secretKey, date), service), "tc3_request"). */
function signingKey(secretKey: string, date: string, service: string): KeyObject {
  const known = signingKeys.get(secretKey);
  if (known !== undefined && known.date === date && known.service === service) return known.key;
  const kDate = hmacSha256(`TC3${secretKey}`, date);
  const kService = hmacSha256(kDate, service);
  const key = createSecretKey(hmacSha256(kService, "tc3_request"));
  if (!known && signingKeys.size >= MAX_SIGNING_KEYS) signingKeys.clear();
  signingKeys.set(secretKey, { date, service, key });
  return key;
}

/**
 * Signs a request with TC3-HMAC-SHA256 (Tencent Cloud API 3.0): canonical request, string to sign,
 * binary key chain TC3+key → date → service → tc3_request, lower-case hex signature.
 */
export function signTc3(input: Tc3SignInput): Tc3Signature {
  let canonicalHeaders: string;
  let signedHeaders: string;
  if (input.extraSignedHeaders === undefined) {
    // The usual case: content-type and host, already in order.
    canonicalHeaders =
      `content-type:${input.contentType.trim().toLowerCase()}\n` + `host:${input.host.trim().toLowerCase()}\n`;
    signedHeaders = "content-type;host";
  } else {
    const headers: Record<string, string> = {
      "content-type": input.contentType,
      host: input.host,
    };
    for (const [k, v] of Object.entries(input.extraSignedHeaders)) headers[k.toLowerCase()] = v;
    const names = Object.keys(headers).sort();
    canonicalHeaders = names.map((n) => `${n}:${headers[n]!.trim().toLowerCase()}\n`).join("");
    signedHeaders = names.join(";");
  }
  const hashedPayload = sha256Hex(input.payload);
  const canonicalRequest =
    `${input.method ?? "POST"}\n/\n${input.canonicalQuery ?? ""}\n` +
    `${canonicalHeaders}\n${signedHeaders}\n${hashedPayload}`;
  const date = utcDate(input.timestamp);
  const credentialScope = `${date}/${input.service}/tc3_request`;
  const stringToSign = `${TC3_ALGORITHM}\n${input.timestamp}\n${credentialScope}\n${sha256Hex(canonicalRequest)}`;
  const signature = hmacSha256Hex(signingKey(input.secretKey, date, input.service), stringToSign);
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
