import { randomBytes } from "node:crypto";
import type { SignedRequest } from "../core/call-protocol";
import { sha256Hex } from "../core/hashing";
import { SDK_USER_AGENT } from "../core/version";
import { signAcs3 } from "./acs3-signer";
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

/**
 * Builds the headers of signature V3 (action, version, date, a fresh nonce, the body hash, the STS token)
 * and signs them: host, content-type and every x-acs-* header are covered.
 */
export function acs3SignedRequest(r: Acs3Request, c: AlibabaCredentials, nowMs: number): SignedRequest {
  const body = r.json !== undefined ? Buffer.from(r.json, "utf8") : Buffer.alloc(0);
  const headers: Record<string, string> = {
    host: r.host,
    "x-acs-action": r.action,
    "x-acs-version": r.version,
    "x-acs-date": alibabaTimestamp(nowMs),
    "x-acs-signature-nonce": randomBytes(16).toString("hex"),
    "x-acs-content-sha256": sha256Hex(body),
    accept: "application/json",
    "user-agent": SDK_USER_AGENT,
  };
  if (r.json !== undefined) headers["content-type"] = "application/json; charset=utf-8";
  if (c.securityToken) {
    headers["x-acs-security-token"] = c.securityToken;
    headers["x-acs-accesskey-id"] = c.accessKeyId;
  }
  headers.authorization = signAcs3({
    method: r.method,
    pathname: r.pathname,
    query: r.query,
    headers,
    body,
    accessKeyId: c.accessKeyId,
    accessKeySecret: c.accessKeySecret,
  }).authorization;
  const qs = canonicalQueryString(r.query);
  return {
    method: r.method,
    path: qs ? `${r.pathname}?${qs}` : r.pathname,
    headers,
    body: body.length > 0 ? body : undefined,
  };
}
