import { createHash, createHmac } from "node:crypto";
import type { AuthResult, IncomingRequest, SecretLookup } from "./incoming-request";
import { canonicalPath, canonicalQueryString, parseQueryString } from "./percent-encoding";
import { authFailure, parseAcsTimestamp, sameText } from "./verifier-helpers";

/** Options for {@link verifyAcs3}. `nowMs` is the emulator's clock, injected so tests can pin it. */
export interface Acs3VerifyOptions {
  lookup: SecretLookup;
  nowMs: number;
  /** Allowed distance between `x-acs-date` and now; Alibaba documents 15 minutes. */
  maxSkewMs?: number;
  /** Returns true if the nonce was already used by this key (and records it otherwise). */
  nonceSeen?: (keyId: string, nonce: string) => boolean;
}

const AUTHORIZATION =
  /^ACS3-HMAC-SHA256 Credential=([^,\s]+),SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*),Signature=([0-9a-f]{64})$/;

/**
 * The server's exact minimum is unverified (docs/vendor-notes/alibaba.md, signing); these are the headers every
 * SDK signs.
 */
const REQUIRED_SIGNED_HEADERS = [
  "host",
  "x-acs-action",
  "x-acs-content-sha256",
  "x-acs-date",
  "x-acs-signature-nonce",
  "x-acs-version",
];

const DEFAULT_SKEW_MS = 15 * 60 * 1000;

/**
 * Verifies an ACS3-HMAC-SHA256 signed request (Alibaba V3 signature, RPC and ROA alike;
 * docs/vendor-notes/alibaba.md, signing).
 * The canonical request is rebuilt from the SignedHeaders list the client sent, so extra signed headers such
 * as `x-acs-credentials-provider` are covered. Replay is checked only once the signature is proven, so a
 * forged request cannot burn a legitimate client's nonce.
 */
export function verifyAcs3(req: IncomingRequest, opts: Acs3VerifyOptions): AuthResult {
  const match = AUTHORIZATION.exec(req.headers.authorization ?? "");
  if (match === null)
    return authFailure("IncompleteSignature", "The request signature does not conform to Aliyun standards.", 400);
  const [, accessKeyId = "", signedHeaders = "", signature = ""] = match;
  const signedNames = signedHeaders.split(";");
  const required = req.body.length > 0 ? [...REQUIRED_SIGNED_HEADERS, "content-type"] : REQUIRED_SIGNED_HEADERS;
  const unsigned = required.filter((name) => !signedNames.includes(name));
  if (unsigned.length > 0)
    return authFailure("IncompleteSignature", `SignedHeaders must include: ${unsigned.join(", ")}.`, 400);
  const absent = signedNames.filter((name) => req.headers[name] === undefined);
  if (absent.length > 0)
    return authFailure("IncompleteSignature", `Signed headers missing from the request: ${absent.join(", ")}.`, 400);

  const credential = opts.lookup(accessKeyId);
  if (credential === undefined)
    return authFailure("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404);

  const dateMs = parseAcsTimestamp(req.headers["x-acs-date"] ?? "");
  if (dateMs === undefined)
    return authFailure("InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.", 400);
  if (Math.abs(opts.nowMs - dateMs) > (opts.maxSkewMs ?? DEFAULT_SKEW_MS)) {
    return authFailure("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.", 400);
  }

  const payloadHash = createHash("sha256").update(req.body).digest("hex");
  if (req.headers["x-acs-content-sha256"] !== payloadHash) {
    return authFailure(
      "SignatureDoesNotMatch",
      "The x-acs-content-sha256 header does not match the SHA-256 of the request body.",
      400,
    );
  }

  const canonicalHeaders = signedNames.map((name) => `${name}:${(req.headers[name] ?? "").trim()}\n`).join("");
  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalPath(req.pathname),
    // Decode then re-encode: the wire may carry `*` literally while the client signed `%2A`.
    canonicalQueryString(parseQueryString(req.rawQuery)),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join("\n");
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash("sha256").update(canonicalRequest, "utf8").digest("hex")}`;
  const expected = createHmac("sha256", credential.secret).update(stringToSign, "utf8").digest("hex");
  if (!sameText(expected, signature)) {
    return authFailure(
      "SignatureDoesNotMatch",
      `Specified signature does not match our calculation. Server string to sign is:${stringToSign}`,
      400,
    );
  }

  if (opts.nonceSeen?.(accessKeyId, req.headers["x-acs-signature-nonce"] ?? "") === true) {
    return authFailure("SignatureNonceUsed", "Specified signature nonce was used already.", 400);
  }
  // A key issued with an STS token must present exactly that token.
  const token = req.headers["x-acs-security-token"];
  if (credential.token !== undefined && token !== credential.token) {
    return authFailure(
      "InvalidSecurityToken.Malformed",
      "Specified SecurityToken is malformed or does not belong to this AccessKeyId.",
      400,
    );
  }
  return { ok: true, accessKeyId, token };
}
