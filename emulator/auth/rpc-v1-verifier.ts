import { createHmac } from "node:crypto";
import type { AuthResult, SecretLookup } from "./incoming-request";
import { canonicalQueryString, percentEncode } from "./percent-encoding";
import { authFailure, parseAcsTimestamp, sameText } from "./verifier-helpers";

/** Options for {@link verifyRpcV1}. `nowMs` is the emulator's clock, injected so tests can pin it. */
export interface RpcV1VerifyOptions {
  lookup: SecretLookup;
  nowMs: number;
  /** Allowed distance between `Timestamp` and now; the RPC window is unverified, 15 minutes as for V3. */
  maxSkewMs?: number;
  /** Returns true if the nonce was already used by this key (and records it otherwise). */
  nonceSeen?: (keyId: string, nonce: string) => boolean;
}

const DEFAULT_SKEW_MS = 15 * 60 * 1000;

/**
 * Verifies an RPC signature v1 (HMAC-SHA1) request (docs/vendor-notes/alibaba.md, signing). `params`: query and
 * form body merged and decoded.
 *
 * Error codes, a judgement call since Alibaba's exact choice is unverified: a missing or unsupported part of
 * the signature itself (AccessKeyId, Signature, SignatureMethod, SignatureVersion) is `IncompleteSignature`;
 * a missing ordinary common parameter (Timestamp, SignatureNonce) is `MissingParameter`. Both are HTTP 400.
 */
export function verifyRpcV1(
  method: string,
  params: Readonly<Record<string, string>>,
  opts: RpcV1VerifyOptions,
): AuthResult {
  for (const name of ["AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion"]) {
    if (params[name] === undefined)
      return authFailure("IncompleteSignature", `The signature parameter "${name}" is missing.`, 400);
  }
  if (params.SignatureMethod !== "HMAC-SHA1" || params.SignatureVersion !== "1.0") {
    return authFailure(
      "IncompleteSignature",
      "Only SignatureMethod HMAC-SHA1 with SignatureVersion 1.0 is supported.",
      400,
    );
  }
  for (const name of ["Timestamp", "SignatureNonce"]) {
    if (params[name] === undefined) {
      return authFailure(
        "MissingParameter",
        `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
        400,
      );
    }
  }
  const accessKeyId = params.AccessKeyId ?? "";
  const credential = opts.lookup(accessKeyId);
  if (credential === undefined)
    return authFailure("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404);

  const timestampMs = parseAcsTimestamp(params.Timestamp ?? "");
  if (timestampMs === undefined)
    return authFailure("InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.", 400);
  if (Math.abs(opts.nowMs - timestampMs) > (opts.maxSkewMs ?? DEFAULT_SKEW_MS)) {
    return authFailure("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.", 400);
  }

  const { Signature: signature = "", ...signed } = params;
  // The canonical string is encoded a second time, so `%` inside it becomes `%25`.
  const stringToSign = `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(canonicalQueryString(signed))}`;
  const expected = createHmac("sha1", `${credential.secret}&`).update(stringToSign, "utf8").digest("base64");
  if (!sameText(expected, signature)) {
    return authFailure(
      "SignatureDoesNotMatch",
      `Specified signature does not match our calculation. Server string to sign is:${stringToSign}`,
      400,
    );
  }

  // Checked only after the signature is proven, so a forged request cannot burn a legitimate client's nonce.
  if (opts.nonceSeen?.(accessKeyId, params.SignatureNonce ?? "") === true) {
    return authFailure("SignatureNonceUsed", "Specified signature nonce was used already.", 400);
  }
  // A key issued with an STS token must present exactly that token.
  const token = params.SecurityToken;
  if (credential.token !== undefined && token !== credential.token) {
    return authFailure(
      "InvalidSecurityToken.Malformed",
      "Specified SecurityToken is malformed or does not belong to this AccessKeyId.",
      400,
    );
  }
  return { ok: true, accessKeyId, token };
}
