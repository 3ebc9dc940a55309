import { randomFillSync } from "node:crypto";
import type { SignedRequest } from "../core/call-protocol";
import { sha256Hex } from "../core/hashing";
import { SDK_USER_AGENT } from "../core/version";
import { acs3CanonicalHeaders, acs3CanonicalUri, signAcs3Canonical } from "./acs3-signer";
import type { AlibabaCredentials } from "./alibaba-credentials";
import { alibabaTimestamp } from "./alibaba-protocol";
import { canonicalQueryString } from "./percent-encode";

/** One request to sign with ACS3-HMAC-SHA256 (RPC and ROA alike). */
export interface Acs3Request {
  readonly host: string;
  readonly action: string;
  readonly version: string;
  readonly method: "GET" | "POST";
  readonly pathname: string;
  readonly query: Readonly<Record<string, string>>;
  /** A JSON body (ROA POST), or none. */
  readonly json?: string | undefined;
}

const EMPTY_BODY = Buffer.alloc(0);
const EMPTY_BODY_SHA256 = sha256Hex(EMPTY_BODY);

// Nonces are 16 bytes from the CSPRNG, hex: drawn from a pool refilled 256 nonces at a time, because one
// randomBytes call per request costs more than the rest of the signature.
const NONCE_BYTES = 16;
const noncePool = Buffer.alloc(NONCE_BYTES * 256);
let nonceOffset = noncePool.length;

/** A fresh 32-hex-digit signature nonce. */
export function acs3Nonce(): string {
  if (nonceOffset === noncePool.length) {
    randomFillSync(noncePool);
    nonceOffset = 0;
  }
  const nonce = noncePool.toString("hex", nonceOffset, nonceOffset + NONCE_BYTES);
  nonceOffset += NONCE_BYTES;
  return nonce;
}

/**
 * Builds the headers of signature V3 (action, version, date, a fresh nonce, the body hash, the STS token)
 * and signs them: host, content-type and every x-acs-* header are covered.
 */
export function acs3SignedRequest(r: Acs3Request, c: AlibabaCredentials, nowMs: number): SignedRequest {
  const body = r.json !== undefined ? Buffer.from(r.json, "utf8") : EMPTY_BODY;
  const headers: Record<string, string> = {
    host: r.host,
    "x-acs-action": r.action,
    "x-acs-version": r.version,
    "x-acs-date": alibabaTimestamp(nowMs),
    "x-acs-signature-nonce": acs3Nonce(),
    "x-acs-content-sha256": body.length === 0 ? EMPTY_BODY_SHA256 : sha256Hex(body),
    accept: "application/json",
    "user-agent": SDK_USER_AGENT,
  };
  if (r.json !== undefined) headers["content-type"] = "application/json; charset=utf-8";
  if (c.securityToken) {
    headers["x-acs-security-token"] = c.securityToken;
    headers["x-acs-accesskey-id"] = c.accessKeyId;
  }
  const qs = canonicalQueryString(r.query);
  headers.authorization = signAcs3Canonical({
    method: r.method,
    canonicalUri: acs3CanonicalUri(r.pathname),
    canonicalQuery: qs,
    ...acs3CanonicalHeaders(headers),
    hashedPayload: headers["x-acs-content-sha256"]!,
    accessKeyId: c.accessKeyId,
    accessKeySecret: c.accessKeySecret,
  }).authorization;
  return {
    method: r.method,
    path: qs ? `${r.pathname}?${qs}` : r.pathname,
    headers,
    body: body.length > 0 ? body : undefined,
  };
}
