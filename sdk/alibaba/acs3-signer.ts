import { hmacSha256Hex, sha256Hex, signingSecret } from "../core/hashing";
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

/** The canonical form of the signed headers: `name:value\n` lines sorted by lower-case name, and their names. */
export function acs3CanonicalHeaders(headers: Readonly<Record<string, string>>): {
  canonicalHeaders: string;
  signedHeaders: string;
} {
  const lower: Record<string, string> = {};
  for (const k of Object.keys(headers)) {
    const name = k.toLowerCase();
    if (isAcs3SignedHeader(name)) lower[name] = headers[k]!.trim();
  }
  const names = Object.keys(lower).sort();
  let canonicalHeaders = "";
  for (const n of names) canonicalHeaders += `${n}:${lower[n]}\n`;
  return { canonicalHeaders, signedHeaders: names.join(";") };
}

/** The parts of the canonical request that the caller has already computed (see {@link signAcs3}). */
export interface Acs3CanonicalParts {
  readonly method: string;
  readonly canonicalUri: string;
  readonly canonicalQuery: string;
  readonly canonicalHeaders: string;
  readonly signedHeaders: string;
  readonly hashedPayload: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/** Signs the canonical parts: canonical request, string to sign, hex HMAC-SHA256 with the plain secret. */
export function signAcs3Canonical(p: Acs3CanonicalParts): Acs3Signature {
  const canonicalRequest =
    `${p.method}\n${p.canonicalUri}\n${p.canonicalQuery}\n` +
    `${p.canonicalHeaders}\n${p.signedHeaders}\n${p.hashedPayload}`;
  const stringToSign = `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
  const signature = hmacSha256Hex(signingSecret(p.accessKeySecret), stringToSign);
  const authorization =
    `${ACS3_ALGORITHM} Credential=${p.accessKeyId},SignedHeaders=${p.signedHeaders},` + `Signature=${signature}`;
  return {
    hashedPayload: p.hashedPayload,
    canonicalQuery: p.canonicalQuery,
    canonicalHeaders: p.canonicalHeaders,
    signedHeaders: p.signedHeaders,
    canonicalRequest,
    stringToSign,
    signature,
    authorization,
  };
}

/** The canonical URI of a path: each segment percent-encoded, `/` for the root. */
export function acs3CanonicalUri(pathname: string): string {
  return pathname === "/" ? "/" : pathname.split("/").map(percentEncode).join("/") || "/";
}

/**
 * Signs with ACS3-HMAC-SHA256: canonical request (method, URI, sorted query, signed headers, body hash),
 * string to sign, hex HMAC-SHA256 keyed with the plain AccessKeySecret.
 */
export function signAcs3(input: Acs3SignInput): Acs3Signature {
  return signAcs3Canonical({
    method: input.method,
    canonicalUri: acs3CanonicalUri(input.pathname),
    canonicalQuery: canonicalQueryString(input.query),
    ...acs3CanonicalHeaders(input.headers),
    hashedPayload: sha256Hex(input.body),
    accessKeyId: input.accessKeyId,
    accessKeySecret: input.accessKeySecret,
  });
}
